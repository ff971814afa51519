"""Stored rankings: computed in the background when listings change, read by the
curation page in one query (issue 18: under 50 ms at 100,000 listings, where a
computed ranking takes up to 150 ms).

A listing that changes (published, edited, matched, closed…) makes stale the
stored rankings that hold it and those of the requests it could now partner;
the task `rankings_refresh` computes them again after commit, and beat picks up
whatever is left (`rankings_refresh_stale`). New weights or a new encoder make
every stored ranking old, and so does a new definition of the signals
(`signals.SIGNALS_VERSION`): they are read as missing until computed again.
"""

import contextvars
import hashlib
import json
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q

from embeddings.encoders import encoder_name
from embeddings.offsets import learnt_offsets
from listings.models import Listing, ListingKind, ListingStatus, proposable_q

from . import rules
from .candidates import listed
from .matcher import ranking, survivors
from .models import MatchingWeights, RankedCandidate, StoredRanking
from .signals import SIGNALS_VERSION, Candidate

# Candidates kept per request: the curation page shows 20.
KEPT = 50
# Rankings computed per task run; the rest wait for the next run.
BATCH = 50


def ranking_version(weights: dict | None = None) -> str:
    weights = weights or MatchingWeights.current()
    # The learnt language offsets change what the vectors say, too.
    offsets = learnt_offsets()[1]
    key = json.dumps([encoder_name(), offsets, SIGNALS_VERSION, sorted(weights.items())])
    return hashlib.sha1(key.encode()).hexdigest()  # noqa: S324


@transaction.atomic
def ranking_store(*, request: Listing) -> StoredRanking | None:
    """Compute and store a request's ranking (or drop it if not open)."""
    if request.status != ListingStatus.OPEN or request.kind != ListingKind.REQUEST:
        StoredRanking.objects.filter(pk=request.pk).delete()
        return None
    found = ranking(request)
    stored, _created = StoredRanking.objects.update_or_create(
        request=request,
        defaults={
            "version": ranking_version(),
            "stale": False,
            "left_out": [[item.listing_id, item.rule] for item in found.left_out[:KEPT]],
        },
    )
    stored.entries.all().delete()
    RankedCandidate.objects.bulk_create(
        RankedCandidate(
            ranking=stored,
            listing=c.listing,
            position=n,
            score=c.score,
            role=c.role,
            fits=c.fits,
            signals=c.signals,
            reasons=c.reasons,
        )
        for n, c in enumerate(listed(found.candidates, KEPT), 1)
    )
    return stored


def ranking_stored(request: Listing, *, limit: int | None = None) -> list | None:
    """The stored ranking, if there is a current one: one query for the entries
    with their listings and organisations. None when missing, stale or old."""
    fresh = StoredRanking.objects.filter(
        pk=request.pk, stale=False, version=ranking_version()
    ).exists()
    if not fresh:
        return None
    entries = (
        RankedCandidate.objects.filter(proposable_q("listing__"), ranking_id=request.pk)
        .select_related("listing__organisation")
        .order_by("position")
    )
    if limit:
        entries = entries[:limit]
    return [
        Candidate(
            listing=e.listing,
            score=e.score,
            reasons=e.reasons,
            role=e.role,
            signals=e.signals,
            fits=e.fits,
        )
        for e in entries
    ]


def ranking_for(request: Listing, *, limit: int | None = None) -> list:
    """The curation page's ranking: stored if current, else computed and stored."""
    found = ranking_stored(request, limit=limit)
    if found is None:
        if ranking_store(request=request) is None:
            # Not open (already matched, closed): nothing to keep, computed as asked.
            return listed(ranking(request).candidates, limit or None)
        found = ranking_stored(request, limit=limit) or []
    return found


def rankings_mark_stale(*, listing: Listing) -> int:
    """The stored rankings a change of this listing may alter: its own, those
    that hold it, and those of the requests it could now partner."""
    which = Q(pk=listing.pk) | Q(entries__listing=listing)
    if listing.status == ListingStatus.OPEN:
        partners = survivors(listing, roles=rules.COMPLEMENT[listing.role]).filter(
            kind=ListingKind.REQUEST
        )
        which |= Q(pk__in=[row[0] for row in partners])
    ids = set(StoredRanking.objects.filter(which).values_list("pk", flat=True))
    return StoredRanking.objects.filter(pk__in=ids).update(stale=True)


def rankings_refresh_stale(*, limit: int | None = BATCH) -> int:
    """Compute again the stale and old stored rankings, a batch at a time (None:
    all), and the rankings of open requests that have none yet."""
    version = ranking_version()
    ids = list(
        StoredRanking.objects.filter(Q(stale=True) | ~Q(version=version)).values_list(
            "pk", flat=True
        )[:limit]
    )
    if limit is None or len(ids) < limit:
        ids += list(
            Listing.objects.filter(
                kind=ListingKind.REQUEST, status=ListingStatus.OPEN, stored_ranking__isnull=True
            ).values_list("pk", flat=True)[: None if limit is None else limit - len(ids)]
        )
    for request in Listing.objects.filter(pk__in=ids).select_related("organisation"):
        ranking_store(request=request)
    StoredRanking.objects.filter(pk__in=ids).exclude(request__status=ListingStatus.OPEN).delete()
    return len(ids)


# Listings changed while refreshes are deferred (None: not deferring).
_deferred: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "rankings_deferred", default=None
)


def refresh_defer(listing_id: int) -> bool:
    """Inside `refresh_deferred()`: note the change instead of refreshing now."""
    changed = _deferred.get()
    if changed is None:
        return False
    changed.add(listing_id)
    return True


@contextmanager
def refresh_deferred():
    """Bulk loads (seed_demo): hold back the per-listing ranking refresh and
    compute every stored ranking once at the end. Each listing saved would
    otherwise queue a refresh of the rankings it touches, some sixty times over
    for the demo; the end state is the same, since computing a ranking twice
    stores the same thing. Nothing is computed if the block raises (a rolled
    back load changed nothing)."""
    if _deferred.get() is not None:  # nested: the outer block refreshes
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        changed = _deferred.get()
    finally:
        _deferred.reset(token)
    if changed:
        rankings_refresh_all()


def rankings_refresh_all() -> int:
    """Every stored ranking computed again, and those of open requests that
    have none: after a bulk load changed most listings, cheaper than working
    out which rankings each change touched."""
    StoredRanking.objects.update(stale=True)
    return rankings_refresh_stale(limit=None)
