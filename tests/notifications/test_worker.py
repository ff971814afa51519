"""Proof against the real thing: a Celery worker subprocess on the real Redis,
delivering to a local SMTP server that counts what it accepted.

Run with DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://…; skipped without
them, and required in CI (REQUIRE_SERVICES=1).
"""

import datetime
import os
import socket
import time
from unittest import mock

import pytest
import redis
from django.conf import settings
from django.db import transaction
from django.db.models import F

from benchmarks.smtpsink import SmtpSink
from earlall_rsp.celery import app as celery_app
from matchmaking.models import Match
from notifications.models import Notification, NotificationState
from notifications.services import notification_record, notifications_requeue
from notifications.tasks import send_notifications
from tests.factories import MatchFactory, MatchPartyFactory, MembershipFactory, UserFactory

from .worker import Worker, wait_for

pytestmark = [
    pytest.mark.broker,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]
CONTEXT = {"reference": "REQ-4F2A9C", "title": "Gender equality", "organisation": "Borås"}


@pytest.fixture
def queue_for_real():
    """This process publishes to Redis instead of running tasks in-process."""
    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).flushdb()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager


@pytest.fixture
def sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def start_worker(transactional_db, queue_for_real):
    # Depends on the database fixture so that the worker stops before the
    # tables are flushed.
    workers = []

    def start(sink):
        worker = Worker(email_url=sink.url).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def confirm_match(parties: int = 2) -> list[Notification]:
    """What the matchmaking service does: one transaction, one notification per
    party's coordinator."""
    with transaction.atomic():
        match = MatchFactory()
        notifications = []
        for _ in range(parties):
            party = MatchPartyFactory(match=match)
            coordinator = UserFactory()
            MembershipFactory(user=coordinator, organisation=party.organisation)
            notifications.append(
                notification_record(
                    kind="match_reminder",
                    recipient=coordinator,
                    about=party,
                    context={**CONTEXT, "organisation": party.organisation.name},
                    event="confirmed",
                )
            )
    return notifications


def all_sent() -> bool:
    return not Notification.objects.exclude(state=NotificationState.SENT).exists()


def settle(sink, expected: int) -> None:
    """Wait for the expected emails, then a little longer to catch a duplicate."""
    wait_for(lambda: len(sink.messages) >= expected and all_sent(), what=f"{expected} emails")
    time.sleep(1.5)


def test_match_confirmation_emails_each_party_once(sink, start_worker):
    worker = start_worker(sink)
    notifications = confirm_match(parties=2)
    settle(sink, 2)
    assert sorted(sink.recipients()) == sorted(n.email for n in notifications), worker.output()
    assert set(sink.recipients().values()) == {1}
    message = sink.messages[0]
    assert message.is_multipart()
    assert {part.get_content_type() for part in message.get_payload()} == {
        "text/plain",
        "text/html",
    }


def test_worker_killed_mid_batch_then_restarted_delivers_every_email_once(start_worker):
    sink = SmtpSink(hold_after=5).start()
    try:
        first = start_worker(sink)
        notifications = [n for _ in range(10) for n in confirm_match(parties=2)]
        # The sixth email reaches the server, which never answers: the worker is
        # killed while it waits, before the message counts as sent.
        assert sink.held.wait(45), first.output()
        first.kill()
        sink.hold_after = None
        sink.release.set()
        assert len(sink.messages) == 5
        # The five accepted were marked one by one; the rest of its batch waits.
        assert Notification.objects.filter(state=NotificationState.SENT).count() == 5
        assert Notification.objects.filter(state=NotificationState.SENDING).exists()

        # The dead worker's rows count as stuck once their lease has passed;
        # beat's next re-queue then finds them.
        Notification.objects.filter(state=NotificationState.SENDING).update(
            claimed_at=F("claimed_at")
            - datetime.timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE + 1)
        )
        notifications_requeue(waited=datetime.timedelta(0))
        second = start_worker(sink)
        settle(sink, 20)
        ids = sink.notification_ids()
        assert sorted(ids) == sorted(str(n.pk) for n in notifications), second.output()
        assert set(ids.values()) == {1}, "an email was delivered twice"
    finally:
        sink.stop()


def test_a_confirmation_of_many_parties_goes_out_over_one_connection(sink, start_worker):
    worker = start_worker(sink)
    notifications = confirm_match(parties=12)
    settle(sink, 12)
    assert sorted(sink.recipients()) == sorted(n.email for n in notifications), worker.output()
    assert set(sink.recipients().values()) == {1}
    assert sink.connections == 1


def test_mail_server_refusing_twice_then_accepting_gives_one_email(start_worker):
    sink = SmtpSink(refuse=2).start()
    try:
        worker = start_worker(sink)
        [notification] = confirm_match(parties=1)
        settle(sink, 1)
        assert len(sink.messages) == 1, worker.output()
        notification.refresh_from_db()
        assert notification.attempts == 3
        assert "451" in notification.last_error
    finally:
        sink.stop()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_broker_down_at_commit_delivers_once_the_broker_is_back(sink, start_worker):
    dead = celery_app.connection_for_write(f"redis://127.0.0.1:{closed_port()}/0")
    with mock.patch.object(
        send_notifications,
        "delay",
        lambda *args: send_notifications.apply_async(args, connection=dead),
    ):
        notifications = confirm_match(parties=2)  # commits although publishing fails
    assert Match.objects.count() == 1
    assert Notification.objects.filter(state=NotificationState.PENDING).count() == 2

    worker = start_worker(sink)
    time.sleep(1)
    assert sink.messages == []  # nothing reached the queue
    assert notifications_requeue(waited=datetime.timedelta(0)) == 2  # what beat does each minute
    settle(sink, 2)
    assert sorted(sink.recipients()) == sorted(n.email for n in notifications), worker.output()
    assert set(sink.recipients().values()) == {1}


def test_rolled_back_transaction_delivers_nothing(sink, start_worker):
    worker = start_worker(sink)
    with pytest.raises(RuntimeError), transaction.atomic():
        confirm_match(parties=2)
        raise RuntimeError("the confirmation failed")
    # A later, committed confirmation proves the worker was listening all along.
    [committed] = confirm_match(parties=1)
    settle(sink, 1)
    assert list(sink.recipients()) == [committed.email], worker.output()
    assert Notification.objects.count() == 1
