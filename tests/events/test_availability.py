"""Breaks and each organisation's unavailable slots stay free of meetings; the
limit of people per organisation holds."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Meeting
from events.services import (
    EventError,
    meeting_answer,
    meeting_move,
    meeting_request,
    registration_availability_set,
    schedule_build,
)


@pytest.fixture
def pair(event, register, boras, alice, centre_val_de_loire, charlie):
    mine = register(event, boras, alice)
    theirs = register(event, centre_val_de_loire, charlie)
    meeting_answer(
        meeting_request=meeting_request(requester=mine, invitee=theirs, by=alice),
        accept=True,
        by=charlie,
    )
    return mine, theirs


def test_schedule_skips_the_breaks(event, pair):
    event.breaks = [0]
    event.save()
    schedule_build(event=event)
    assert Meeting.objects.get().slot == 1


def test_schedule_skips_the_slots_an_organisation_cannot_meet_in(client, event, pair, charlie):
    client.force_login(charlie)
    client.post(reverse("events:availability", args=[event.pk]), {"unavailable": ["0", "1"]})
    pair[1].refresh_from_db()
    assert pair[1].unavailable_slots == [0, 1]
    page = client.get(reverse("events:agenda", args=[event.pk])).text
    assert 'id="unavailable-0" checked' in page
    schedule_build(event=event)
    assert Meeting.objects.get().slot == 2


def test_a_meeting_cannot_be_moved_into_a_break_or_an_unavailable_slot(event, pair, alice):
    schedule_build(event=event)
    meeting = Meeting.objects.get()
    event.breaks = [2]
    event.save()
    with pytest.raises(EventError, match="break"):
        meeting_move(meeting=meeting, slot=2, table=1)
    pair[0].unavailable_slots = [1]
    pair[0].save()
    with pytest.raises(EventError, match="cannot meet"):
        meeting_move(meeting=meeting, slot=1, table=1)


def test_a_slot_already_holding_a_meeting_cannot_be_marked_unavailable(event, pair, alice):
    schedule_build(event=event)
    with pytest.raises(EventError, match="ask the secretariat to move it"):
        registration_availability_set(registration=pair[0], unavailable=[0], by=alice)
    with pytest.raises(EventError, match="Only people of"):
        registration_availability_set(registration=pair[1], unavailable=[1], by=alice)


def test_breaks_must_be_slots_of_the_event(event):
    event.breaks = [event.slots]
    with pytest.raises(ValidationError):
        event.full_clean()


def test_no_more_people_than_the_limit_per_organisation(event, boras, alice, bob):
    from events.services import event_register

    event.people_per_organisation = 1
    event.save()
    with pytest.raises(EventError, match="At most 1 person per organisation"):
        event_register(event=event, organisation=boras, people=[alice, bob], by=alice)
