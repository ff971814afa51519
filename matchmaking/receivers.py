"""Stored rankings follow the listings: after commit, a task marks the rankings
a change may alter and computes them again (matchmaking.rankings)."""

from core.queueing import delay_on_commit
from core.workflow import status_change_saving


def _queue(listing_id: int) -> None:
    from .rankings import refresh_defer
    from .tasks import rankings_refresh

    if refresh_defer(listing_id):  # a bulk load: refreshed once at its end
        return

    # Broker away, or an eager run failing: the beat task catches up.
    delay_on_commit(rankings_refresh, listing_id, what=f"the rankings of {listing_id}")


def listing_changed(sender, instance, raw=False, **kwargs):
    """A listing saved, or its status changed (core.workflow.status_changed)."""
    if not raw and not status_change_saving(instance):
        _queue(instance.pk)


def interest_expressed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue(instance.listing_id)
