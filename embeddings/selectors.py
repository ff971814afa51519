"""Reads: a listing's vector, the vector of a search text, similarities."""

from functools import lru_cache

import numpy as np

from .encoders import encoder, encoder_name
from .index import decode, index
from .models import ListingVector


def listing_vector(listing_id: int) -> np.ndarray | None:
    """The stored vector of one listing, made by the configured encoder; None
    when it is not there yet."""
    raw = (
        ListingVector.objects.filter(listing_id=listing_id, encoder=encoder_name())
        .values_list("vector", flat=True)
        .first()
    )
    return None if raw is None else decode(raw)


@lru_cache(maxsize=256)
def text_vector(text: str) -> np.ndarray:
    """The vector of a short text (a search), cached: people repeat searches."""
    return encoder().encode([text])[0]


def similarities(query: np.ndarray | None, ids, stamps) -> np.ndarray:
    """Cosine similarity of `query` with each listing (NaN: no vector)."""
    if query is None:
        return np.full(len(ids), np.nan, dtype=np.float32)
    return index.similarities(query, ids, stamps)


def nearest_listings(text: str, *, limit: int = 200, at_least: float = 0.0) -> dict[int, float]:
    """{listing id: similarity} of the listings closest in meaning to `text`."""
    return dict(index.nearest(text_vector(text), limit=limit, at_least=at_least))
