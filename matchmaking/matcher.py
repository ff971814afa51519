"""The matching service: for an open request, who fits and why.

Two stages, so that ranking one request against 100,000 listings stays well
under 200 ms (docs/matching.md):
1. `candidates` applies the hard rules in SQL (open, roles that complement,
   windows that can hold the duration, another organisation, not declined
   before) and keeps the best few hundred by a cheap pre-score (shared themes).
2. `rank` fetches the survivors' tags in bulk and scores them in Python, each
   with the reasons a person would give.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from listings.models import ExpressionOfInterest, Listing, ListingKind, ListingRole
from listings.models import ListingStatus as Status

from .concepts import concepts_in, similarity
from .models import Answer, MatchingWeights, MatchParty, PartyRole
from .reasons import reason

# Survivors of the hard rules scored in Python. Beyond this, the ones sharing the
# most themes go first; the cap keeps the worst case flat (docs/matching.md).
CANDIDATE_CAP = 250

R = ListingRole
# The expression migration 0004 indexes, qualified because the query joins
# organisations; parameters only for the values.
WINDOW_OVERLAPS = (
    "daterange(exchanges_listing.earliest_start, exchanges_listing.latest_end, '[]') "
    "&& daterange(%s, %s, '[]')"
)
# Which roles a candidate may have, given the role the request seeks.
COMPLEMENT = {
    R.SEND: {R.HOST, R.EITHER},
    R.HOST: {R.SEND, R.EITHER},
    R.EITHER: {R.HOST, R.SEND, R.EITHER},
}


@dataclass
class Candidate:
    listing: Listing
    score: float
    reasons: list = field(default_factory=list)
    role: str = PartyRole.HOST

    @property
    def organisation(self):
        return self.listing.organisation

    def get_role_display(self):
        return PartyRole(self.role).label


def party_role(request: Listing, listing: Listing) -> str:
    """The part the candidate plays: it hosts unless the request hosts or it only sends."""
    if request.role == R.HOST or listing.role == R.SEND:
        return PartyRole.PARTICIPANT
    return PartyRole.HOST


def declined_organisations(request: Listing):
    return MatchParty.objects.filter(match__request=request, answer=Answer.DECLINED).values(
        "organisation_id"
    )


def candidates(request: Listing, *, roles=None, cap: int | None = CANDIDATE_CAP):
    """Open listings that pass the hard rules, best pre-score first."""
    need = datetime.timedelta(days=request.duration_days - 1)
    if request.latest_end - request.earliest_start < need:
        return Listing.objects.none()
    theme_ids = list(request.themes.values_list("pk", flat=True))
    qs = (
        Listing.objects.filter(
            status=Status.OPEN,
            role__in=roles or COMPLEMENT[request.role],
            # The overlap of the two windows holds the duration: with the request's
            # window fixed, two comparisons with constants (index-friendly) ...
            earliest_start__lte=request.latest_end - need,
            latest_end__gte=request.earliest_start + need,
        )
        # ... and the candidate's own window long enough.
        .filter(latest_end__gte=F("earliest_start") + need)
        .exclude(organisation_id=request.organisation_id)
        .exclude(organisation_id__in=declined_organisations(request))
    )
    low, high = request.earliest_start + need, request.latest_end - need
    if connection.vendor == "postgresql" and low <= high:
        # The same rule again, in the form the GiST index on open listings'
        # windows answers (migration 0004): it reads the few rows that overlap
        # instead of scanning the table.
        # A constant string; the dates go as parameters.
        overlaps = RawSQL(WINDOW_OVERLAPS, (low, high), output_field=BooleanField())  # noqa: S611
        qs = qs.filter(overlaps)
    if cap:
        through = Listing.themes.through
        shared = (
            through.objects.filter(listing_id=OuterRef("pk"), theme_id__in=theme_ids)
            .values("listing_id")
            .annotate(n=Count("theme_id"))
            .values("n")
        )
        qs = qs.annotate(
            shared_themes=Coalesce(Subquery(shared, output_field=IntegerField()), Value(0))
        ).order_by("-shared_themes", "-published_at", "pk")[:cap]
    return qs


TAG_COLUMNS = {
    "themes": "theme_id",
    "formats": "format_id",
    "target_groups": "targetgroup_id",
    "languages": "language_id",
}


def with_tags(qs) -> list:
    """The listings with their tag ids as sets (`themes_ids`, …): one query per tag
    on the link tables, no model instances for the tags themselves."""
    # Deferred: django-countries cleans a multiple country field slowly, and the
    # candidates' own preferences play no part in their score.
    listings = list(qs.select_related("organisation").defer("preferred_countries"))
    found = tag_ids([listing.pk for listing in listings])
    for listing in listings:
        for name in TAG_COLUMNS:
            setattr(listing, f"{name}_ids", found[name].get(listing.pk, set()))
    return listings


def tag_ids(ids: list) -> dict:
    """{"themes": {listing id: {theme ids}}, …} in one UNION ALL query: on a busy
    database each round trip counts."""
    parts = [
        getattr(Listing, name)
        .through.objects.filter(listing_id__in=ids)
        .values_list("listing_id", column, Value(n))
        for n, (name, column) in enumerate(TAG_COLUMNS.items())
    ]
    found = {name: defaultdict(set) for name in TAG_COLUMNS}
    names = list(TAG_COLUMNS)
    for listing_id, tag_id, n in parts[0].union(*parts[1:], all=True):
        found[names[n]][listing_id].add(tag_id)
    return found


class Context:
    """What scoring needs about the request, computed once for all candidates."""

    def __init__(self, request: Listing, weights: dict | None = None):
        self.request = request
        self.weights = weights or MatchingWeights.current()
        self.themes = dict(request.themes.values_list("pk", "name"))
        self.formats = dict(request.formats.values_list("pk", "name"))
        self.target_groups = dict(request.target_groups.values_list("pk", "name"))
        self.languages = dict(request.languages.values_list("pk", "name"))
        self.concepts = concepts_in(f"{request.title}\n{request.description}")
        self.country = request.organisation.country.code
        self.preferred = {c.code for c in request.preferred_countries}
        self.interested = set(
            ExpressionOfInterest.objects.filter(listing=request).values_list(
                "organisation_id", flat=True
            )
        )


def names(pks, lookup) -> str:
    return ", ".join(sorted(lookup[pk] for pk in pks))


def score(ctx: Context, listing: Listing, role: str | None = None) -> Candidate:
    """Score one candidate against the request, with the reasons. `role` is the
    part it is given when not the one its listing suggests (a co-participant)."""
    w, request = ctx.weights, ctx.request
    total, why = 0.0, []
    natural = party_role(request, listing)
    role = role or natural
    # Travels alongside the requester to a third host: hosting capacity says nothing.
    co_participant = role == PartyRole.PARTICIPANT and natural == PartyRole.HOST

    shared = ctx.themes.keys() & listing.themes_ids
    if shared:
        total += w["themes"] * len(shared) / len(ctx.themes)
        why.append(reason("themes", themes=names(shared, ctx.themes)))
    else:
        why.append(reason("no_themes", fit=False))

    theirs = concepts_in(f"{listing.title}\n{listing.description}")
    common = sorted(ctx.concepts & theirs)
    if common:
        total += w["concepts"] * similarity(ctx.concepts, theirs)
        why.append(reason("concepts", concepts=common[:3]))

    shared = ctx.formats.keys() & listing.formats_ids
    if shared:
        total += w["formats"]
        why.append(reason("formats", formats=names(shared, ctx.formats)))

    start = max(request.earliest_start, listing.earliest_start)
    end = min(request.latest_end, listing.latest_end)
    why.append(reason("dates", start=start.isoformat(), end=end.isoformat()))

    if not co_participant:
        total += _capacity(ctx, listing, role, why)

    shared = ctx.target_groups.keys() & listing.target_groups_ids
    if shared:
        total += w["target_groups"] * len(shared) / len(ctx.target_groups)
        why.append(reason("target_groups", groups=names(shared, ctx.target_groups)))

    theirs = listing.languages_ids
    shared = ctx.languages.keys() & theirs
    if shared:
        total += w["languages"]
        why.append(reason("languages", languages=names(shared, ctx.languages)))
    elif ctx.languages and theirs:
        total -= w["no_language_penalty"]
        why.append(reason("no_language", fit=False))

    country = listing.organisation.country.code
    if country in ctx.preferred:
        total += w["preferred_country"]
        why.append(reason("preferred_country", country=listing.organisation.country.name))
    if country != ctx.country:
        total += w["different_country"]
        why.append(reason("different_country"))
    else:
        why.append(reason("same_country", fit=False))

    if listing.fewer_opportunities_support.strip():
        total += w["fewer_opportunities"]
        why.append(reason("fewer_opportunities"))
    if listing.organisation_id in ctx.interested:
        total += w["interest"]
        why.append(reason("interest"))
    if listing.kind == ListingKind.REQUEST:
        why.append(reason("both_requests"))
    return Candidate(listing=listing, score=round(total, 1), reasons=why, role=role)


def _capacity(ctx: Context, listing: Listing, role: str, why: list) -> float:
    request, weight = ctx.request, ctx.weights["capacity"]
    # Capacity is the host's; "you plan" is the number the other side brings.
    host, guest = (listing, request) if role == PartyRole.HOST else (request, listing)
    capacity, planned = host.participants, guest.participants
    params = {"host": host.organisation.name, "capacity": capacity, "participants": planned}
    if capacity >= planned:
        why.append(reason("capacity", **params))
        return weight
    why.append(reason("capacity_short", fit=False, **params))
    return weight * capacity / planned / 2


def rank(request: Listing, *, limit: int | None = None, weights=None) -> list[Candidate]:
    """The candidates for a request, best first."""
    ctx = Context(request, weights)
    ranked = [score(ctx, listing) for listing in with_tags(candidates(request))]
    ranked.sort(key=lambda c: (-c.score, c.listing.reference))
    return ranked[:limit] if limit else ranked


def score_listing(request: Listing, listing: Listing, role: str | None = None) -> Candidate:
    """One partner chosen by the secretariat, scored as the matcher would."""
    (listing,) = with_tags(Listing.objects.filter(pk=listing.pk))
    return score(Context(request), listing, role)
