"""Periodic: expire overdue listings and ask owners whether theirs are still current.
Both steps are idempotent (a status change from open only; one reminder per
expiry date), so a task that runs twice does no harm."""

from celery import shared_task

from . import reminders, services


@shared_task
def listings_lifecycle() -> dict:
    expired = services.listings_expire_due()
    reminded = services.listings_remind_expiring()
    return {"expired": len(expired), "reminded": len(reminded)}


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def listing_embed(listing_id: int) -> int:
    """Encode one listing's text (idempotent: an unchanged text is not encoded again)."""
    from .models import Listing

    return services.listings_embed(listings=Listing.objects.filter(pk=listing_id))


@shared_task
def listings_embed_missing() -> int:
    """Periodic: open listings whose vector is missing or stale (the broker was
    down when they changed, or the encoder changed)."""
    return services.listings_embed()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def listing_notify_saved_searches(listing_id: int) -> int:
    """Tell the saved searches a newly published listing fits (idempotent)."""
    from .models import Listing

    listing = Listing.objects.filter(pk=listing_id).first()
    return services.listing_notify_saved_searches(listing) if listing else 0


@shared_task
def record_weekly_digests() -> int:
    """Periodic (Mondays): the weekly digest (idempotent, by the outbox's key)."""
    return reminders.weekly_digests_record()
