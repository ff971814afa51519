"""The e-mails of an event: the confirmation carries the calendar file, a
meeting moved by hand is announced, the day before brings a reminder; each
once, with a text and an HTML part."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import EventStatus, Meeting, MeetingSeat
from events.notices import event_reminders_record
from events.services import (
    EventError,
    meeting_answer,
    meeting_move,
    meeting_request,
    schedule_build,
)
from events.tasks import record_event_reminders
from notifications.models import Notification


def sent_to(mailoutbox, email):
    return [m for m in mailoutbox if m.to == [email]]


def html_of(message):
    return next(content for content, kind in message.alternatives if kind == "text/html")


def test_confirmation_carries_the_event_as_a_calendar_file_once(
    event, register, boras, alice, mailoutbox, django_capture_on_commit_callbacks
):
    event.starts_at = datetime.datetime(2027, 3, 4, 8, 30, tzinfo=datetime.UTC)
    event.ends_at = event.starts_at + datetime.timedelta(hours=5)
    event.registration_deadline = timezone.now() + datetime.timedelta(days=10)
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        register(event, boras, alice)
    (mail,) = sent_to(mailoutbox, "alice@boras.example")
    assert "registered" in mail.body
    assert "registered" in html_of(mail)
    ((filename, content, mimetype),) = mail.attachments
    assert (filename, mimetype) == (f"event-{event.pk}.ics", "text/calendar")
    assert "DTSTART:20270304T083000Z\r\n" in content
    assert "SUMMARY:RSP matchmaking day in Borås" in content


def test_a_moved_meeting_is_announced_to_both_once_per_move(
    scheduled, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_move(meeting=scheduled, slot=2, table=2)
        meeting_move(meeting=scheduled, slot=2, table=2)  # no change: no e-mail
    assert sorted(m.to[0] for m in mailoutbox) == [
        "alice@boras.example",
        "charlie@centre-valdeloire.example",
    ]
    assert "table 2, instead of" in mailoutbox[0].body
    assert "table 2, instead of" in html_of(mailoutbox[0])
    assert set(MeetingSeat.objects.values_list("slot", flat=True)) == {2}
    with django_capture_on_commit_callbacks(execute=True):
        meeting_move(meeting=scheduled, slot=1, table=2)
    assert len(mailoutbox) == 4


def test_a_move_onto_a_taken_table_or_a_busy_organisation_is_refused(
    scheduled, event, register, boras, alice
):
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    other = OrganisationFactory()
    person = UserFactory()
    MembershipFactory(user=person, organisation=other)
    third = register(event, other, person)
    mine = scheduled.request.requester
    meeting_answer(
        meeting_request=meeting_request(requester=third, invitee=mine, by=person),
        accept=True,
        by=alice,
    )
    schedule_build(event=event)
    second = Meeting.objects.exclude(pk=scheduled.pk).get()
    with pytest.raises(EventError, match="already has a meeting"):
        meeting_move(meeting=second, slot=scheduled.slot, table=2)
    with pytest.raises(EventError, match="taken"):
        meeting_move(meeting=second, slot=scheduled.slot, table=scheduled.table)
    with pytest.raises(EventError, match="slots"):
        meeting_move(meeting=second, slot=event.slots, table=1)


def test_secretariat_moves_a_meeting_in_the_admin_and_both_are_told(
    secretariat_client, scheduled, django_capture_on_commit_callbacks
):
    url = reverse("admin:events_meeting_change", args=[scheduled.pk])
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, {"slot": 2, "table": 1})
    scheduled.refresh_from_db()
    assert (scheduled.slot, scheduled.table) == (2, 1)
    assert Notification.objects.filter(kind="event_meeting_moved").count() == 2
    page = secretariat_client.post(url, {"slot": 99, "table": 1}).text
    assert "This event has slots 0 to" in page


def test_the_day_before_each_person_is_reminded_once_with_their_meetings(
    event, scheduled, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    two_days_before = event.starts_at - datetime.timedelta(days=2)
    assert event_reminders_record(now=two_days_before) == 0
    day_before = event.starts_at - datetime.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        event_reminders_record(now=day_before)
        event_reminders_record(now=day_before + datetime.timedelta(hours=1))
    (mail,) = sent_to(mailoutbox, "alice@boras.example")
    assert mail.subject == "Tomorrow: RSP matchmaking day in Borås"
    assert "Centre-Val de Loire" in mail.body
    assert "Centre-Val de Loire" in html_of(mail)
    assert mail.attachments[0][0] == f"event-{event.pk}.ics"
    assert f"meeting-{scheduled.pk}-" in mail.attachments[0][1]
    assert len(mailoutbox) == 2


def test_cancelled_events_send_no_reminder(event, scheduled):
    event.status = EventStatus.CANCELLED
    event.save()
    assert record_event_reminders.apply().get() == 0  # the beat task runs the same rule
    assert event_reminders_record(now=event.starts_at - datetime.timedelta(hours=2)) == 0
