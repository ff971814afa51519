"""A placed meeting with a suspended organisation is on hold at once, for every
reader, without waiting for the next schedule build (Meeting.is_on_hold): the
calendar feed, download and attachments leave it out, the secretariat's grid
flags it, the day-before reminder lists it to neither side, and the secretariat
cannot move it by hand. Reinstated, it is back everywhere."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from events.calendar import feed_token
from events.models import Event, MeetingSeat
from events.notices import event_reminders_record
from events.services import EventError, meeting_move
from notifications.models import Notification
from tests.factories import reinstate, suspend

pytestmark = pytest.mark.django_db

GRID_ON_HOLD = 'data-testid="grid-on-hold"'


def feed(client, person, meeting):
    token = feed_token(user=person, event=meeting.event)
    return client.get(reverse("events:agenda-feed", args=[token])).content.decode()


def uid(meeting):
    return f"meeting-{meeting.pk}-"


def test_the_calendar_feed_leaves_out_a_meeting_on_hold_for_both_sides(
    client, scheduled, alice, charlie, centre_val_de_loire
):
    assert uid(scheduled) in feed(client, alice, scheduled)
    suspend(centre_val_de_loire)
    for person in (alice, charlie):
        calendar = feed(client, person, scheduled)
        assert uid(scheduled) not in calendar
        assert "BEGIN:VCALENDAR" in calendar and "END:VCALENDAR" in calendar
        # The event itself stays in their calendar.
        assert f"event-{scheduled.event_id}@" in calendar
    client.force_login(alice)
    download = client.get(reverse("events:agenda-ics", args=[scheduled.event_id]))
    assert uid(scheduled) not in download.content.decode()


def test_a_reinstated_organisations_meeting_is_back_in_the_calendar_feed(
    client, scheduled, alice, charlie, centre_val_de_loire
):
    suspend(centre_val_de_loire)
    reinstate(centre_val_de_loire)
    assert uid(scheduled) in feed(client, alice, scheduled)
    assert uid(scheduled) in feed(client, charlie, scheduled)


def test_a_meeting_that_has_begun_stays_in_the_calendar_feed(
    client, scheduled, alice, centre_val_de_loire
):
    Event.objects.filter(pk=scheduled.event_id).update(
        starts_at=scheduled.event.starts_at - datetime.timedelta(days=40),
        ends_at=scheduled.event.ends_at - datetime.timedelta(days=40),
    )
    suspend(centre_val_de_loire)
    assert uid(scheduled) in feed(client, alice, scheduled)


def test_the_schedule_grid_flags_a_meeting_on_hold(
    secretariat_client, scheduled, centre_val_de_loire, django_assert_max_num_queries
):
    url = reverse("admin:events_event_schedule", args=[scheduled.event_id])
    assert GRID_ON_HOLD not in secretariat_client.get(url).text
    suspend(centre_val_de_loire)
    with django_assert_max_num_queries(20):
        page = secretariat_client.get(url).text
    grid = page.split('data-testid="schedule-grid"')[1].split("</table>")[0]
    assert GRID_ON_HOLD in grid
    assert "on hold: Centre-Val de Loire" in grid
    # The count of meetings waiting for a build does not ask for one that cannot place it.
    assert "no place yet" not in page
    reinstate(centre_val_de_loire)
    assert GRID_ON_HOLD not in secretariat_client.get(url).text


def test_the_schedule_grid_counts_accepted_meetings_waiting_for_a_suspended_organisation(
    secretariat_client, event, accepted, centre_val_de_loire
):
    suspend(centre_val_de_loire)
    page = secretariat_client.get(reverse("admin:events_event_schedule", args=[event.pk])).text
    assert "1 accepted meeting is on hold" in page
    assert "no place yet" not in page


def remind(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event_reminders_record(now=event.starts_at - datetime.timedelta(hours=20))


def mail_to(mailoutbox, person):
    (mail,) = [m for m in mailoutbox if m.to == [person.email]]
    return mail


def test_the_day_before_neither_side_is_reminded_of_a_meeting_on_hold(
    event,
    scheduled,
    alice,
    charlie,
    centre_val_de_loire,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    suspend(centre_val_de_loire)
    mailoutbox.clear()
    remind(event, django_capture_on_commit_callbacks)
    for person in (alice, charlie):
        mail = mail_to(mailoutbox, person)
        assert "You have no meetings scheduled yet." in mail.body
        assert "Your meetings:" not in mail.body
        ((_, calendar, _),) = mail.attachments
        assert uid(scheduled) not in calendar


def test_the_day_before_a_reinstated_organisations_meeting_is_in_the_reminder(
    event,
    scheduled,
    alice,
    charlie,
    centre_val_de_loire,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    suspend(centre_val_de_loire)
    reinstate(centre_val_de_loire)
    mailoutbox.clear()
    remind(event, django_capture_on_commit_callbacks)
    mail = mail_to(mailoutbox, alice)
    assert "Your meetings:" in mail.body and "Centre-Val de Loire" in mail.body
    assert uid(scheduled) in mail.attachments[0][1]


def test_a_meeting_on_hold_cannot_be_moved(scheduled, centre_val_de_loire):
    suspend(centre_val_de_loire)
    with pytest.raises(EventError, match="on hold"):
        meeting_move(meeting=scheduled, slot=2, table=2)
    assert set(MeetingSeat.objects.values_list("slot", flat=True)) == {scheduled.slot}


def test_the_secretariat_reads_why_a_meeting_on_hold_is_not_moved(
    secretariat_client, scheduled, centre_val_de_loire, django_capture_on_commit_callbacks
):
    suspend(centre_val_de_loire)
    url = reverse("admin:events_meeting_change", args=[scheduled.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = secretariat_client.post(url, {"slot": 2, "table": 1}).text
    assert (
        f"This meeting is on hold: {centre_val_de_loire} is not an active member of the "
        "partnership, so it is not moved." in page
    )
    scheduled.refresh_from_db()
    assert scheduled.slot != 2 or scheduled.table != 1
    assert not Notification.objects.filter(kind="event_meeting_moved").exists()


def test_a_reinstated_organisations_meeting_is_moved_again(
    secretariat_client, scheduled, centre_val_de_loire, django_capture_on_commit_callbacks
):
    suspend(centre_val_de_loire)
    reinstate(centre_val_de_loire)
    url = reverse("admin:events_meeting_change", args=[scheduled.pk])
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, {"slot": 2, "table": 1})
    scheduled.refresh_from_db()
    assert (scheduled.slot, scheduled.table) == (2, 1)
    assert Notification.objects.filter(kind="event_meeting_moved").count() == 2


def test_the_suspended_organisations_own_agenda_says_its_meeting_is_on_hold(
    client, scheduled, charlie, centre_val_de_loire, django_assert_max_num_queries
):
    # Its calendar no longer holds the meeting: its agenda says why.
    suspend(centre_val_de_loire)
    client.force_login(charlie)
    with django_assert_max_num_queries(12):
        agenda = client.get(reverse("events:agenda", args=[scheduled.event_id])).text
    assert 'data-testid="on-hold"' in agenda
    reinstate(centre_val_de_loire)
    agenda = client.get(reverse("events:agenda", args=[scheduled.event_id])).text
    assert 'data-testid="on-hold"' not in agenda


def test_the_agenda_export_names_who_keeps_a_meeting_on_hold(
    secretariat_client, scheduled, centre_val_de_loire
):
    url = reverse("admin:events_event_export", args=[scheduled.event_id, "agenda", "csv"])

    def on_hold_column():
        header, row = csv.reader(io.StringIO(secretariat_client.get(url).content.decode()))
        return dict(zip(header, row, strict=True))["On hold (not an active member)"]

    suspend(centre_val_de_loire)
    assert on_hold_column() == str(centre_val_de_loire)
    reinstate(centre_val_de_loire)
    assert on_hold_column() == ""


def test_the_meetings_admin_page_says_it_is_on_hold_before_anyone_moves_it(
    secretariat_client, scheduled, centre_val_de_loire, django_assert_max_num_queries
):
    suspend(centre_val_de_loire)
    said = f"On hold: {centre_val_de_loire} is not an active member of the partnership."
    page = secretariat_client.get(reverse("admin:events_meeting_change", args=[scheduled.pk]))
    assert said in page.text
    with django_assert_max_num_queries(14):
        listing = secretariat_client.get(reverse("admin:events_meeting_changelist")).text
    assert said in listing
    reinstate(centre_val_de_loire)
    page = secretariat_client.get(reverse("admin:events_meeting_change", args=[scheduled.pk]))
    assert "is not an active member of the partnership" not in page.text
