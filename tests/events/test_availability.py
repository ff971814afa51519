"""Breaks and each organisation's unavailable slots stay free of meetings; the
limit of people per organisation holds."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Meeting
from events.services import (
    EventError,
    meeting_move,
    registration_availability_set,
    schedule_build,
)


def test_schedule_skips_the_breaks(event, accepted):
    event.breaks = [0]
    event.save()
    schedule_build(event=event)
    assert Meeting.objects.get().slot == 1


def test_schedule_skips_the_slots_an_organisation_cannot_meet_in(client, event, accepted, charlie):
    client.force_login(charlie)
    client.post(reverse("events:availability", args=[event.pk]), {"unavailable": ["0", "1"]})
    accepted[1].refresh_from_db()
    assert accepted[1].unavailable_slots == [0, 1]
    page = client.get(reverse("events:agenda", args=[event.pk])).text
    assert 'id="unavailable-0" checked' in page
    schedule_build(event=event)
    assert Meeting.objects.get().slot == 2


def test_a_meeting_cannot_be_moved_into_a_break_or_an_unavailable_slot(event, accepted, alice):
    schedule_build(event=event)
    meeting = Meeting.objects.get()
    event.breaks = [2]
    event.save()
    with pytest.raises(EventError, match="break"):
        meeting_move(meeting=meeting, slot=2, table=1)
    accepted[0].unavailable_slots = [1]
    accepted[0].save()
    with pytest.raises(EventError, match="cannot meet"):
        meeting_move(meeting=meeting, slot=1, table=1)


def test_a_slot_already_holding_a_meeting_cannot_be_marked_unavailable(event, accepted, alice):
    schedule_build(event=event)
    with pytest.raises(EventError, match="ask the secretariat to move it"):
        registration_availability_set(registration=accepted[0], unavailable=[0], by=alice)
    with pytest.raises(EventError, match="Only people of"):
        registration_availability_set(registration=accepted[1], unavailable=[1], by=alice)


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
