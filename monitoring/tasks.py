from celery import shared_task
from django.core.cache import cache

from core.queueing import delay_on_commit

from .figures import REFRESH_QUEUED_KEY, figures_refresh


@shared_task
def refresh_stored_figures():
    """After a change: the stale stored figures."""
    return figures_refresh()


@shared_task
def refresh_all_stored_figures():
    """Beat: all stored figures, whatever changed, also through QuerySet.update()."""
    return figures_refresh(everything=True)


def stored_figures_changed(**kwargs):
    """After a committed change (core.counts.figures_changed): the stored figures
    are computed again in the background, once for a burst of changes (the flag
    is cleared when the task starts, so a change during the task queues another)."""
    if cache.add(REFRESH_QUEUED_KEY, 1, 5 * 60):
        delay_on_commit(refresh_stored_figures, what="the stored figures' refresh")
