"""Celery tasks: a thin interface to the services, each safe to run twice."""

from celery import shared_task

from . import periodic, services


@shared_task(bind=True, acks_late=True, max_retries=None)
def send_notification(self, notification_id: int) -> str:
    # The attempts are counted on the row, not by Celery: a retry lost with a
    # dead worker or broker still counts, and the re-queue finds the row again.
    while True:
        try:
            return services.notification_send(notification_id=notification_id)
        except services.RetryLater as later:
            if not self.request.is_eager:
                raise self.retry(countdown=later.countdown, exc=later.__cause__) from later
            # Eager (make run, unit tests): no queue to wait in; the row's
            # attempts bound this loop.


@shared_task
def requeue_notifications() -> int:
    return services.notifications_requeue()


@shared_task
def record_match_reminders() -> int:
    return periodic.match_reminders_record()


@shared_task
def record_exchange_report_requests() -> int:
    return periodic.exchange_report_requests_record()


@shared_task
def record_weekly_digests() -> int:
    return periodic.weekly_digests_record()
