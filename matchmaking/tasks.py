"""Background work of the matcher: stored rankings kept current (idempotent:
computing a ranking twice stores the same thing)."""

from celery import shared_task

from . import rankings, reminders


@shared_task
def rankings_refresh(listing_id: int) -> int:
    from listings.models import Listing

    listing = Listing.objects.filter(pk=listing_id).select_related("organisation").first()
    if listing is not None:
        rankings.rankings_mark_stale(listing=listing)
    return rankings.rankings_refresh_stale()


@shared_task
def rankings_refresh_stale() -> int:
    return rankings.rankings_refresh_stale()


@shared_task
def record_match_reminders() -> int:
    """Periodic: remind the parties of unanswered matches (idempotent, by the
    outbox's key)."""
    return reminders.match_reminders_record()
