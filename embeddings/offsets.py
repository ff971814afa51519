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

_lock = threading.Lock()
_cache: dict = {"path": None, "mtime": None, "offsets": {}, "key": ""}
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


def stored_rows(listing_ids=None) -> list[tuple[str, np.ndarray]]:
    """(language, stored vector) of the listings with a vector of the configured encoder."""
    qs = ListingVector.objects.filter(encoder=encoder_name())
    if listing_ids is not None:
        qs = qs.filter(listing_id__in=list(listing_ids))
    return [
        (code, np.frombuffer(bytes(raw), dtype="<f4"))
        for code, raw in qs.order_by("listing_id").values_list("listing__language", "vector")
    ]


def language_offsets_learn(*, write: bool = True) -> dict[str, int]:
    """Learn the offsets from every stored vector and write them to the file
    (atomically); returns {language: listings} of the languages seen."""
    rows = stored_rows()
    offsets, counts = offsets_learnt_from(rows)
    if write:
        path = offsets_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part.npz")
        np.savez(
            partial,
            **{f"offset_{c}": v for c, v in offsets.items()},
            counts=np.array(sorted(counts.items()), dtype=object).astype(str),
            listings=np.array(len(rows)),
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
    if _override is not None:
        return _override["offsets"], _override["key"]
    path = offsets_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {}, ""
    with _lock:
        if _cache["path"] != path or _cache["mtime"] != mtime:
            with np.load(path) as found:
                offsets = {
                    f.removeprefix("offset_"): found[f]
                    for f in found.files
                    if f.startswith("offset_")
                }
            _cache.update(path=path, mtime=mtime, offsets=offsets, key=f"{path}:{mtime}")
        return _cache["offsets"], _cache["key"]


def offsets_use(offsets: dict[str, np.ndarray] | None, key: str = "override") -> None:
    """Use these offsets in this process instead of the file (None: the file again)."""
    global _override
    _override = None if offsets is None else {"offsets": offsets, "key": f"{key}:{id(offsets)}"}


def without_language(vectors: np.ndarray, languages: list[str]) -> np.ndarray:
    """Each row minus its language's learnt offset, normalised again; rows of a
    language without a learnt offset are returned as they are."""
    offsets, _key = learnt_offsets()
    if not offsets:
        return vectors
    vectors = np.array(vectors, dtype=np.float32, copy=True)
    moved = [i for i, code in enumerate(languages) if code in offsets]
    if moved:
        shift = np.stack([offsets[languages[i]] for i in moved])
        vectors[moved] = normalised(vectors[moved] - shift)
    return vectors
