"""The matching service: for an open request, who fits and why.

Three stages, so that ranking one request against 100,000 listings stays well
under 150 ms (docs/matching.md):
1. `ranking_rows`: the hard rules over the open listings' columns each process
   holds (matchmaking.snapshot: open, roles that complement, windows that can
   hold the stay, another organisation, not declined before), and per survivor
   the few columns the next stage needs: shared themes, whether it shares a
   working language, whether it holds both stays, the stamp of its vector.
   (`survivors` is the same rules in SQL, for the reverse lookups.)
2. In numpy: the rules that need both rows (both stays, a shared language), the
   text similarity of every survivor they keep, and a cheap pre-score; the best
   `CANDIDATE_CAP` go on.
3. `score`: each of those, read as values (matchmaking.candidates), gets its
   signals (matcher.signals) and the reasons a person would give, and the
   ranking puts the candidates that cannot take the group below those that can,
   clearly flagged.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

from embeddings.encoders import closeness_of, encoder_name
from embeddings.offsets import hubness_taken_away_of
from embeddings.selectors import listing_vector, similarities
from listings.models import Listing
from members.models import Organisation

from . import rules
from .candidates import ComputedCandidate, ListingPages, listing_values, with_tags
from .models import Answer, MatchingWeights, MatchParty
from .signals import Candidate, Context, dice, score
from .snapshot import ROLES, days_of, open_listings

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


def _in_list(column: str, ids: list[int]) -> tuple[str, list]:
    """SQL that reads one of the listing's id lists (listings.fields.IdList) and
    keeps the ids among `ids`: `unnest` of the array on PostgreSQL, `json_each`
    of the JSON text elsewhere."""
    if connection.vendor == "postgresql":
        return f"unnest(exchanges_listing.{column}) AS tag(id) WHERE tag.id = ANY(%s)", [ids]
    marks = ", ".join(["%s"] * len(ids))
    return f"json_each(exchanges_listing.{column}) WHERE value IN ({marks})", list(ids)


def _shared_themes(theme_ids: list[int]):
    """How many of these themes the listing carries, read on its own row."""
    if not theme_ids:
        return Value(0)
    rows, params = _in_list("theme_ids", theme_ids)
    sql = f"(SELECT count(*) FROM {rows})"  # noqa: S608 (`rows` names a column, ids are parameters)
    return RawSQL(sql, params, output_field=IntegerField())  # noqa: S611


def _theme_count():
    if connection.vendor == "postgresql":
        sql = "cardinality(exchanges_listing.theme_ids)"
    else:
        sql = "json_array_length(exchanges_listing.theme_ids)"
    return RawSQL(sql, (), output_field=IntegerField())  # noqa: S611


def _speaks(language_ids: list[int]):
    """True when the listing shares one of these working languages: its own, or
    its organisation's when the listing names none. Nobody stated: no rule.
    The listing's own languages are read on its row; the organisation's only
    for a listing that names none (CASE runs its subqueries only when reached)."""
    if not language_ids:
        return Value(True)
    rows, params = _in_list("language_ids", language_ids)
    sql = f"EXISTS (SELECT 1 FROM {rows})"  # noqa: S608 (`rows` names a column, ids are parameters)
    own = RawSQL(sql, params, output_field=BooleanField())  # noqa: S611
    if connection.vendor == "postgresql":
        names_some = "cardinality(exchanges_listing.language_ids) > 0"
    else:
        names_some = "json_array_length(exchanges_listing.language_ids) > 0"
    org_link = Organisation.languages.through
    org = Exists(
        org_link.objects.filter(
            organisation_id=OuterRef("organisation_id"), language_id__in=language_ids
        )
    )
    org_any = Exists(org_link.objects.filter(organisation_id=OuterRef("organisation_id")))
    return Case(
        When(RawSQL(names_some, (), output_field=BooleanField()), then=own),  # noqa: S611
        default=ExpressionWrapper(Q(org) | ~Q(org_any), output_field=BooleanField()),
        output_field=BooleanField(),
    )


def _partners(request: Listing, roles=None):
    """The open listings that pass the rules the database answers with indexes
    (open, roles, windows that can hold the request's stay, another and not a
    declined organisation); None when the request's own window cannot hold it."""
    need = request.duration_days - 1
    if (request.latest_end - request.earliest_start).days < need:
        return None
    span = datetime.timedelta(days=need)
    qs = (
        Listing.objects.proposable()
        .filter(
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
    return qs


def survivors(request: Listing, *, roles=None, theme_ids=None, language_ids=None):
    """The open listings that pass the rules the database answers, as rows of
    (pk, kind, duration_days, earliest_start, latest_end, organisation_id,
    country, shared_themes, speaks, stamp). One table and its organisation (and
    the vector's stamp): themes and languages are read from the listing's row."""
    qs = _partners(request, roles)
    if qs is None:
        return Listing.objects.none().values_list("pk")
    theme_ids = (
        theme_ids if theme_ids is not None else list(request.themes.values_list("pk", flat=True))
    )
    name = encoder_name()
    return (
        qs.annotate(
            shared_themes=_shared_themes(theme_ids),
            speaks=_speaks(
                language_ids if language_ids is not None else request_languages(request)
            ),
            stamp=Case(When(vector__encoder=name, then=F("vector__stamp")), default=None),
        )
        # Every later step orders for itself: the database need not sort.
        .order_by()
        .values_list(
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


# The columns of `ranking_rows`, and the bits of its `flags`.
COLUMNS = ["pk", "organisation_id", "flags", "shared_themes", "theme_count", "stamp"]
SPEAKS, HOLDS, ABROAD, HAS_VECTOR = 1, 2, 4, 8


def ranking_rows(ctx: Context, *, roles=None) -> np.ndarray:
    """The survivors for a ranking, as a numpy array of `COLUMNS` (`theme_count`: how
    many themes the listing has; `flags`: shares a language, holds both stays,
    abroad, has a vector). The rules run over the open listings' columns held in
    memory (matchmaking.snapshot), all at once: at 100,000 listings a request can
    have 40,000 survivors, and asking the database for them took most of a
    ranking. The same rules as `survivors` and `rules.holds_stays`."""
    request = ctx.request
    need = request.duration_days - 1
    if (request.latest_end - request.earliest_start).days < need:
        return np.zeros((0, len(COLUMNS)), dtype=np.int64)
    cols = open_listings.current()
    start, end = days_of(request.earliest_start), days_of(request.latest_end)
    declined = list(declined_organisations(request).values_list("organisation_id", flat=True))
    roles = [ROLES[role] for role in (roles or rules.COMPLEMENT[request.role])]
    # Open, roles that complement, another and not a declined organisation, and
    # windows whose overlap can hold the request's stay (as `_partners`).
    rows = np.flatnonzero(
        np.isin(cols.role, roles)
        & (cols.start <= end - need)
        & (cols.end >= start + need)
        & (cols.end >= cols.start + need)
        & (cols.organisation != request.organisation_id)
        & ~np.isin(cols.organisation, declined)
    )
    # Both stays (rules.holds_stays): a request paired with a request needs the longer.
    overlap = np.minimum(cols.end[rows], end) - np.maximum(cols.start[rows], start) + 1
    days = request.duration_days
    needed = np.where(cols.is_request[rows], np.maximum(cols.duration[rows], days), days)
    # A shared working language: the listing's own, else its organisation's;
    # nobody stated any on either side: no rule.
    wanted = ctx.languages_for_rule
    if wanted:
        speaks = ~cols.states_language[rows] | (cols.counts("spoken", wanted, rows) > 0)
    else:
        speaks = np.ones(len(rows), dtype=bool)
    country = cols.codes["country"].get(str(ctx.country), -1)
    has_vector = cols.has_vector[rows]
    flags = (
        SPEAKS * speaks
        + HOLDS * (overlap >= needed)
        + ABROAD * (cols.country[rows] != country)
        + HAS_VECTOR * has_vector
    )
    shared = cols.counts("theme", ctx.themes, rows)
    return np.stack(
        [
            cols.pk[rows],
            cols.organisation[rows],
            flags,
            shared,
            cols.theme_count[rows],
            np.where(has_vector, cols.stamp[rows], 0),
        ],
        axis=1,
    ).astype(np.int64)


class LeftOutList(Sequence):
    """What the rules left out, closest first, as arrays: a request can have
    thousands (30,000 of 37,000 survivors at 100,000 listings), and the
    secretariat reads the first few of each rule. Their similarities are
    computed, and the list put in order, when it is first read: most rankings
    (the candidates alone, the groups' co-participants) never read it."""

    RULES = ("dates", "language")

    def __init__(self, pks: np.ndarray, rule: np.ndarray, sims):
        """`sims`: the similarities of `pks`, or a function that computes them."""
        self._pks, self._rule, self._sims = pks, rule, sims
        self._ordered = None

    def __len__(self) -> int:
        return len(self._pks)

    def _in_order(self) -> tuple:
        if self._ordered is None:
            sims = self._sims() if callable(self._sims) else self._sims
            as_float = np.asarray(sims, dtype=np.float64)
            # Closest first (no vector: last), then by id: the same data, the same list.
            order = np.lexsort((self._pks, -np.where(np.isnan(as_float), -1.0, as_float)))
            self._ordered = (self._pks[order], self._rule[order], np.asarray(sims)[order])
        return self._ordered

    @property
    def pks(self) -> np.ndarray:
        return self._in_order()[0]

    def closest(self, shown: int) -> list:
        """The first `shown` left out by each rule, in the list's order: found in
        the arrays, since a rule that left out fewer would have the whole list
        (30,000) read one by one."""
        rule = self._in_order()[1]
        at = [np.flatnonzero(rule == n)[:shown] for n in range(len(self.RULES))]
        return [self[int(i)] for i in np.sort(np.concatenate(at))]

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        pks, rule, sims = self._in_order()
        return LeftOut(int(pks[at]), self.RULES[rule[at]], float(sims[at]))


@dataclass
class Preselected:
    """What `preselect` keeps: the rows to score, every kept row's similarity
    (the text fallback is their median) and what the rules left out."""

    pks: list
    sim_of: dict
    kept_sims: np.ndarray
    left_out: LeftOutList


def preselect(ctx: Context, rows: np.ndarray, cap: int | None) -> Preselected:
    """Apply the rules that need both rows (read from `flags`), compute the text
    similarity of every survivor they keep, and keep the best `cap` of those by a
    cheap pre-score, all in numpy. The similarities of those left out wait until
    their list is read (`LeftOutList`)."""
    pk, organisation, flags, shared, theirs, stamp = rows.T
    known = (flags & HAS_VECTOR) > 0
    holds = (flags & HOLDS) > 0
    passes = holds & ((flags & SPEAKS) > 0)
    kept, out = np.flatnonzero(passes), np.flatnonzero(~passes)
    vector = ctx.vector
    left_out = LeftOutList(
        pk[out],
        holds[out].astype(np.int64),
        lambda: similarities(vector, pk[out], stamp[out], known[out]),
    )
    # A row's similarity does not depend on which rows are computed with it
    # (embeddings.index): the kept alone give the figures all of them gave.
    kept_sims = similarities(vector, pk[kept], stamp[kept], known[kept])
    best = np.arange(len(kept))
    if cap and len(kept) > cap:
        # Each term as signals.score computes it (its own `dice` for the themes).
        w = ctx.weights
        themes = dice_of(shared[kept], len(ctx.themes), theirs[kept])
        # Read less close when close to every request, as the score reads it.
        as_float = hubness_taken_away_of(kept_sims, pk[kept], ctx.hubness)
        missing = np.isnan(as_float)
        text = np.where(missing, ctx.text_fallback(as_float), closeness_of(as_float))
        prescore = (
            w["text"] * text
            + w["themes"] * themes
            + w["different_country"] * ((flags[kept] & ABROAD) > 0)
            + w["interest"] * np.isin(organisation[kept], list(ctx.interested))
        )
        best = np.lexsort((pk[kept], -prescore))[:cap]
    chosen = pk[kept][best]
    sim_of = dict(zip(chosen.tolist(), kept_sims[best].tolist(), strict=True))
    return Preselected(chosen.tolist(), sim_of, kept_sims, left_out)


def dice_of(shared: np.ndarray, mine: int, theirs: np.ndarray) -> np.ndarray:
    """`signals.dice` of each row, called once per distinct pair of counts (a few
    dozen), not once per survivor (tens of thousands)."""
    if not len(shared):
        return np.zeros(0, dtype=np.float64)
    width = int(theirs.max()) + 1
    keys, inverse = np.unique(shared * width + theirs, return_inverse=True)
    values = [dice(int(key) // width, mine, int(key) % width) for key in keys]
    return np.array(values, dtype=np.float64)[inverse]


def order(candidates: list) -> list:
    """Those that can take the group first, then those abroad (a mobility
    crosses a border: a partner at home is no exchange of this programme, yet
    still shown, below), then by score; equal scores by what the listings say
    (organisation, title, then reference), never by an id or a random
    reference, so that the same data gives the same ranking."""
    return sorted(
        candidates,
        key=lambda c: (
            not c.fits,
            not c.abroad,
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
    chosen = preselect(ctx, ranking_rows(ctx, roles=roles), cap)
    # Scored from their values; each one's Listing is read when asked for.
    listings = listing_values(chosen.pks)
    ctx.prepare([listing.organisation_id for listing in listings], chosen.kept_sims)
    found = order([score(ctx, listing, chosen.sim_of[listing.pk], role) for listing in listings])
    pages = ListingPages([c.listing for c in found])
    return [ComputedCandidate.of(c, pages, n) for n, c in enumerate(found)], chosen.left_out


def rank(request: Listing, *, limit: int | None = None, weights=None) -> list[Candidate]:
    """The candidates for a request, best first."""
    ranked = ranking(request, weights=weights).candidates
    # Lazy: each listing is read when asked for (`candidates.listed` for display).
    return ranked[:limit] if limit else ranked


def left_out_named(left_out: list, shown: int = LEFT_OUT_SHOWN) -> list:
    """The closest few left out by each rule, with their listings (for display)."""
    if isinstance(left_out, LeftOutList):
        picked = left_out.closest(shown)
    else:
        picked, per_rule = [], {}
        for item in left_out:
            if len(per_rule) == len(LeftOutList.RULES) and min(per_rule.values()) >= shown:
                break  # enough of each
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
