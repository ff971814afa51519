"""Sending: claim the row with a conditional UPDATE so two workers never send
the same notification, send, then mark it sent."""

from celery import shared_task
from django.utils import timezone

from .emails import build
from .models import Notification, NotificationState


@shared_task(acks_late=True)
def send_notification(notification_id: int) -> str:
    claimed = Notification.objects.filter(
        pk=notification_id, state=NotificationState.PENDING
    ).update(state=NotificationState.SENDING, claimed_at=timezone.now())
    if claimed != 1:
        return "already claimed"
    notification = Notification.objects.get(pk=notification_id)
    try:
        build(
            kind=notification.kind,
            to=notification.email,
            context=notification.context,
            language=notification.language,
        ).send()
    except Exception as exc:  # any SMTP or template error: keep the row, say why
        Notification.objects.filter(pk=notification_id).update(
            state=NotificationState.FAILED,
            attempts=notification.attempts + 1,
            last_error=f"{exc.__class__.__name__}: {exc}",
        )
        raise
    Notification.objects.filter(pk=notification_id).update(
        state=NotificationState.SENT, sent_at=timezone.now(), attempts=notification.attempts + 1
    )
    return "sent"
