"""Language offsets learnt from the installation's own listings.

The encoder keeps something of the language itself in every vector: two
listings in the same language look closer than they are. The encoder takes away
offsets shipped with it, measured on the interface's translations (ten
languages, `centres/`). This step learns what is left, for every language the
members write in, from the stored vectors alone (no label, no decision):

    offset(L) = n / (n + SHRINK) * (mean of the vectors of L's listings
                                    - mean of all listings' vectors)

A language with few listings has its mean shrunk toward the global mean (its
offset toward nothing), so that a handful of listings about one topic are not
read as a language; below MINIMUM listings it has no learnt offset and keeps
the shipped one alone. When vectors are compared (`index`, `selectors`), each
listing's vector has its language's learnt offset taken away and is
normalised again. `python manage.py learn_language_offsets` and the beat task
`embeddings.tasks.language_offsets_learn` write them to a small file
(`var/language-offsets-<encoder>.npz`); a process reads it again when it
changes. docs/matching.md, "Language offsets learnt from the listings".

Learnt at the same time, from the same vectors and still without a label: each
listing's **hubness** (CSLS, Conneau et al. 2018, "Word translation without
parallel data"). Some listings are close to almost every request, whatever it
asks ("train the trainers", a general study visit on VET): in a ranking they
come near the top for requests on any subject. A listing's hubness is the mean
similarity to its HUB_NEIGHBOURS nearest requests, less the mean of every
listing's; the matcher reads a candidate's similarity as CSLS does, less half
its hubness (`hubness_taken_away`). docs/matching.md, "Hubness".
"""

import threading
from pathlib import Path

import numpy as np
from django.conf import settings

from .encoders import encoder_name, normalised
from .models import ListingVector

# k in n / (n + k): a language with 20 listings has half its measured offset taken away.
SHRINK = 20
# Fewer listings than this: the shipped offset alone (none for most languages).
MINIMUM = 5
# Learn again when this share of the listings was added or changed since.
RELEARN_SHARE = 0.1
# CSLS's own choices, not fitted to any set: the 10 nearest requests, and half the
# hubness taken away (CSLS = 2 cos - r(query) - r(candidate), halved; r(query) is
# the same for every candidate of a ranking).
HUB_NEIGHBOURS = 10
HUB_SHARE = 0.5
# Rows of the listings-by-requests product computed at once: with 30,000 requests a
# block holds 30 MB (float32). 100,000 listings take minutes, in the beat task.
HUB_BLOCK = 256

_lock = threading.Lock()
_cache: dict = {"path": None, "mtime": None, "offsets": {}, "hubness": {}, "key": ""}
# In-process offsets that replace the file (the evaluation, tests); None: the file.
_override: dict | None = None


def offsets_path(name: str | None = None) -> Path:
    folder = Path(getattr(settings, "EMBEDDINGS_OFFSETS_DIR", settings.VAR_DIR))
    return folder / f"language-offsets-{name or encoder_name()}.npz"


def offsets_learnt_from(rows) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    """Offsets from (language, vector) pairs; returns ({language: offset}, {language: n}).
    Rows without a language count toward the global mean only."""
    rows = [(code or "", np.asarray(v, dtype=np.float64)) for code, v in rows]
    if not rows:
        return {}, {}
    everything = np.mean([v for _c, v in rows], axis=0)
    by_language: dict[str, list] = {}
    for code, v in rows:
        if code:
            by_language.setdefault(code, []).append(v)
    offsets, counts = {}, {}
    for code in sorted(by_language):
        n = len(by_language[code])
        counts[code] = n
        if n < MINIMUM:
            continue
        mean = np.mean(by_language[code], axis=0)
        offsets[code] = (n / (n + SHRINK) * (mean - everything)).astype(np.float32)
    return offsets, counts


def hubness_learnt_from(ids, kinds, vectors: np.ndarray) -> dict[int, float]:
    """{listing id: hubness} from the listings' vectors (language offsets taken
    away, as they are compared) and kinds; {} with too few requests to tell."""
    vectors = np.asarray(vectors, dtype=np.float32)
    ids = np.asarray(ids, dtype=np.int64)
    asks = np.flatnonzero(np.asarray(kinds) == "request")
    if len(asks) <= HUB_NEIGHBOURS:
        return {}
    requests = vectors[asks]
    nearest = np.empty(len(ids), dtype=np.float64)
    for start in range(0, len(ids), HUB_BLOCK):
        sims = vectors[start : start + HUB_BLOCK] @ requests.T
        # A request is not its own neighbour.
        mine = np.flatnonzero((asks >= start) & (asks < start + len(sims)))
        sims[asks[mine] - start, mine] = -np.inf
        top = np.partition(sims, -HUB_NEIGHBOURS, axis=1)[:, -HUB_NEIGHBOURS:]
        nearest[start : start + len(sims)] = top.mean(axis=1)
    nearest -= nearest.mean()
    return dict(zip(ids.tolist(), nearest.astype(np.float32).tolist(), strict=True))


def stored_listings(listing_ids=None) -> tuple[list, list, list, np.ndarray]:
    """(ids, languages, kinds, vectors) of the listings with a vector of the
    configured encoder, in listing order, as stored (shipped offset only)."""
    qs = ListingVector.objects.filter(encoder=encoder_name())
    if listing_ids is not None:
        qs = qs.filter(listing_id__in=list(listing_ids))
    rows = list(
        qs.order_by("listing_id").values_list(
            "listing_id", "listing__language", "listing__kind", "vector"
        )
    )
    vectors = np.stack([np.frombuffer(bytes(r[3]), dtype="<f4") for r in rows]) if rows else None
    return [r[0] for r in rows], [r[1] or "" for r in rows], [r[2] for r in rows], vectors


def learnt_from_listings(listing_ids=None) -> tuple[dict, dict, dict[int, float], int]:
    """(offsets, counts, hubness, listings) learnt from the stored vectors, no label."""
    ids, codes, kinds, vectors = stored_listings(listing_ids)
    if vectors is None:
        return {}, {}, {}, 0
    offsets, counts = offsets_learnt_from(zip(codes, vectors, strict=True))
    compared = minus_offsets(vectors, codes, offsets)
    return offsets, counts, hubness_learnt_from(ids, kinds, compared), len(ids)


def language_offsets_learn(*, write: bool = True) -> dict[str, int]:
    """Learn the offsets from every stored vector and write them to the file
    (atomically); returns {language: listings} of the languages seen."""
    offsets, counts, hubness, listings = learnt_from_listings()
    if write:
        path = offsets_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part.npz")
        np.savez(
            partial,
            **{f"offset_{c}": v for c, v in offsets.items()},
            counts=np.array(sorted(counts.items()), dtype=object).astype(str),
            listings=np.array(listings),
            hub_ids=np.array(list(hubness), dtype=np.int64),
            hub=np.array(list(hubness.values()), dtype=np.float32),
        )
        partial.replace(path)
    return counts


def listings_learnt_on() -> int:
    """How many listings the offsets in the file were learnt on (0: none yet)."""
    path = offsets_path()
    if not path.exists():
        return 0
    with np.load(path) as found:
        return int(found["listings"])


def relearn_due() -> bool:
    """True when the listings changed enough since the offsets were learnt."""
    now = ListingVector.objects.filter(encoder=encoder_name()).count()
    before = listings_learnt_on()
    return abs(now - before) >= max(MINIMUM, RELEARN_SHARE * max(before, 1)) or (
        before == 0 and now >= MINIMUM
    )


def learnt_offsets() -> tuple[dict[str, np.ndarray], str]:
    """The offsets in use and a key that changes with them ("" for none)."""
    found = _learnt()
    return found["offsets"], found["key"]


def learnt_hubness() -> dict[int, float]:
    """{listing id: hubness} learnt with the offsets ({} before any learning)."""
    return _learnt()["hubness"]


def hubness_taken_away(similarity: float, listing_id: int, hubness: dict) -> float:
    """A candidate's similarity as the matcher reads it: less HUB_SHARE of its hubness."""
    return similarity - HUB_SHARE * hubness.get(listing_id, 0.0)


# The hubness dict in use as sorted arrays, made once per learnt file: (dict, ids, values).
_hub_arrays: tuple = (None, np.zeros(0, dtype=np.int64), np.zeros(0))


def hubness_taken_away_of(similarities: np.ndarray, ids: np.ndarray, hubness: dict) -> np.ndarray:
    """`hubness_taken_away` for many candidates at once (the matcher's pre-score
    over tens of thousands of survivors): the same figures, no loop in Python."""
    global _hub_arrays
    similarities = np.asarray(similarities, dtype=np.float64)
    if not hubness or not len(ids):
        return similarities
    known, keys, values = _hub_arrays
    if known is not hubness:
        keys = np.fromiter(hubness.keys(), dtype=np.int64, count=len(hubness))
        values = np.fromiter(hubness.values(), dtype=np.float64, count=len(hubness))
        order = np.argsort(keys)
        keys, values = keys[order], values[order]
        _hub_arrays = (hubness, keys, values)
    ids = np.asarray(ids, dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, ids), len(keys) - 1)
    hub = np.where(keys[at] == ids, values[at], 0.0)
    return similarities - HUB_SHARE * hub


def _learnt() -> dict:
    if _override is not None:
        return _override
    path = offsets_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {"offsets": {}, "hubness": {}, "key": ""}
    with _lock:
        if _cache["path"] != path or _cache["mtime"] != mtime:
            with np.load(path) as found:
                offsets = {
                    f.removeprefix("offset_"): found[f]
                    for f in found.files
                    if f.startswith("offset_")
                }
                # Files written before hubness was learnt have none.
                hubness = (
                    dict(zip(found["hub_ids"].tolist(), found["hub"].tolist(), strict=True))
                    if "hub_ids" in found.files
                    else {}
                )
            _cache.update(
                path=path, mtime=mtime, offsets=offsets, hubness=hubness, key=f"{path}:{mtime}"
            )
        return _cache


def offsets_use(
    offsets: dict[str, np.ndarray] | None, key: str = "override", hubness: dict | None = None
) -> None:
    """Use these offsets and hubness in this process, not the file's (None: the file again)."""
    global _override
    _override = (
        None
        if offsets is None
        else {"offsets": offsets, "hubness": hubness or {}, "key": f"{key}:{id(offsets)}"}
    )


def without_language(vectors: np.ndarray, languages: list[str]) -> np.ndarray:
    """Each row minus its language's learnt offset, normalised again; rows of a
    language without a learnt offset are returned as they are."""
    return minus_offsets(vectors, languages, learnt_offsets()[0])


def minus_offsets(vectors: np.ndarray, languages: list[str], offsets: dict) -> np.ndarray:
    """`without_language` with these offsets."""
    if not offsets:
        return vectors
    vectors = np.array(vectors, dtype=np.float32, copy=True)
    moved = [i for i, code in enumerate(languages) if code in offsets]
    if moved:
        shift = np.stack([offsets[languages[i]] for i in moved])
        vectors[moved] = normalised(vectors[moved] - shift)
    return vectors
