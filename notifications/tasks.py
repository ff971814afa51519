"""Celery tasks: a thin interface to the services, each safe to run twice."""

from celery import shared_task

from . import services

# Past the broker's visibility timeout Redis would deliver a waiting task a second
# time: longer retries are left to the re-queue, which finds them when due.
LONGEST_COUNTDOWN = 600


@shared_task(bind=True, acks_late=True)
def send_notifications(self, ids: list) -> dict:
    # A worker fills its batch with whatever else is due (a backlog goes out
    # over few connections); in-process (make run, unit tests) each commit
    # sends just its own rows, as it happens.
    batch = services.notifications_send(ids=ids, fill=not self.request.is_eager)
    if not self.request.is_eager:
        # Eager (make run, unit tests): no queue to wait in; the re-queue
        # (run_notification_jobs) sends the retries.
        for countdown, retry in batch.retries.items():
            if countdown <= LONGEST_COUNTDOWN:
                send_notifications.apply_async((retry,), countdown=countdown)
        if batch.released:
            send_notifications.delay(batch.released)
    return {
        "claimed": batch.claimed,
        "sent": len(batch.sent),
        "retries": sum(len(ids) for ids in batch.retries.values()),
        "failed": len(batch.failed),
    }


@shared_task(acks_late=True)
def send_notification(notification_id: int) -> str:
    # Tasks queued before notifications went out in batches.
    send_notifications.delay([notification_id])
    return "queued as a batch"


@shared_task
def requeue_notifications() -> int:
    return services.notifications_requeue()
