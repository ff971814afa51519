"""Recording notifications: business code calls `notification_record` inside the
transaction that causes the notification; the email is queued after commit, so a
rolled-back change sends nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core.secretariat import SECRETARIAT_GROUP

from .models import Notification


def notification_key(*, kind: str, about, email: str, event: str = "") -> str:
    about_part = f"{about._meta.label_lower}:{about.pk}" if about is not None else "-"
    return f"{kind}:{about_part}:{event}:{email.lower()}"[:200]


def notification_record(
    *, kind: str, recipient=None, email: str = "", about=None, context=None, event: str = ""
) -> Notification:
    """Record one notification for one recipient (a user, or a bare address).

    The key makes it at most one per recipient and event: recording it twice
    returns the existing row and queues nothing more.
    """
    email = email or recipient.email
    key = notification_key(kind=kind, about=about, email=email, event=event)
    notification, created = Notification.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "recipient": recipient,
            "email": email,
            "language": getattr(recipient, "language", None) or settings.LANGUAGE_CODE,
            "content_type": ContentType.objects.get_for_model(about) if about else None,
            "object_id": str(about.pk) if about is not None else "",
            "context": context or {},
        },
    )
    if created:
        transaction.on_commit(lambda: queue(notification.pk))
    return notification


def queue(notification_id: int) -> None:
    """Hand the row to Celery. If the broker is down the row stays pending and
    the periodic re-queue picks it up: the change that caused it still stands."""
    from .tasks import send_notification

    try:
        send_notification.delay(notification_id)
    except Exception:  # kombu raises OperationalError and friends when Redis is away
        import logging

        logging.getLogger(__name__).warning(
            "Broker unavailable; notification %s stays pending for the re-queue", notification_id
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
