"""The matching service: for an open request, who fits and why.

Three stages, so that ranking one request against 100,000 listings stays well
under 150 ms (docs/matching.md):
1. `survivors`: one SQL query applies the hard rules that the database answers
   with indexes (open, roles that complement, windows that can hold the stay,
   another organisation, not declined before) and returns, per survivor, the
   few columns the next stage needs: shared themes, whether it shares a working
   language, the stamp of its vector.
2. In numpy: the text similarity of every survivor with the request, the rules
   that need both rows (both stays, a shared language), and a cheap pre-score;
   the best `CANDIDATE_CAP` go on.
3. `score`: each of those gets its signals (matcher.signals) and the reasons a
   person would give, and the ranking puts the candidates that cannot take the
   group below those that can, clearly flagged.
"""

import datetime
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from embeddings.encoders import closeness_of, encoder_name
from embeddings.selectors import listing_vector, similarities
from listings.models import Listing
from listings.models import ListingStatus as Status
from members.models import Organisation

from . import rules
from .models import Answer, MatchingWeights, MatchParty
from .signals import Candidate, Context, score

# Survivors fully scored. Beyond these the pre-score (text, themes, country)
# decides; the cap keeps the worst case flat (docs/matching.md).
CANDIDATE_CAP = 250
# Left out by a rule, shown to the secretariat: the closest few of each kind.
LEFT_OUT_SHOWN = 5

# The expression migration 0004 indexes, qualified because the query joins
# organisations; parameters only for the values.
WINDOW_OVERLAPS = (
    "daterange(exchanges_listing.earliest_start, exchanges_listing.latest_end, '[]') "
    "&& daterange(%s, %s, '[]')"
)


@dataclass
class LeftOut:
    """A listing a hard rule excluded, and why: the secretariat sees it."""

    listing_id: int
    rule: str  # "language" or "dates"
    similarity: float = float("nan")
    listing: Listing | None = None


@dataclass
class Ranking:
    request: Listing
    candidates: list
    left_out: list = field(default_factory=list)


def declined_organisations(request: Listing):
    return MatchParty.objects.filter(match__request=request, answer=Answer.DECLINED).values(
        "organisation_id"
    )


def request_languages(request: Listing) -> list[int]:
    """The request's working languages, else its organisation's."""
    own = list(request.languages.values_list("pk", flat=True))
    return own or list(request.organisation.languages.values_list("pk", flat=True))


def _speaks(language_ids: list[int]):
    """True when the listing shares one of these working languages: its own, or
    its organisation's when the listing names none. Nobody stated: no rule."""
    if not language_ids:
        return Value(True)
    link = Listing.languages.through
    org_link = Organisation.languages.through
    own = Exists(link.objects.filter(listing_id=OuterRef("pk"), language_id__in=language_ids))
    any_own = Exists(link.objects.filter(listing_id=OuterRef("pk")))
    org = Exists(
        org_link.objects.filter(
            organisation_id=OuterRef("organisation_id"), language_id__in=language_ids
        )
    )
    org_any = Exists(org_link.objects.filter(organisation_id=OuterRef("organisation_id")))
    return ExpressionWrapper(
        Q(own) | (~Q(any_own) & (Q(org) | ~Q(org_any))), output_field=BooleanField()
    )


def survivors(request: Listing, *, roles=None, theme_ids=None, language_ids=None):
    """The open listings that pass the rules the database answers, as rows of
    (pk, kind, duration_days, earliest_start, latest_end, organisation_id,
    country, shared_themes, speaks, stamp)."""
    need = request.duration_days - 1
    if (request.latest_end - request.earliest_start).days < need:
        return Listing.objects.none().values_list("pk")
    span = datetime.timedelta(days=need)
    theme_ids = (
        theme_ids if theme_ids is not None else list(request.themes.values_list("pk", flat=True))
    )
    qs = (
        Listing.objects.filter(
            status=Status.OPEN,
            role__in=roles or rules.COMPLEMENT[request.role],
            # The overlap of the two windows holds the request's stay: with the
            # request's window fixed, two comparisons with constants (index-friendly)...
            earliest_start__lte=request.latest_end - span,
            latest_end__gte=request.earliest_start + span,
        )
        # ... and the candidate's own window long enough for it.
        .filter(latest_end__gte=F("earliest_start") + span)
        .exclude(organisation_id=request.organisation_id)
        .exclude(organisation_id__in=declined_organisations(request))
    )
    low, high = request.earliest_start + span, request.latest_end - span
    if connection.vendor == "postgresql" and low <= high:
        # The same rule in the form the GiST index on open windows answers
        # (migration 0004): a bitmap scan of the overlapping rows, not the table.
        overlaps = RawSQL(WINDOW_OVERLAPS, (low, high), output_field=BooleanField())  # noqa: S611
        qs = qs.filter(overlaps)
    name = encoder_name()
    return qs.annotate(
        # A count per survivor through the link table's listing index: no GROUP
        # BY, so the language rule's EXISTS run once per survivor, not once per
        # theme link, and nothing is grouped (16 % faster at 10,000, one run).
        shared_themes=Coalesce(
            Subquery(
                Listing.themes.through.objects.filter(
                    listing_id=OuterRef("pk"), theme_id__in=theme_ids
                )
                .order_by()
                .values("listing_id")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        speaks=_speaks(language_ids if language_ids is not None else request_languages(request)),
        stamp=Case(When(vector__encoder=name, then=F("vector__stamp")), default=None),
    ).values_list(
        "pk",
        "kind",
        "duration_days",
        "earliest_start",
        "latest_end",
        "organisation_id",
        "organisation__country",
        "shared_themes",
        "speaks",
        "stamp",
    )


@dataclass
class _Row:
    pk: int
    kind: str
    duration_days: int
    earliest_start: object
    latest_end: object
    organisation_id: int
    country: str
    shared_themes: int
    speaks: bool
    stamp: int | None


def _rows(request, **kwargs) -> list[_Row]:
    return [_Row(*row) for row in survivors(request, **kwargs)]


def preselect(ctx: Context, rows: list[_Row], cap: int | None) -> tuple[list, dict, list]:
    """Apply the rules that need both rows, compute the text similarity of every
    survivor, and keep the best `cap` by a cheap pre-score.
    Returns (kept rows, {pk: similarity}, left out)."""
    request = ctx.request
    sims = similarities(ctx.vector, [r.pk for r in rows], [r.stamp for r in rows])
    kept, left_out, sim_of, kept_at = [], [], {}, []
    for at, (row, sim) in enumerate(zip(rows, sims.tolist(), strict=True)):
        if not rules.holds_stays(request, row):
            left_out.append(LeftOut(row.pk, "dates", sim))
        elif not row.speaks:
            left_out.append(LeftOut(row.pk, "language", sim))
        else:
            kept.append(row)
            kept_at.append(at)
            sim_of[row.pk] = sim
    if cap and len(kept) > cap:
        # In numpy over all the kept rows at once: the same sums, in the same
        # order, as scoring them one by one would give.
        w = ctx.weights
        themes = max(1, len(ctx.themes))
        kept_sims = sims[kept_at].astype(np.float64)
        missing = np.isnan(kept_sims)
        text = np.where(missing, ctx.text_fallback(kept_sims), closeness_of(kept_sims))
        shared = np.array([row.shared_themes for row in kept], dtype=np.float64)
        foreign = np.array([row.country != ctx.country for row in kept])
        interested = np.array([row.organisation_id in ctx.interested for row in kept])
        prescore = (
            w["text"] * text
            + w["themes"] * shared / themes
            + w["different_country"] * foreign
            + w["interest"] * interested
        )
        pks = np.array([row.pk for row in kept], dtype=np.int64)
        best = np.lexsort((pks, -prescore))[:cap]
        kept = [kept[i] for i in best]
    left_out.sort(key=lambda item: -(-1 if np.isnan(item.similarity) else item.similarity))
    return kept, sim_of, left_out


TAG_COLUMNS = {
    "themes": "theme_id",
    "formats": "format_id",
    "target_groups": "targetgroup_id",
    "languages": "language_id",
}


def with_tags(qs) -> list:
    """The listings with their tag ids as sets (`themes_ids`, …) and their
    organisation's working languages (`organisation_languages`)."""
    # Deferred: django-countries cleans a multiple country field slowly, and the
    # candidates' own preferences play no part in their score.
    listings = list(qs.select_related("organisation").defer("preferred_countries"))
    found = tag_ids([listing.pk for listing in listings])
    spoken = organisation_languages({listing.organisation_id for listing in listings})
    for listing in listings:
        for name in TAG_COLUMNS:
            setattr(listing, f"{name}_ids", found[name].get(listing.pk, set()))
        listing.organisation_languages = spoken.get(listing.organisation_id, set())
    return listings


def tag_ids(ids: list) -> dict:
    """{"themes": {listing id: {theme ids}}, …} in one UNION ALL query: on a busy
    database each round trip counts. Written in SQL: the ORM took longer to
    build the four IN lists than the database took to answer."""
    found = {name: {} for name in TAG_COLUMNS}
    ids = [int(pk) for pk in ids]
    if not ids:
        return found
    names = list(TAG_COLUMNS)
    marks = ", ".join(["%s"] * len(ids))
    sql = " UNION ALL ".join(
        f"SELECT listing_id, {column}, {n} FROM {getattr(Listing, name).through._meta.db_table} "  # noqa: S608 (names from the models)
        f"WHERE listing_id IN ({marks})"
        for n, (name, column) in enumerate(TAG_COLUMNS.items())
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids * len(names))
        for listing_id, tag_id, n in cursor.fetchall():
            found[names[n]].setdefault(listing_id, set()).add(tag_id)
    return found


def organisation_languages(organisation_ids) -> dict:
    found = {}
    rows = Organisation.languages.through.objects.filter(organisation_id__in=organisation_ids)
    for org, language in rows.values_list("organisation_id", "language_id"):
        found.setdefault(org, set()).add(language)
    return found


def order(candidates: list) -> list:
    """Those that can take the group first, then by score; equal scores by what
    the listings say (organisation, title, then reference), never by an id
    or a random reference, so that the same data gives the same ranking."""
    return sorted(
        candidates,
        key=lambda c: (
            not c.fits,
            -c.score,
            c.organisation.name,
            c.listing.title,
            c.listing.earliest_start,
            c.listing.reference,
        ),
    )


def ranking(request: Listing, *, weights=None, cap: int | None = CANDIDATE_CAP) -> Ranking:
    """Every candidate of a request, best first, and what the rules left out."""
    ctx = Context(request, weights)
    candidates, left_out = scored(ctx, cap=cap)
    return Ranking(request, candidates, left_out)


def scored(ctx: Context, *, roles=None, cap=CANDIDATE_CAP, role=None) -> tuple[list, list]:
    """(candidates best first, left out) among listings of these roles (by
    default those that complement the request), each given `role` if set."""
    rows = _rows(
        ctx.request, roles=roles, theme_ids=list(ctx.themes), language_ids=ctx.languages_for_rule
    )
    kept, sim_of, left_out = preselect(ctx, rows, cap)
    listings = with_tags(Listing.objects.filter(pk__in=[r.pk for r in kept]))
    ctx.prepare([listing.organisation_id for listing in listings], sim_of.values())
    found = [score(ctx, listing, sim_of[listing.pk], role) for listing in listings]
    return order(found), left_out


def rank(request: Listing, *, limit: int | None = None, weights=None) -> list[Candidate]:
    """The candidates for a request, best first."""
    ranked = ranking(request, weights=weights).candidates
    return ranked[:limit] if limit else ranked


def left_out_named(left_out: list, shown: int = LEFT_OUT_SHOWN) -> list:
    """The closest few left out by each rule, with their listings (for display)."""
    picked, per_rule = [], {}
    for item in left_out:
        if per_rule.get(item.rule, 0) < shown:
            per_rule[item.rule] = per_rule.get(item.rule, 0) + 1
            picked.append(item)
    found = Listing.objects.select_related("organisation").in_bulk([i.listing_id for i in picked])
    for item in picked:
        item.listing = found.get(item.listing_id)
    return [item for item in picked if item.listing is not None]


def score_listing(
    request: Listing, listing: Listing, role: str | None = None, *, weights=None
) -> Candidate:
    """One partner chosen by the secretariat, scored as the matcher would."""
    ctx = Context(request, weights)
    (listing,) = with_tags(Listing.objects.filter(pk=listing.pk))
    theirs = listing_vector(listing.pk)
    sim = float(ctx.vector @ theirs) if ctx.vector is not None and theirs is not None else np.nan
    ctx.prepare([listing.organisation_id], [sim])
    return score(ctx, listing, sim, role)


def current_weights() -> dict:
    return MatchingWeights.current()
