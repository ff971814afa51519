"""Stored rankings follow the listings: after commit, a task marks the rankings
a change may alter and computes them again (matchmaking.rankings)."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _queue(listing_id: int) -> None:
    from .tasks import rankings_refresh

    def queue():
        try:
            rankings_refresh.delay(listing_id)
        except Exception:  # broker away, or an eager run failing: the beat task catches up
            logger.warning("Could not refresh the rankings for %s", listing_id, exc_info=True)

    transaction.on_commit(queue)


def listing_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue(instance.pk)


def interest_expressed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue(instance.listing_id)
