"""The weekly digest of new requests and offers. Beat runs it on Mondays
(listings.tasks); it may run any number of times, because a notification's key
(kind, event = ISO week, recipient) records it once."""

import datetime

from django.utils import timezone

from members.models import MembershipStatus
from members.selectors import digest_subscribers
from notifications.emails import link
from notifications.services import notification_record

from .models import Listing


def iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_digests_record(*, now=None) -> int:
    """Send each subscriber the open requests and offers published in the last
    seven days that share a theme with their organisations, except their own."""
    now = now or timezone.now()
    week = iso_week(timezone.localdate(now))
    listings = list(
        Listing.objects.open()
        .filter(published_at__gte=now - datetime.timedelta(days=7))
        .select_related("organisation")
        .prefetch_related("themes")
        .order_by("-published_at")
    )
    recorded = 0
    for user in digest_subscribers():
        organisations = [
            m.organisation
            for m in user.memberships.all()
            if m.organisation.status == MembershipStatus.ACTIVE
        ]
        own = {o.pk for o in organisations}
        themes = {t.pk for o in organisations for t in o.themes.all()}
        fitting = [
            listing
            for listing in listings
            if listing.organisation_id not in own and themes & {t.pk for t in listing.themes.all()}
        ]
        if not fitting:
            continue
        context = {"week": week, "listings": [digest_item(listing) for listing in fitting]}
        notification_record(kind="weekly_digest", recipient=user, context=context, event=week)
        recorded += 1
    return recorded


def digest_item(listing) -> dict:
    return {
        "reference": listing.reference,
        "kind": listing.kind,
        "title": listing.title,
        "organisation": listing.organisation.name,
        "url": link("listings:listing-detail", listing.reference),
    }
