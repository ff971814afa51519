"""Background work that follows a change: queued once the change is committed,
so that a rollback queues nothing, and never at the change's expense."""

import logging

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def delay_on_commit(task, *args, what: str) -> None:
    """Queue `task(*args)` after commit. If the broker is away (kombu's
    OperationalError and friends) the change still stands: the periodic task
    that catches up does the work later, and the log says what was not queued."""

    def queue():
        try:
            task.delay(*args)
        except Exception:
            logger.warning("Could not queue %s", what, exc_info=True)

    transaction.on_commit(queue)


def queues() -> list[str]:
    """Every queue a task can be sent to: what a worker must consume (-Q)."""
    default = settings.CELERY_TASK_DEFAULT_QUEUE
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    return [default, *sorted(routed - {default})]
