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
def accepted(event, register, boras, alice, centre_val_de_loire, charlie):
    """Borås and Centre-Val de Loire registered; Centre-Val de Loire accepted Borås's
    request to meet. (Borås's registration, Centre-Val de Loire's), not yet scheduled."""
    mine = register(event, boras, alice)
    theirs = register(event, centre_val_de_loire, charlie)
    meeting_answer(
        meeting_request=meeting_request(requester=mine, invitee=theirs, by=alice),
        accept=True,
        by=charlie,
    )
    return mine, theirs


@pytest.fixture
def scheduled(event, accepted):
    """The accepted meeting, in its slot and at its table."""
    schedule_build(event=event)
    return Meeting.objects.get()


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
