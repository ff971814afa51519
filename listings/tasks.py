"""Periodic: expire overdue listings and ask owners whether theirs are still current.
Both steps are idempotent (a status change from open only; one reminder per
expiry date), so a task that runs twice does no harm."""

from celery import shared_task

from . import services


@shared_task
def listings_lifecycle() -> dict:
    expired = services.listings_expire_due()
    reminded = services.listings_remind_expiring()
    return {"expired": len(expired), "reminded": len(reminded)}
