"""The schedule holds no meeting of a suspended organisation (events.hold_a_meeting):
an accepted meeting waits unplaced, one already placed leaves the schedule at the
next build and its active partner is told that the time is free. The request stays
accepted: reinstated, the organisation's meeting is placed again by the next build.
Until that build, the partner's agenda and event page say the meeting is on hold."""

import datetime

import pytest
from django.urls import reverse

from events.models import Event, Meeting, MeetingRequest, MeetingRequestStatus
from events.services import meeting_answer, meeting_request, schedule_build
from notifications.models import Notification
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, reinstate, suspend

pytestmark = pytest.mark.django_db

ON_HOLD = "on hold: the organisation is not an active member of the partnership"


def notices(kind, person):
    return list(Notification.objects.filter(kind=kind, recipient=person))


def test_a_suspended_organisations_accepted_meeting_is_not_placed(
    event, accepted, alice, charlie, centre_val_de_loire
):
    suspend(centre_val_de_loire)
    result = schedule_build(event=event)
    assert (result.placed, result.unplaced, result.on_hold) == (0, 0, 1)
    assert not Meeting.objects.exists()
    assert MeetingRequest.objects.get().status == MeetingRequestStatus.ACCEPTED
    assert not notices("event_meeting_scheduled", alice)
    assert not notices("event_meeting_scheduled", charlie)


def test_a_placed_meeting_of_a_suspended_organisation_leaves_the_schedule_and_its_partner_is_told(
    event,
    scheduled,
    alice,
    charlie,
    centre_val_de_loire,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    suspend(centre_val_de_loire)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = schedule_build(event=event)
    assert (result.placed, result.on_hold) == (0, 1)
    assert not Meeting.objects.exists()
    assert MeetingRequest.objects.get().status == MeetingRequestStatus.ACCEPTED
    (told,) = notices("event_meeting_on_hold", alice)
    assert told.context["partner"] == str(centre_val_de_loire)
    assert not notices("event_meeting_on_hold", charlie)
    (mail,) = mailoutbox
    assert mail.to == [alice.email]
    assert "will not take place" in mail.body and "free for another meeting" in mail.body
    # Building again removes nothing more and tells no one again.
    schedule_build(event=event)
    assert len(notices("event_meeting_on_hold", alice)) == 1


def test_the_freed_slot_goes_to_another_meeting_of_the_partner(
    event, scheduled, boras, alice, centre_val_de_loire, register
):
    slot = scheduled.slot
    other = OrganisationFactory()
    person = UserFactory()
    MembershipFactory(user=person, organisation=other)
    mine = scheduled.request.requester
    theirs = register(event, other, person)
    meeting_answer(
        meeting_request=meeting_request(requester=mine, invitee=theirs, by=alice),
        accept=True,
        by=person,
    )
    suspend(centre_val_de_loire)
    result = schedule_build(event=event)
    # The active pair is placed, in the slot the suspended organisation left free.
    assert (result.placed, result.on_hold) == (1, 1)
    (meeting,) = Meeting.objects.all()
    assert meeting.request.invitee == theirs and meeting.slot == slot


def test_a_meeting_that_has_begun_stays_on_the_schedule(
    event, scheduled, alice, centre_val_de_loire
):
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - datetime.timedelta(days=40),
        ends_at=event.ends_at - datetime.timedelta(days=40),
    )
    suspend(centre_val_de_loire)
    schedule_build(event=event)
    assert Meeting.objects.filter(pk=scheduled.pk).exists()
    assert not notices("event_meeting_on_hold", alice)


def test_a_reinstated_organisations_meeting_is_placed_again(
    event, scheduled, alice, charlie, centre_val_de_loire
):
    suspend(centre_val_de_loire)
    schedule_build(event=event)
    reinstate(centre_val_de_loire)
    result = schedule_build(event=event)
    assert (result.placed, result.on_hold) == (1, 0)
    (meeting,) = Meeting.objects.all()
    assert meeting.request == scheduled.request
    # Both are told the time again: the partner was told the meeting was off.
    assert len(notices("event_meeting_scheduled", alice)) == 2
    assert len(notices("event_meeting_scheduled", charlie)) == 2


def test_until_the_next_build_the_partner_reads_that_the_meeting_is_on_hold(
    client, event, scheduled, alice, centre_val_de_loire, django_assert_max_num_queries
):
    suspend(centre_val_de_loire)
    client.force_login(alice)
    with django_assert_max_num_queries(12):
        agenda = client.get(reverse("events:agenda", args=[event.pk])).text
    assert ON_HOLD in agenda
    assert ON_HOLD in client.get(event.get_absolute_url()).text
    assert ON_HOLD in client.get(reverse("events:agenda-print", args=[event.pk])).text
    reinstate(centre_val_de_loire)
    assert ON_HOLD not in client.get(reverse("events:agenda", args=[event.pk])).text
    assert ON_HOLD not in client.get(event.get_absolute_url()).text


def test_the_secretariat_reads_how_many_meetings_wait_for_a_suspended_organisation(
    secretariat_client, event, accepted, centre_val_de_loire
):
    suspend(centre_val_de_loire)
    page = secretariat_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "build_schedule", "_selected_action": [event.pk]},
        follow=True,
    )
    assert "1 on hold while an organisation is not an active member" in page.content.decode()
