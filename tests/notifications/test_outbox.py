"""The outbox: each notification is sent once, retried when the mail server
fails, marked failed after a day and more of retries, and resent by the
secretariat. Eager tasks here; tests/notifications/test_worker.py proves the
same against a real worker and Redis."""

import datetime
from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from notifications.models import Notification, NotificationState
from notifications.services import (
    notification_record,
    notification_send,
    notifications_requeue,
    notifications_send,
    notify_secretariat,
    retry_countdown,
)
from notifications.tasks import LONGEST_COUNTDOWN
from tests.factories import MatchFactory, NotificationFactory

pytestmark = pytest.mark.django_db


def record_reminder(user, match, event="7d"):
    return notification_record(
        kind="match_reminder",
        recipient=user,
        about=match,
        context={"reference": "REQ-4F2A9C", "title": "Gender equality", "organisation": "Borås"},
        event=event,
    )


def test_notification_is_emailed_once_after_commit(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    match = MatchFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = record_reminder(alice, match)
        assert mailoutbox == []  # nothing before commit
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    assert notification.sent_at is not None
    assert notification.attempts == 1
    assert [m.to for m in mailoutbox] == [["alice@boras.example"]]
    assert mailoutbox[0].extra_headers["X-RSP-Notification"] == str(notification.pk)


def test_recording_the_same_event_twice_sends_one_email(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    match = MatchFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = record_reminder(alice, match)
        second = record_reminder(alice, match)
    assert first.pk == second.pk
    assert len(mailoutbox) == 1


def test_rolled_back_change_sends_nothing(alice, mailoutbox, django_capture_on_commit_callbacks):
    match = MatchFactory()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            record_reminder(alice, match)
            raise RuntimeError("the change failed")
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_second_send_of_a_claimed_notification_is_a_no_op(alice, mailoutbox):
    notification = NotificationFactory(recipient=alice, email=alice.email)
    assert notification_send(notification_id=notification.pk) == "sent"
    assert notification_send(notification_id=notification.pk) == "already claimed"
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_row_being_sent_elsewhere_is_not_sent_again(alice, mailoutbox):
    notification = NotificationFactory(
        recipient=alice, state=NotificationState.SENDING, claimed_at=timezone.now()
    )
    assert notification_send(notification_id=notification.pk) == "already claimed"
    assert mailoutbox == []


def time_passes(notification) -> None:
    """The retry's countdown is over: beat's re-queue finds it due."""
    Notification.objects.filter(pk=notification.pk).update(
        due_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    notifications_requeue()


def test_mail_server_refusing_twice_gives_one_email_after_two_retries(
    alice, refusing_mail_server, mailoutbox, django_capture_on_commit_callbacks
):
    refusing_mail_server.refusals = 2
    with django_capture_on_commit_callbacks(execute=True):
        notification = record_reminder(alice, MatchFactory())
    time_passes(notification)
    time_passes(notification)
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    assert notification.attempts == 3
    assert "SMTPDataError" in notification.last_error
    assert len(mailoutbox) == 1


def test_refused_send_sets_the_row_back_to_pending_with_a_later_due_time(
    alice, refusing_mail_server, mailoutbox
):
    refusing_mail_server.refusals = 1
    notification = NotificationFactory(recipient=alice)
    before = timezone.now()
    batch = notifications_send(ids=[notification.pk])
    notification.refresh_from_db()
    assert notification.state == NotificationState.PENDING
    assert notification.attempts == 1
    assert "Try again later" in notification.last_error
    assert batch.retries == {retry_countdown(1): [notification.pk]}
    assert notification.due_at >= before + datetime.timedelta(seconds=retry_countdown(1))
    assert mailoutbox == []


def test_retry_countdown_doubles_up_to_an_hour(settings):
    settings.NOTIFICATIONS_RETRY_DELAY = 30
    settings.NOTIFICATIONS_RETRY_MAX_DELAY = 3600
    assert [retry_countdown(n) for n in range(1, 10)] == [
        30, 60, 120, 240, 480, 960, 1920, 3600, 3600
    ]  # fmt: skip
    # The broker redelivers a task waiting longer than its visibility timeout:
    # the task schedules only short retries, the re-queue finds the others.
    assert LONGEST_COUNTDOWN < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]


def test_a_refused_notification_is_retried_for_at_least_a_day_then_fails_with_the_error(
    alice, settings, refusing_mail_server, mailoutbox, django_capture_on_commit_callbacks
):
    refusing_mail_server.refusals = 100
    started = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        notification = record_reminder(alice, MatchFactory())
    time_passes(notification)
    notification.refresh_from_db()
    assert notification.state == NotificationState.PENDING
    assert notification.give_up_at >= started + datetime.timedelta(hours=24)
    # Two days of an unreachable server later:
    Notification.objects.filter(pk=notification.pk).update(
        give_up_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    time_passes(notification)
    notification.refresh_from_db()
    assert notification.state == NotificationState.FAILED
    assert notification.attempts == 3
    assert "451" in notification.last_error
    assert mailoutbox == []


def test_missing_templates_fail_at_once(alice, mailoutbox):
    notification = NotificationFactory(recipient=alice, kind="no_such_email")
    assert notification_send(notification_id=notification.pk) == "failed"
    notification.refresh_from_db()
    assert notification.state == NotificationState.FAILED
    assert "TemplateDoesNotExist" in notification.last_error


def test_recipient_who_turned_email_off_finds_it_in_the_inbox_only(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    alice.email_notifications = False
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = record_reminder(alice, MatchFactory())
    notification.refresh_from_db()
    assert notification.state == NotificationState.SKIPPED
    assert notification.sent_at is None
    assert mailoutbox == []
    assert list(alice.notifications.all()) == [notification]


def test_broker_down_at_commit_keeps_the_change_and_the_pending_row(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    match = MatchFactory()
    with mock.patch(
        "notifications.tasks.send_notifications.delay",
        side_effect=OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused."),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            notification = record_reminder(alice, match)
    notification.refresh_from_db()
    assert notification.state == NotificationState.PENDING
    assert mailoutbox == []
    # Once the broker is back, the periodic re-queue sends it.
    Notification.objects.filter(pk=notification.pk).update(
        due_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert notifications_requeue() == 1
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    assert len(mailoutbox) == 1


def test_requeue_leaves_recent_pending_rows_to_their_queued_task(alice, mailoutbox):
    NotificationFactory(recipient=alice)
    assert notifications_requeue() == 0
    assert mailoutbox == []


def test_requeue_sends_a_row_left_in_sending_by_a_dead_worker(alice, settings, mailoutbox):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE + 5)
    stuck = NotificationFactory(
        recipient=alice, state=NotificationState.SENDING, claimed_at=long_ago, attempts=1
    )
    recent = NotificationFactory(
        recipient=alice, state=NotificationState.SENDING, claimed_at=timezone.now(), attempts=1
    )
    assert notifications_requeue() == 1
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.state == NotificationState.SENT
    assert stuck.attempts == 2
    assert recent.state == NotificationState.SENDING
    assert len(mailoutbox) == 1


def test_requeue_gives_up_on_a_row_whose_worker_died_past_its_retry_time(alice, mailoutbox):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    stuck = NotificationFactory(
        recipient=alice,
        state=NotificationState.SENDING,
        claimed_at=long_ago,
        attempts=30,
        give_up_at=long_ago,
    )
    notifications_requeue()
    stuck.refresh_from_db()
    assert stuck.state == NotificationState.FAILED
    assert "worker stopped" in stuck.last_error
    assert mailoutbox == []


def test_secretariat_resends_a_failed_notification_from_the_admin(
    secretariat_client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    failed = NotificationFactory(
        recipient=alice, state=NotificationState.FAILED, attempts=5, last_error="SMTP: 451"
    )
    sent = NotificationFactory(recipient=alice, state=NotificationState.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse("admin:notifications_notification_changelist"),
            {"action": "resend", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert "1 notification queued to be sent again." in response.content.decode()
    assert "1 notification was not failed and was left as it is." in response.content.decode()
    failed.refresh_from_db()
    assert failed.state == NotificationState.SENT
    assert failed.attempts == 1
    assert [m.to for m in mailoutbox] == [["alice@boras.example"]]


def test_secretariat_sees_failed_notifications_with_their_error(secretariat_client, alice):
    NotificationFactory(
        recipient=alice, state=NotificationState.FAILED, last_error="SMTPDataError: 451 busy"
    )
    response = secretariat_client.get(
        reverse("admin:notifications_notification_changelist"), {"state": "failed"}
    )
    assert "SMTPDataError: 451 busy" in response.content.decode()


def test_notify_secretariat_reaches_each_secretariat_member(
    secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify_secretariat(
            kind="match_unanswered",
            about=MatchFactory(),
            context={"reference": "REQ-1", "title": "T", "waiting": ["Borås"], "days": 21},
            event="21d",
        )
    assert [m.to for m in mailoutbox] == [["staff@earlall.example"]]


def test_notify_secretariat_without_members_writes_to_the_secretariat_address(
    db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify_secretariat(
            kind="match_unanswered",
            context={"reference": "REQ-1", "title": "T", "waiting": [], "days": 21},
        )
    assert [m.to for m in mailoutbox] == [[settings.SECRETARIAT_EMAIL]]


def test_admin_list_of_notifications_has_bounded_queries(
    secretariat_client, django_assert_max_num_queries
):
    NotificationFactory.create_batch(30, state=NotificationState.FAILED, last_error="451")
    with django_assert_max_num_queries(12):
        response = secretariat_client.get(reverse("admin:notifications_notification_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 30
