"""Reads: a listing's vector, the vector of a search text, similarities."""

from functools import lru_cache

import numpy as np

from .encoders import encoder, encoder_name, languages_of
from .index import decode, index
from .models import ListingVector
from .offsets import learnt_offsets, without_language


def listing_vector(listing_id: int) -> np.ndarray | None:
    """The stored vector of one listing, made by the configured encoder, with its
    language's learnt offset taken away (as the index keeps them); None when it
    is not there yet."""
    found = (
        ListingVector.objects.filter(listing_id=listing_id, encoder=encoder_name())
        .values_list("vector", "listing__language")
        .first()
    )
    if found is None:
        return None
    raw, code = found
    return without_language(decode(raw)[None, :], [code])[0]


def text_vector(text: str) -> np.ndarray:
    """The vector of a short text (a search), cached: people repeat searches."""
    return _text_vector(text, learnt_offsets()[1])


def listing_vectors(listing_ids) -> dict[int, np.ndarray]:
    """{listing id: vector} as `listing_vector` gives them, in one query; a
    listing without a vector yet is left out."""
    rows = ListingVector.objects.filter(
        listing_id__in=list(listing_ids), encoder=encoder_name()
    ).values_list("listing_id", "vector", "listing__language")
    rows = sorted(rows)
    if not rows:
        return {}
    vectors = without_language(
        np.stack([decode(raw) for _pk, raw, _code in rows]), [code for *_r, code in rows]
    )
    return {pk: vector for (pk, _raw, _code), vector in zip(rows, vectors, strict=True)}


@lru_cache(maxsize=256)
def _text_vector(text: str, offsets_key: str) -> np.ndarray:
    # Keyed by the learnt offsets too: new offsets, new vectors.
    return without_language(encoder().encode([text]), languages_of([text]))[0]


def similarities(query: np.ndarray | None, ids, stamps, known=None) -> np.ndarray:
    """Cosine similarity of `query` with each listing (NaN: no vector)."""
    if query is None:
        return np.full(len(ids), np.nan, dtype=np.float32)
    return index.similarities(query, ids, stamps, known)


def nearest_listings(text: str, *, limit: int = 200, at_least: float = 0.0) -> dict[int, float]:
    """{listing id: similarity} of the listings closest in meaning to `text`."""
    return dict(index.nearest(text_vector(text), limit=limit, at_least=at_least))
