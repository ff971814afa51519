"""Reads: the matches a member may see, the expressions of interest."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from listings.models import ExpressionOfInterest, Listing
from members.selectors import (
    coordinators_by_organisation,
    organisations_coordinated_by,
    responsible_for,
)

from .models import Match, MatchParty


def party_contacts(party: MatchParty) -> list:
    """Who hears about a match for a party (members.selectors.responsible_for)."""
    return responsible_for(organisation_id=party.organisation_id, listing=party.listing)


def contacts_by_party(parties: list) -> dict[int, list]:
    """`party_contacts` for several parties in one query: the parties' listings
    come with their contact persons already read."""
    coordinators = coordinators_by_organisation(p.organisation_id for p in parties)
    return {
        party.pk: responsible_for(
            organisation_id=party.organisation_id, listing=party.listing, coordinators=coordinators
        )
        for party in parties
    }


def parties_to_answer(user):
    """The parties this person may answer for and that wait for an answer: as a
    coordinator of the party's organisation, or as the contact person of the
    listing that brought it in (the rule of matchmaking.views.answerable)."""
    coordinator = Q(organisation__in=organisations_coordinated_by(user))
    return (
        MatchParty.objects.awaiting_answer()
        .filter(coordinator | Q(listing__contact=user))
        .distinct()
        .select_related("match__request", "organisation")
        .order_by("match__confirmed_at", "pk")
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
        # The exchange that followed, if any: the page leads to it.
        _mine(user)
        .select_related("exchange")
        .prefetch_related(_parties("listing__contact", "answered_by")),
        pk=pk,
    )


def interests_for(request: Listing):
    return ExpressionOfInterest.objects.filter(listing=request).select_related(
        "organisation", "user"
    )
