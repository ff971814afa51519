import datetime

import pytest

from events.models import Meeting
from events.services import (
    event_register,
    meeting_answer,
    meeting_follow_up,
    meeting_request,
    schedule_build,
)
from tests.factories import EventFactory
from tests.matchmaking.cases import build_boras_case


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def register():
    def _register(event, organisation, person, **kwargs):
        return event_register(
            event=event, organisation=organisation, people=[person], by=person, **kwargs
        )

    return _register


@pytest.fixture
def met(event, boras, alice, centre_val_de_loire, charlie):
    """Centre-Val de Loire brought its request, Borås its offer; they met."""
    case = build_boras_case(boras, centre_val_de_loire)
    theirs = event_register(
        event=event,
        organisation=centre_val_de_loire,
        people=[charlie],
        listings=[case.request],
        by=charlie,
    )
    mine = event_register(
        event=event, organisation=boras, people=[alice], listings=[case.boras_offer], by=alice
    )
    asked = meeting_request(requester=mine, invitee=theirs, by=alice)
    meeting_answer(meeting_request=asked, accept=True, by=charlie)
    schedule_build(event=event)
    meeting = Meeting.objects.get()
    meeting.case = case
    return meeting


@pytest.fixture
def say():
    """After the meeting, one organisation says whether it wants to follow up."""
    return _say


def _say(meeting, organisation, person, follow_up=True):
    later = meeting.starts_at + datetime.timedelta(minutes=30)
    meeting_follow_up(
        meeting=meeting, organisation=organisation, follow_up=follow_up, by=person, now=later
    )
