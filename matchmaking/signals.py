"""What the matcher weighs for one candidate, and the reasons it gives.

Every signal lies between 0 and 1 and is recorded with the secretariat's
decisions, so that `calibrate_matcher` can fit the weights to them; the score is
the weighted sum (weights in matchmaking.models.DEFAULT_WEIGHTS) out of 100: a
candidate with every signal at 1 scores 100, whatever the weights add up to.
"""

import statistics
from dataclasses import dataclass, field

import numpy as np

from embeddings.encoders import closeness, closeness_of
from embeddings.offsets import hubness_taken_away, learnt_hubness
from embeddings.selectors import listing_vector
from listings.models import ExpressionOfInterest, Listing, ListingKind

from . import rules
from .concepts import concepts_in, similarity
from .models import MatchingWeights, PartyRole
from .reasons import reason

# Completed exchanges on the request's themes that make a full track record.
TRACK_RECORD_FULL = 3
# Change it whenever what a signal measures changes (a new formula, a new rule):
# every stored ranking is then read as missing until computed again.
SIGNALS_VERSION = "2026-12-02 scores out of 100"


@dataclass
class Candidate:
    """One listing scored against the request: its score, reasons and part."""

    listing: Listing
    score: float
    reasons: list = field(default_factory=list)
    role: str = PartyRole.HOST
    # Each signal between 0 and 1, as scored: recorded with every decision.
    signals: dict = field(default_factory=dict)
    # False: it cannot take the group; ranked below those that can.
    fits: bool = True

    @property
    def abroad(self) -> bool:
        """In another country than the requester: a mobility. A partner at home
        is shown below every partner abroad (the matcher's `order`)."""
        return self.signals.get("different_country", 1.0) > 0

    @property
    def organisation(self):
        return self.listing.organisation

    @property
    def still_listed(self) -> bool:
        """Whether its listing still exists (a computed ranking's may have been
        deleted since: candidates.ComputedCandidate)."""
        return True

    def get_role_display(self):
        return PartyRole(self.role).label


def party_role(request: Listing, listing: Listing) -> str:
    return PartyRole.HOST if rules.candidate_hosts(request, listing) else PartyRole.PARTICIPANT


class Context:
    """What scoring needs about the request, computed once for all candidates."""

    def __init__(self, request: Listing, weights: dict | None = None):
        self.request = request
        self.weights = weights or MatchingWeights.current()
        # Scores are read as out of 100 on the curation page and in the e-mails;
        # the weights add up to whatever the secretariat set, so they are scaled.
        total = sum(self.weights.values())
        self.scale = 100.0 / total if total > 0 else 1.0
        self.themes = dict(request.themes.values_list("pk", "name"))
        self.formats = dict(request.formats.values_list("pk", "name"))
        self.target_groups = dict(request.target_groups.values_list("pk", "name"))
        self.languages = dict(request.languages.values_list("pk", "name")) or dict(
            request.organisation.languages.values_list("pk", "name")
        )
        self.languages_for_rule = list(self.languages)
        self.concepts = concepts_in(f"{request.title}\n{request.description}")
        self.country = request.organisation.country.code
        self.preferred = {c.code for c in request.preferred_countries}
        self.interested = set(
            ExpressionOfInterest.objects.filter(listing=request).values_list(
                "organisation_id", flat=True
            )
        )
        self.vector = listing_vector(request.pk)
        # Learnt with the language offsets: candidates close to every request
        # are read less close to this one (embeddings.offsets, CSLS).
        self.hubness = learnt_hubness()
        self.track = {}
        self.fallback = 0.5

    def text_fallback(self, sims) -> float:
        """The text signal of a candidate whose vector is not there yet: the
        median of the others, so it is neither buried nor promoted."""
        sims = np.asarray(sims, dtype=np.float64)  # a list or an array (the matcher's)
        known = closeness_of(sims[~np.isnan(sims)]).tolist()
        return statistics.median(known) if known else 0.5

    def prepare(self, organisation_ids, sims) -> None:
        self.track = track_records(organisation_ids, list(self.themes))
        self.fallback = self.text_fallback(list(sims))


def _no_track_records(organisation_ids, theme_ids) -> dict:
    return {}


# {organisation: (completed exchanges on these themes, partners' mean rating or
# None)}. Exchanges sits above matchmaking: it fills this in from its
# AppConfig.ready() (exchanges.selectors.track_records).
TRACK_RECORDS = {"source": _no_track_records}


def track_records(organisation_ids, theme_ids) -> dict:
    return TRACK_RECORDS["source"](organisation_ids, theme_ids)


def dice(shared: int, mine: int, theirs: int) -> float:
    """Themes in common, read from both sides (Dice): a listing that ticks every
    theme shares all of the request's, but says less about each; the share of the
    request's themes alone rewarded it (docs/matching.md, held-out figures)."""
    return 2 * shared / (mine + theirs) if mine and theirs else 0.0


def names(pks, lookup) -> str:
    # The words as computed, kept for reasons_text's fallback; the ids beside them
    # (`<param>_ids`) name the terms in each reader's language (matchmaking.reasons).
    return ", ".join(sorted(lookup[pk] for pk in pks))


def score(ctx: Context, listing: Listing, sim: float, role: str | None = None):
    """Score one candidate against the request, with the reasons. `role` is the
    part it is given when not the one its listing suggests (a co-participant)."""
    request, w = ctx.request, ctx.weights
    natural = party_role(request, listing)
    if role is None and natural == PartyRole.HOST and not rules.can_host_group(request, listing):
        if listing.role == rules.R.EITHER:
            # It can host or send, and cannot take the group: it takes part
            # alongside the requester, as Escola del Treball did in Borås.
            role = PartyRole.PARTICIPANT
    role = role or natural
    signals, why = {}, []

    if np.isnan(sim):
        signals["text"] = ctx.fallback
        why.append(reason("no_text", fit=None))
    else:
        sim = hubness_taken_away(sim, listing.pk, ctx.hubness)
        signals["text"] = closeness(sim)
        level = _text_level(signals["text"])
        fit = {"text_far": False, "text_weak": None}.get(level, True)
        why.append(reason(level, fit=fit, similarity=round(sim, 2)))

    shared = ctx.themes.keys() & listing.themes_ids
    signals["themes"] = dice(len(shared), len(ctx.themes), len(listing.themes_ids))
    why.append(
        reason("themes", themes=names(shared, ctx.themes), themes_ids=sorted(shared))
        if shared
        else reason("no_themes", fit=False)
    )

    theirs = concepts_in(f"{listing.title}\n{listing.description}")
    signals["concepts"] = similarity(ctx.concepts, theirs)
    common = sorted(ctx.concepts & theirs)
    if common:
        why.append(reason("concepts", concepts=common[:3]))

    shared = ctx.formats.keys() & listing.formats_ids
    signals["formats"] = 1.0 if shared else 0.0
    if shared:
        why.append(
            reason("formats", formats=names(shared, ctx.formats), formats_ids=sorted(shared))
        )

    why.append(_dates(request, listing))

    fits = True
    # A co-participant travels alongside the requester to a third host: its
    # hosting capacity says nothing here (the group's host is checked instead).
    if role == PartyRole.PARTICIPANT and natural == PartyRole.HOST:
        why.append(
            reason(
                "co_participant",
                organisation=listing.organisation.name,
                organisation_id=listing.organisation_id,
                requester=request.organisation.name,
                requester_id=request.organisation_id,
            )
        )
    else:
        fits = _capacity(request, listing, why)

    shared = ctx.target_groups.keys() & listing.target_groups_ids
    signals["target_groups"] = len(shared) / len(ctx.target_groups) if ctx.target_groups else 0.0
    if shared:
        why.append(
            reason(
                "target_groups",
                groups=names(shared, ctx.target_groups),
                groups_ids=sorted(shared),
            )
        )

    spoken = listing.languages_ids or getattr(listing, "organisation_languages", set())
    shared = ctx.languages.keys() & spoken
    if shared:
        why.append(
            reason(
                "languages",
                languages=names(shared, ctx.languages),
                languages_ids=sorted(shared),
            )
        )

    country = listing.organisation.country.code
    signals["preferred_country"] = 1.0 if country in ctx.preferred else 0.0
    if signals["preferred_country"]:
        # The code, named in the reader's language when shown (the English
        # name stays beside it for what reads reasons without this version).
        why.append(
            reason(
                "preferred_country",
                country=listing.organisation.country.name,
                country_code=country,
            )
        )
    signals["different_country"] = 1.0 if country != ctx.country else 0.0
    why.append(
        reason("different_country")
        if signals["different_country"]
        else reason("same_country", fit=False)
    )

    signals["fewer_opportunities"] = 1.0 if listing.fewer_opportunities_support.strip() else 0.0
    if signals["fewer_opportunities"]:
        why.append(reason("fewer_opportunities"))
    signals["interest"] = 1.0 if listing.organisation_id in ctx.interested else 0.0
    if signals["interest"]:
        why.append(reason("interest"))
    signals["track_record"] = _track_record(ctx, listing, why)
    if listing.kind == ListingKind.REQUEST:
        why.append(reason("both_requests"))

    total = ctx.scale * sum(w.get(name, 0.0) * value for name, value in signals.items())
    return Candidate(
        listing=listing, score=total, reasons=why, role=role, signals=signals, fits=fits
    )


def _dates(request, listing) -> dict:
    start = max(request.earliest_start, listing.earliest_start)
    end = min(request.latest_end, listing.latest_end)
    if listing.kind == ListingKind.REQUEST:
        # Both stays must fit: say so, with both numbers.
        return reason(
            "dates_both",
            start=start.isoformat(),
            end=end.isoformat(),
            days=request.duration_days,
            their_days=listing.duration_days,
        )
    return reason("dates", start=start.isoformat(), end=end.isoformat())


def _capacity(request, listing, why: list) -> bool:
    """Can the host take the group? Names both sides, so each reader can tell
    whose number is whose."""
    host, guest = rules.host_and_guest(request, listing)
    room, group = rules.capacity(host), rules.travellers(guest)
    if room is None:
        # Nobody hosts in this pairing (two that travel, side by side).
        return True
    params = {
        "host": host.organisation.name,
        "host_id": host.organisation_id,
        "capacity": room,
        "guest": guest.organisation.name,
        "guest_id": guest.organisation_id,
        "participants": group,
    }
    # Who hosts whom, in the form's words, before the numbers.
    sides = ("host", "host_id", "guest", "guest_id")
    why.append(reason("hosting", **{k: params[k] for k in sides}))
    if group is None:
        why.append(reason("group_unknown", fit=None, **params))
        return True
    if room >= group:
        why.append(reason("capacity", **params))
        return True
    why.append(reason("capacity_short", fit=False, **params))
    return False


def _text_level(closeness_: float) -> str:
    # "Related" for a barely-there likeness overstated it: below 0.45 it is
    # said to have little in common, which neither speaks for nor against.
    if closeness_ >= 0.6:
        return "text_close"
    if closeness_ >= 0.45:
        return "text_related"
    if closeness_ >= 0.3:
        return "text_weak"
    return "text_far"


def _track_record(ctx: Context, listing, why: list) -> float:
    done, rating = ctx.track.get(listing.organisation_id, (0, None))
    if not done:
        return 0.0
    value = min(done, TRACK_RECORD_FULL) / TRACK_RECORD_FULL
    if rating is not None:
        value *= rating / 5
    why.append(
        reason("track_record", exchanges=done, rating=None if rating is None else round(rating, 1))
    )
    return value
