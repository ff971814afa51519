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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from core.secretariat import SECRETARIAT_GROUP

from .attachments import attachments_for
from .emails import build
from .models import Notification, NotificationState

logger = logging.getLogger(__name__)
State = NotificationState


class RetryLater(Exception):
    """The mail server or the network failed; the row is pending again."""

    def __init__(self, countdown: int):
        super().__init__(f"retry in {countdown}s")
        self.countdown = countdown


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
    for pk in ids:
        queue(pk)


def queue(notification_id: int) -> None:
    """Hand the row to Celery. If the broker is down the row stays pending and
    the periodic re-queue picks it up: the change that caused it still stands."""
    from .tasks import send_notification

    try:
        send_notification.delay(notification_id)
    except Exception:  # kombu raises OperationalError and friends when Redis is away
        logger.warning(
            "Could not queue notification %s; it stays pending for the re-queue",
            notification_id,
            exc_info=True,
        )


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
    """30 s, 60 s, 120 s… capped well below the broker's visibility timeout, past
    which Redis would deliver a waiting retry a second time."""
    delay = settings.NOTIFICATIONS_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return min(delay, settings.NOTIFICATIONS_RETRY_MAX_DELAY)


def notification_send(*, notification_id: int) -> str:
    """Send one notification if nobody else has; say what happened.

    Raises RetryLater when the mail server or the network failed and attempts
    remain; the caller (the task) schedules the retry.
    """
    claimed_at = timezone.now()
    claimed = Notification.objects.filter(pk=notification_id, state=State.PENDING).update(
        state=State.SENDING, claimed_at=claimed_at, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return "already claimed"
    mine = Notification.objects.filter(pk=notification_id, claimed_at=claimed_at)
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if notification.recipient and not notification.recipient.email_notifications:
        # Still in the inbox; no email, by the recipient's choice.
        mine.update(state=State.SKIPPED)
        return "skipped"
    try:
        message = build(
            kind=notification.kind,
            to=notification.email,
            context=notification.context,
            language=notification.language,
            headers={"X-RSP-Notification": str(notification.pk)},
        )
        for filename, content, mimetype in attachments_for(notification):
            message.attach(filename, content, mimetype)
    except Exception as exc:  # a missing template will not mend itself: no retry
        mine.update(state=State.FAILED, last_error=describe(exc))
        logger.exception("Notification %s cannot be rendered", notification_id)
        return "failed"
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:  # OSError covers ConnectionError, timeouts
        return _retry_or_fail(mine, notification, exc)
    # The only window for a duplicate: the server accepted the message and the
    # worker dies before this UPDATE. The re-queue then sends it again. Marking
    # sent before sending would instead lose the email; we prefer a rare duplicate.
    mine.update(state=State.SENT, sent_at=timezone.now())
    return "sent"


def describe(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:2000]


def _retry_or_fail(mine, notification: Notification, exc: Exception) -> str:
    if notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        mine.update(state=State.FAILED, last_error=describe(exc))
        logger.error("Notification %s failed after %s attempts", notification.pk, exc_info=exc)
        return "failed"
    countdown = retry_countdown(notification.attempts)
    mine.update(
        state=State.PENDING,
        last_error=describe(exc),
        due_at=timezone.now() + datetime.timedelta(seconds=countdown),
    )
    raise RetryLater(countdown) from exc


def notifications_requeue(*, waited: datetime.timedelta | None = None, limit: int = 500) -> int:
    """Queue again what should have been sent: rows pending for longer than
    `waited` (the broker was down, or the message was lost) and rows left in
    "sending" by a worker that died (claimed longer ago than the task time limit,
    after which Celery itself would have killed the task)."""
    now = timezone.now()
    if waited is None:
        waited = datetime.timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER)
    stuck = Notification.objects.filter(
        state=State.SENDING,
        claimed_at__lt=now - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT),
    )
    stuck.filter(attempts__gte=settings.NOTIFICATIONS_MAX_ATTEMPTS).update(
        state=State.FAILED, last_error="The worker stopped while sending, too many times."
    )
    stuck.update(state=State.PENDING, due_at=F("claimed_at"))
    due = list(
        Notification.objects.filter(state=State.PENDING, due_at__lte=now - waited)
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
    # Pushing due_at forward keeps a long backlog from being queued every minute.
    Notification.objects.filter(pk__in=due, state=State.PENDING).update(due_at=now)
    for pk in due:
        queue(pk)
    return len(due)


def notification_resend(*, notification: Notification) -> bool:
    """The secretariat sends a failed notification again, with fresh attempts."""
    resent = Notification.objects.filter(pk=notification.pk, state=State.FAILED).update(
        state=State.PENDING, attempts=0, due_at=timezone.now()
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
