"""Notifications go out in batches: one connection to the mail server per batch,
each message marked sent as soon as the server accepted it, and that mark
written even when the database blips for a moment."""

import datetime
from unittest import mock

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import OperationalError
from django.db.models import QuerySet
from django.utils import timezone

from notifications.models import Notification, NotificationState
from notifications.services import notifications_requeue, notifications_send
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


class CountingBackend(EmailBackend):
    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return True


@pytest.fixture
def counting_mail_server(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.notifications.test_batches.CountingBackend"
    CountingBackend.opened = 0
    return CountingBackend


def test_a_backlog_goes_out_over_one_connection_per_batch(
    counting_mail_server, mailoutbox, settings
):
    settings.NOTIFICATIONS_BATCH_SIZE = 5
    rows = [NotificationFactory(recipient=UserFactory()) for _ in range(7)]
    first = notifications_send(ids=[rows[-1].pk])
    second = notifications_send()
    assert (len(first.sent), len(second.sent)) == (5, 2)
    assert counting_mail_server.opened == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted(n.email for n in rows)
    assert set(Notification.objects.values_list("state", flat=True)) == {NotificationState.SENT}
    # The row the task was queued for goes first.
    assert rows[-1].pk in first.sent


def test_a_batch_never_takes_a_retry_before_its_time(mailoutbox):
    later = NotificationFactory(attempts=1)
    # (due_at is set on creation: a retry's is moved later.)
    Notification.objects.filter(pk=later.pk).update(
        due_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    assert notifications_send().claimed == 0
    later.refresh_from_db()
    assert later.state == NotificationState.PENDING
    assert mailoutbox == []


def test_the_sent_mark_is_written_when_the_database_comes_back(mailoutbox):
    notification = NotificationFactory(recipient=UserFactory())
    real_update = QuerySet.update
    blips = []

    def update(queryset, **changes):
        if changes.get("state") == NotificationState.SENT and len(blips) < 2:
            blips.append(changes)
            raise OperationalError("server closed the connection unexpectedly")
        return real_update(queryset, **changes)

    with mock.patch.object(QuerySet, "update", update), mock.patch("time.sleep"):
        batch = notifications_send(ids=[notification.pk])
    assert len(blips) == 2
    assert batch.sent == [notification.pk]
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    # Accepted by the server once: never sent again.
    assert len(mailoutbox) == 1
    assert notifications_requeue() == 0


def test_a_row_left_sending_is_taken_back_within_about_a_minute(settings, mailoutbox):
    assert settings.NOTIFICATIONS_SENDING_LEASE <= 60
    # Beat's re-queue runs often enough for the whole wait to stay well under two minutes.
    assert settings.CELERY_BEAT_SCHEDULE["notifications-requeue"]["schedule"] <= 30
    # A worker stops starting messages in time to mark the last one within the lease.
    assert settings.EMAIL_TIMEOUT < settings.NOTIFICATIONS_SENDING_LEASE / 2
    stuck = NotificationFactory(
        state=NotificationState.SENDING,
        claimed_at=timezone.now()
        - datetime.timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE + 1),
        attempts=1,
    )
    assert notifications_requeue() == 1
    stuck.refresh_from_db()
    assert stuck.state == NotificationState.SENT
    assert len(mailoutbox) == 1
