"""Reads: the matches a member may see, the secretariat's dashboard."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from listings.models import ExpressionOfInterest, Listing, ListingKind, ListingStatus
from members.models import Role

from .models import MATCH_LIVE, Answer, Match, MatchParty, MatchStatus

# An open request nobody matched within this many days needs the secretariat.
STALE_AFTER_DAYS = 30


def party_contacts(party: MatchParty) -> list:
    """Who hears about a match for a party: the listing's contact person, else the
    organisation's coordinators."""
    listing = party.listing
    if listing is not None and listing.contact_id and listing.contact.is_active:
        return [listing.contact]
    return list(
        get_user_model().objects.filter(
            is_active=True,
            memberships__organisation_id=party.organisation_id,
            memberships__role=Role.COORDINATOR,
        )
    )


def _mine(user):
    mine = MatchParty.objects.filter(match=OuterRef("pk"), organisation__memberships__user=user)
    return Match.objects.filter(Exists(mine)).select_related("request__organisation")


def _parties(*related):
    return Prefetch(
        "parties",
        queryset=MatchParty.objects.select_related("organisation", *related).order_by("role", "pk"),
    )


def matches_for_user(user):
    """The matches of the organisations the user belongs to, newest first."""
    return _mine(user).prefetch_related(_parties()).order_by("-confirmed_at")


def match_for_user(user, pk):
    """A match the user's organisation is a party to; anyone else gets a 404."""
    return get_object_or_404(
        _mine(user).prefetch_related(_parties("listing__contact", "answered_by")), pk=pk
    )


def interests_for(request: Listing):
    return ExpressionOfInterest.objects.filter(listing=request).select_related(
        "organisation", "user"
    )


def dashboard():
    """What waits for the secretariat, each list short and linked."""
    now = timezone.now()
    requests = Listing.objects.filter(kind=ListingKind.REQUEST).select_related("organisation")
    return {
        "to_review": requests.filter(status=ListingStatus.SUBMITTED).order_by("submitted_at")[:50],
        "unmatched": requests.filter(
            status=ListingStatus.OPEN,
            published_at__lte=now - datetime.timedelta(days=STALE_AFTER_DAYS),
        )
        .exclude(matches__status__in=MATCH_LIVE)
        .order_by("published_at")[:50],
        "waiting": Match.objects.filter(status=MatchStatus.CONFIRMED)
        .select_related("request__organisation")
        .annotate(pending=Count("parties", filter=Q(parties__answer=Answer.PENDING)))
        .order_by("confirmed_at")[:50],
        "accepted": Match.objects.filter(status=MatchStatus.ACCEPTED, exchange__isnull=True)
        .select_related("request__organisation")
        .order_by("answered_at")[:50],
    }
