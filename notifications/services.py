"""The outbox: recording, sending, re-queueing and resending notifications.

Business code calls `notification_record` inside the transaction that causes the
notification; the email is queued after commit, so a rolled-back change sends
nothing. The worker calls `notification_send`, which claims the row with a
conditional UPDATE so that two deliveries of the same task never send twice.
"""

import datetime
import logging
import re
import smtplib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import IntegrityError, InterfaceError, transaction
from django.db import OperationalError as DatabaseOperationalError
from django.db import connection as db_connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from core.secretariat import SECRETARIAT_GROUP

from .attachments import attachments_for
from .emails import build
from .models import Notification, NotificationState

logger = logging.getLogger(__name__)
State = NotificationState


def notification_key(*, kind: str, about, email: str, event: str = "") -> str:
    about_part = f"{about._meta.label_lower}:{about.pk}" if about is not None else "-"
    return f"{kind}:{about_part}:{event}:{email.lower()}"[:200]


def notification_record(
    *,
    kind: str,
    recipient=None,
    email: str = "",
    about=None,
    context=None,
    event: str = "",
    language: str = "",
) -> Notification:
    """Record one notification for one recipient (a user, or a bare address).

    The key makes it at most one per recipient and event: recording it twice
    returns the existing row and queues nothing more. A bare address is written
    to in `language` (the one its owner used on the site), else the default.
    """
    [notification] = notifications_record(
        [
            {
                "kind": kind,
                "recipient": recipient,
                "email": email,
                "about": about,
                "context": context,
                "event": event,
                "language": language,
            }
        ]
    )
    return notification


def _unsaved(*, kind, recipient=None, email="", about=None, context=None, event="", language=""):
    email = email or recipient.email
    return Notification(
        key=notification_key(kind=kind, about=about, email=email, event=event),
        kind=kind,
        recipient=recipient,
        email=email,
        language=getattr(recipient, "language", None) or language or settings.LANGUAGE_CODE,
        content_type=ContentType.objects.get_for_model(about) if about is not None else None,
        object_id=str(about.pk) if about is not None else "",
        context=context or {},
    )


def notifications_record(entries: list[dict]) -> list[Notification]:
    """Record several notifications at once (each entry: notification_record's
    arguments): one query for the keys already recorded and one INSERT for the
    rest, whatever their number, so that confirming a match with six parties
    costs what confirming one with two does. Returns the rows, in entry order."""
    wanted = [_unsaved(**entry) for entry in entries]
    found = {n.key: n for n in Notification.objects.filter(key__in={n.key for n in wanted})}
    new = {}
    for notification in wanted:
        if notification.key not in found:
            new.setdefault(notification.key, notification)
    if new:
        try:
            # A savepoint: a row recorded by someone else since the read above
            # must not abort the caller's transaction.
            with transaction.atomic():
                created = Notification.objects.bulk_create(new.values())
        except IntegrityError:
            return [_recorded_one(n) for n in wanted]
        found.update((n.key, n) for n in created)
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: queue_many(ids))
    return [found[n.key] for n in wanted]


def _recorded_one(unsaved: Notification) -> Notification:
    """The row for one key, recording it if nobody has (the slow path of a race)."""
    fields = {f.attname: getattr(unsaved, f.attname) for f in Notification._meta.concrete_fields}
    fields.pop("id")
    key = fields.pop("key")
    notification, created = Notification.objects.get_or_create(key=key, defaults=fields)
    if created:
        transaction.on_commit(lambda: queue(notification.pk))
    return notification


def queue_many(ids: list[int]) -> None:
    """Hand the rows to Celery, a batch per task. If the broker is down the rows
    stay pending and the periodic re-queue picks them up: the change that caused
    them still stands."""
    from .tasks import send_notifications

    ids = list(ids)
    for start in range(0, len(ids), settings.NOTIFICATIONS_BATCH_SIZE):
        batch = ids[start : start + settings.NOTIFICATIONS_BATCH_SIZE]
        try:
            send_notifications.delay(batch)
        except Exception:  # kombu raises OperationalError and friends when Redis is away
            logger.warning(
                "Could not queue notifications %s; they stay pending for the re-queue",
                batch,
                exc_info=True,
            )


def queue(notification_id: int) -> None:
    queue_many([notification_id])


def secretariat_users():
    return get_user_model().objects.filter(
        is_active=True, is_staff=True, groups__name=SECRETARIAT_GROUP
    )


def notify_secretariat(*, kind: str, about=None, context=None, event: str = "") -> list:
    recipients = list(secretariat_users())
    if not recipients:
        return [
            notification_record(
                kind=kind,
                email=settings.SECRETARIAT_EMAIL,
                about=about,
                context=context,
                event=event,
            )
        ]
    return [
        notification_record(kind=kind, recipient=user, about=about, context=context, event=event)
        for user in recipients
    ]


def retry_countdown(attempts: int) -> int:
    """30 s, 1 min, 2 min… up to an hour between attempts, for as long as
    NOTIFICATIONS_GIVE_UP_AFTER (mail servers themselves retry for days)."""
    delay = settings.NOTIFICATIONS_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return min(delay, settings.NOTIFICATIONS_RETRY_MAX_DELAY)


@dataclass
class Batch:
    """What one batch did: the ids by outcome, and the retries by countdown."""

    sent: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    retries: dict = field(default_factory=dict)  # countdown (s) → ids
    released: list = field(default_factory=list)  # claimed, not tried: time ran out
    unmarked: list = field(default_factory=list)  # accepted, the sent mark never landed
    claimed: int = 0


def notification_send(*, notification_id: int) -> str:
    """Send one notification if nobody else has; say what happened (the
    single-row form of `notifications_send`, for the shell and old tasks)."""
    batch = notifications_send(ids=[notification_id], fill=False)
    if not batch.claimed:
        return "already claimed"
    for outcome in ("sent", "skipped", "failed", "unmarked"):
        if getattr(batch, outcome):
            return "sent" if outcome == "unmarked" else outcome
    return "retry"


def notifications_send(*, ids=(), fill: bool = True) -> Batch:
    """Send a batch over one connection to the mail server.

    The rows are claimed with one conditional UPDATE (state "pending" →
    "sending"), so that two deliveries of the same task, two workers or the
    re-queue never send a row twice. `ids` come first; with `fill`, other rows
    due now make up the batch (NOTIFICATIONS_BATCH_SIZE), so that a backlog goes
    out in batches whatever the tasks that were queued for it.

    Each message accepted by the server is marked sent at once (one UPDATE),
    retried on its own if the database blips: a mark written once per batch
    would make every message of the batch a duplicate when the worker dies.
    Failures, skips and retries are written together, in one transaction.
    """
    now = timezone.now()
    wanted = list(dict.fromkeys(ids))
    room = settings.NOTIFICATIONS_BATCH_SIZE - len(wanted)
    if fill and room > 0:
        due = Notification.objects.filter(state=State.PENDING, due_at__lte=now).exclude(
            pk__in=wanted
        )
        wanted += list(due.order_by("due_at").values_list("pk", flat=True)[:room])
    batch = Batch()
    batch.claimed = Notification.objects.filter(pk__in=wanted, state=State.PENDING).update(
        state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not batch.claimed:
        return batch
    rows = list(
        Notification.objects.filter(pk__in=wanted, state=State.SENDING, claimed_at=now)
        .select_related("recipient")
        .order_by("pk")
    )
    # Past the lease the re-queue takes the rows back: stop starting messages in
    # time for the last one and its sent mark to finish within it.
    lease_ends = time.monotonic() + settings.NOTIFICATIONS_SENDING_LEASE
    last_start = lease_ends - settings.EMAIL_TIMEOUT - MARK_RETRY_SECONDS
    errors: dict = {}
    messages = []
    for notification in rows:
        if notification.recipient and not notification.recipient.email_notifications:
            batch.skipped.append(notification.pk)  # in the inbox; no e-mail, by choice
            continue
        try:
            messages.append((notification, _message(notification)))
        except Exception as exc:  # a missing template will not mend itself: no retry
            logger.exception("Notification %s cannot be rendered", notification.pk)
            batch.failed.append(notification.pk)
            errors[notification.pk] = describe(exc)
    failures: set = set()
    with _commits_without_waiting_for_disk():
        _deliver(
            messages,
            batch,
            errors,
            failures,
            claimed_at=now,
            last_start=last_start,
            lease_ends=lease_ends,
        )
    _record_outcomes(rows, batch, errors, failures)
    return batch


@contextmanager
def _commits_without_waiting_for_disk():
    """The sent marks, one commit each, need not wait for PostgreSQL to flush
    its log to disk (a third of a message's time on a busy machine). Only a
    crash of the database server itself within a fraction of a second of a mark
    can lose it, and the message then goes out twice (docs/notifications.md)."""
    if db_connection.vendor != "postgresql" or db_connection.in_atomic_block:
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        try:
            with db_connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except (DatabaseOperationalError, InterfaceError):
            db_connection.close()  # a new connection starts with the default


def describe(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:2000]


# The sent mark's retries stop this long before the lease ends.
MARK_RETRY_SECONDS = 10


def _message(notification: Notification):
    message = build(
        kind=notification.kind,
        to=notification.email,
        context=notification.context,
        language=notification.language,
        headers={"X-RSP-Notification": str(notification.pk)},
    )
    for filename, content, mimetype in attachments_for(notification):
        message.attach(filename, content, mimetype)
    return message


def _deliver(messages, batch: Batch, errors: dict, failures: set, **times) -> None:
    claimed_at, last_start, lease_ends = (
        times["claimed_at"],
        times["last_start"],
        times["lease_ends"],
    )
    accepted = []  # the message the server took, its sent mark not yet written

    def mark_accepted() -> None:
        # Called before the server can accept the next message: at any moment,
        # at most one accepted message waits for its mark, as when each mark
        # followed its message; the mark is now written while the server reads
        # the next message's envelope.
        while accepted:
            pk = accepted.pop()
            marked = _mark_sent(pk, claimed_at=claimed_at, until=lease_ends)
            (batch.sent if marked else batch.unmarked).append(pk)

    connection = None
    try:
        for notification, message in messages:
            if time.monotonic() > last_start:
                batch.released.append(notification.pk)
                continue
            try:
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                _send(connection, message, meanwhile=mark_accepted)
            except (smtplib.SMTPException, OSError) as exc:  # OSError: refused, timeouts
                mark_accepted()
                errors[notification.pk] = describe(exc)
                failures.add(notification.pk)
                # A server that failed mid-conversation is not trusted with the next.
                _close_quietly(connection)
                connection = None
                continue
            accepted.append(notification.pk)
    finally:
        mark_accepted()
        _close_quietly(connection)


def _send(connection, message, *, meanwhile) -> None:
    """Send one message; `meanwhile()` runs while the server reads its envelope
    when the backend can do that (notifications.smtp), else first."""
    send_overlapping = getattr(connection, "send_overlapping", None)
    if send_overlapping is not None:
        send_overlapping(message, meanwhile)
        return
    meanwhile()
    message.connection = connection
    message.send()


def _close_quietly(connection) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except Exception:  # noqa: S110 - the connection is being dropped anyway
        pass


def _mark_sent(pk: int, *, claimed_at, until: float) -> bool:
    """Mark one accepted message sent; on a database error, reconnect and try
    again until shortly before the lease ends. Never send it again: the server
    has it. False when the mark could not be written (the row then goes back to
    the re-queue after its lease: the one remaining duplicate window)."""
    pause = 0.2
    while True:
        try:
            Notification.objects.filter(pk=pk, state=State.SENDING, claimed_at=claimed_at).update(
                state=State.SENT, sent_at=timezone.now()
            )
            return True
        except (DatabaseOperationalError, InterfaceError):
            if time.monotonic() + pause > until - MARK_RETRY_SECONDS / 2:
                logger.exception("Notification %s was sent but cannot be marked sent", pk)
                return False
            logger.warning("Database away while marking %s sent; trying again", pk)
            if not db_connection.in_atomic_block:
                db_connection.close()  # the next query opens a new connection
            time.sleep(pause)
            pause = min(pause * 2, 5)


def _record_outcomes(rows, batch: Batch, errors: dict, failures: set) -> None:
    """Everything but the sent marks, in one transaction: skipped, broken,
    released, and each failed send pending again with its backoff, or failed
    for good once it has been retried for NOTIFICATIONS_GIVE_UP_AFTER."""
    now = timezone.now()
    changed = []
    for notification in rows:
        pk = notification.pk
        if pk in batch.skipped:
            notification.state = State.SKIPPED
        elif pk in batch.failed:
            notification.state, notification.last_error = State.FAILED, errors[pk]
        elif pk in batch.released:
            notification.state, notification.due_at = State.PENDING, now
            notification.attempts -= 1  # not tried
        elif pk in failures:
            notification.last_error = errors[pk]
            notification.give_up_at = notification.give_up_at or now + _give_up_after()
            if now >= notification.give_up_at:
                notification.state = State.FAILED
                batch.failed.append(pk)
                logger.error("Notification %s failed: %s", pk, errors[pk])
            else:
                countdown = retry_countdown(notification.attempts)
                notification.state = State.PENDING
                notification.due_at = now + datetime.timedelta(seconds=countdown)
                batch.retries.setdefault(countdown, []).append(pk)
        else:
            continue
        changed.append(notification)
    if changed:
        with transaction.atomic():
            Notification.objects.bulk_update(
                changed, ["state", "last_error", "due_at", "attempts", "give_up_at"]
            )


def notifications_requeue(*, waited: datetime.timedelta | None = None, limit: int = 500) -> int:
    """Queue again what should have been sent: rows left in "sending" past their
    lease (a worker that died or lost the database), retries now due, and new
    rows pending for longer than `waited` (the broker was down at commit; a
    younger one is left to the task queued for it). Beat runs it every 30 s."""
    now = timezone.now()
    if waited is None:
        waited = datetime.timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER)
    lease = datetime.timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE)
    stuck = Notification.objects.filter(state=State.SENDING, claimed_at__lt=now - lease)
    stuck.filter(give_up_at__lt=now).update(
        state=State.FAILED, last_error="The worker stopped while sending, for too long."
    )
    # Treated as a failed attempt: retried at once, and given up after the same time.
    stuck.update(
        state=State.PENDING,
        due_at=now,
        give_up_at=Coalesce("give_up_at", Value(now + _give_up_after())),
        last_error="The worker stopped while sending.",
    )
    due = list(
        Notification.objects.filter(state=State.PENDING)
        .filter(Q(attempts=0, due_at__lte=now - waited) | Q(attempts__gt=0, due_at__lte=now))
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
    # Pushing due_at forward keeps a long backlog from being queued every time.
    Notification.objects.filter(pk__in=due, state=State.PENDING).update(due_at=now)
    queue_many(due)
    return len(due)


def _give_up_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.NOTIFICATIONS_GIVE_UP_AFTER)


def notification_resend(*, notification: Notification) -> bool:
    """The secretariat sends a failed notification again, with fresh attempts
    and a fresh NOTIFICATIONS_GIVE_UP_AFTER."""
    resent = Notification.objects.filter(pk=notification.pk, state=State.FAILED).update(
        state=State.PENDING, attempts=0, due_at=timezone.now(), give_up_at=None
    )
    if resent:
        transaction.on_commit(lambda: queue(notification.pk))
    return bool(resent)


def notifications_purge_old(
    *, delete_before: datetime.datetime, empty_before: datetime.datetime
) -> tuple[int, int]:
    """Retention (members.retention): delete the oldest notifications and empty the
    personal contents of those past the shorter period. Returns (deleted, emptied)."""
    deleted = Notification.objects.filter(created_at__lt=delete_before).delete()[0]
    emptied = (
        Notification.objects.filter(created_at__lt=empty_before)
        .exclude(context={})
        .update(context={})
    )
    return deleted, emptied


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def user_preferences_update(*, user, email_notifications: bool, weekly_digest: bool) -> None:
    user.email_notifications = email_notifications
    user.weekly_digest = weekly_digest
    user.save(update_fields=["email_notifications", "weekly_digest"])


def _scrubbed(value, needles: list[str], replacement: str):
    """The value with every needle (an address, a name) replaced, at any depth."""
    if isinstance(value, str):
        for needle in needles:
            value = re.sub(re.escape(needle), replacement, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {k: _scrubbed(v, needles, replacement) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v, needles, replacement) for v in value]
    return value


def notifications_erase_person(
    *, user, old_email: str, old_name: str, placeholder_email: str, placeholder_name: str
) -> int:
    """Erasure reaches the outbox: the person's own notifications lose their
    content and address; every other row (the secretariat's copy of their
    application, a partner's match e-mail) loses their address and name, in its
    key, its address and its context. Returns the rows changed."""
    old_email = old_email.lower()
    own = Notification.objects.filter(Q(recipient=user) | Q(email__iexact=old_email))
    changed = 0
    for notification in own:
        notification.email = placeholder_email
        notification.key = notification.key.replace(old_email, placeholder_email)[:200]
        notification.context = {}
        notification.save(update_fields=["email", "key", "context"])
        changed += 1
    needles = [old_email] + ([old_name] if len(old_name.strip()) >= 3 else [])
    mentions = Q(key__icontains=old_email)
    for needle in needles:
        mentions |= Q(context_text__icontains=needle)
    others = (
        Notification.objects.annotate(context_text=Cast("context", TextField()))
        .filter(mentions)
        .exclude(pk__in=own.values("pk"))
    )
    for notification in others:
        notification.key = notification.key.replace(old_email, placeholder_email)[:200]
        notification.context = _scrubbed(
            _scrubbed(notification.context, [old_email], placeholder_email),
            needles[1:],
            placeholder_name,
        )
        notification.save(update_fields=["key", "context"])
        changed += 1
    return changed


def notifications_of_person(*, user) -> list[dict]:
    """For the personal-data export: every notification addressed to the person."""
    return [
        {
            "kind": n.kind,
            "email": n.email,
            "state": n.state,
            "created": n.created_at.isoformat(),
            "sent": n.sent_at.isoformat() if n.sent_at else None,
            "read": n.read_at.isoformat() if n.read_at else None,
            "content": n.context,
        }
        for n in Notification.objects.filter(Q(recipient=user) | Q(email__iexact=user.email))
    ]
