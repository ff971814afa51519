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


def snapshot_listing_changed(sender, instance, raw=False, **kwargs):
    """Saved or deleted: the matcher's columns read the listing again."""
    from .snapshot import listing_changed_record

    if not raw:
        listing_changed_record(instance.pk)


def snapshot_tags_changed(sender, instance, action, reverse, **kwargs):
    """Themes or working languages changed: from the listing's side, that listing;
    from a theme's or language's side, it may be many: read everything again."""
    from .snapshot import listing_changed_record, snapshot_changed

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        snapshot_changed()
    else:
        listing_changed_record(instance.pk)


def snapshot_organisation_changed(
    sender, instance=None, raw=False, action=None, reverse=False, **kwargs
):
    """An organisation's country, languages and status are read for each of its
    listings: those listings are read again. Languages changed from a language's
    side may touch many organisations: everything is read again."""
    from members.models import Organisation

    from .snapshot import organisation_changed_record, snapshot_changed

    if raw or (action is not None and action not in ("post_add", "post_remove", "post_clear")):
        return
    if isinstance(instance, Organisation) and not reverse:
        organisation_changed_record(instance.pk)
    else:
        snapshot_changed()


def snapshot_vectors_stored(sender, listing_ids, **kwargs):
    """New vectors: their stamps are read again with their listings."""
    from .snapshot import listing_changed_record

    for listing_id in listing_ids:
        listing_changed_record(listing_id)
