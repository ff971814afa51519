"""The vectors in memory, for similarities over thousands of candidates.

psycopg2 decodes a bytea column at about 25 MB/s, so reading 15,000 vectors per
ranking would cost half a second. Each process keeps the vectors it has read,
as int8 rows with one scale each (384 bytes a listing: 38 MB for 100,000), and
checks them against the `stamp` that every write changes: a stale or missing
row is read again, nothing else. The browse search refreshes by `updated_at`
instead, since it looks at every listing (docs/matching.md).
"""

import datetime
import threading

import numpy as np
from django.utils import timezone

from .encoders import encoder_name
from .models import ListingVector
from .offsets import learnt_offsets, without_language

# Transactions that commit later than their `updated_at` are caught by reading
# again what changed in this window before the last refresh.
REFRESH_MARGIN = datetime.timedelta(minutes=10)
# Rows per block of the similarity product (384 int8 columns: 1.5 MB as float32).
DOT_BLOCK = 1024


def quantise(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(rows).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(rows / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def decode(raw) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype="<f4")


class VectorIndex:
    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self._row: dict[int, int] = {}
        self._sorted = None  # (ids, rows) sorted by id, for `_rows_of`
        self._stamp = np.zeros(0, dtype=np.int64)
        self._data = np.zeros((0, 0), dtype=np.int8)
        self._scale = np.zeros(0, dtype=np.float32)
        self._size = 0
        self._encoder = None
        self._offsets = ""
        self._watermark = None

    @property
    def nbytes(self) -> int:
        """Memory held: the rows, their scales and stamps, and the id map."""
        return (
            self._data[: self._size].nbytes
            + self._scale[: self._size].nbytes
            + self._stamp[: self._size].nbytes
            + len(self._row) * 100  # a dict entry with two small ints, roughly
        )

    def __len__(self) -> int:
        return self._size

    def _check_encoder(self) -> None:
        # Rows are kept with the learnt language offsets taken away: new
        # offsets (embeddings.offsets) mean reading every row again.
        name, (_offsets, key) = encoder_name(), learnt_offsets()
        if name != self._encoder or key != self._offsets:
            self.clear()
            self._encoder, self._offsets = name, key

    def _put(self, rows: list[tuple[int, int, bytes, str]]) -> None:
        if not rows:
            return
        vectors = without_language(
            np.stack([decode(raw) for _pk, _stamp, raw, _code in rows]),
            [code for *_rest, code in rows],
        )
        data, scale = quantise(vectors)
        if self._data.shape[1] != vectors.shape[1]:
            self._data = np.zeros((0, vectors.shape[1]), dtype=np.int8)
        for (pk, stamp, _raw, _code), q, s in zip(rows, data, scale, strict=True):
            at = self._row.get(pk)
            if at is None:
                at = self._size
                self._grow(at + 1)
                self._row[pk] = at
                self._size += 1
                self._sorted = None
            self._data[at], self._scale[at], self._stamp[at] = q, s, stamp

    def _grow(self, needed: int) -> None:
        if needed <= len(self._scale):
            return
        capacity = max(needed, 2 * len(self._scale), 1024)
        for name in ("_data", "_scale", "_stamp"):
            old = getattr(self, name)
            new = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
            new[: self._size] = old[: self._size]
            setattr(self, name, new)

    def _fetch(self, ids) -> list:
        rows = []
        ids = list(ids)
        for start in range(0, len(ids), 5000):
            rows += ListingVector.objects.filter(
                listing_id__in=ids[start : start + 5000], encoder=self._encoder
            ).values_list("listing_id", "stamp", "vector", "listing__language")
        return rows

    def similarities(self, query: np.ndarray, ids, stamps, known=None) -> np.ndarray:
        """Cosine similarity of `query` with each listing; NaN where a listing has
        no vector yet. `stamps` are the listings' current stamps (None: no vector),
        or, with `known` (which listings have one), an array of them: the matcher
        passes tens of thousands, and a Python list of them cost more than the product."""
        with self._lock:
            self._check_encoder()
            ids = np.fromiter(ids, dtype=np.int64, count=len(ids))
            if known is None:
                known = np.array([s is not None for s in stamps], dtype=bool)
                wanted_stamps = np.array([0 if s is None else s for s in stamps], dtype=np.int64)
            else:
                known = np.asarray(known, dtype=bool)
                wanted_stamps = np.where(known, stamps, 0).astype(np.int64)
            at = self._rows_of(ids)
            held = self._stamp[np.maximum(at, 0)] if len(self._stamp) else wanted_stamps
            stale = known & ((at < 0) | (held != wanted_stamps))
            if stale.any():
                self._put(self._fetch(ids[stale].tolist()))
                at = self._rows_of(ids)
            at[~known] = -1
            out = np.full(len(ids), np.nan, dtype=np.float32)
            found = np.flatnonzero(at >= 0)
            if len(found) and query is not None:
                out[found] = self._dot(query, at[found])
            return out

    def _rows_of(self, ids: np.ndarray) -> np.ndarray:
        """The row of each id (-1: not held), by a binary search in the ids held,
        sorted once after new ones came: the matcher asks for tens of thousands."""
        if self._sorted is None:
            held = np.fromiter(self._row.keys(), dtype=np.int64, count=len(self._row))
            rows = np.fromiter(self._row.values(), dtype=np.int64, count=len(self._row))
            order = np.argsort(held, kind="stable")
            self._sorted = (held[order], rows[order])
        held, rows = self._sorted
        if not len(held):
            return np.full(len(ids), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(held, ids), len(held) - 1)
        return np.where(held[at] == ids, rows[at], -1)

    def _dot(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """(rows as float32 · query) * scale, a block at a time: a block stays in
        the CPU's cache, which makes 18,000 rows five times faster than one
        product over all of them. `einsum` sums each row on its own, so a row's
        similarity does not depend on which rows are computed with it (BLAS's
        matrix-vector product gave other last bits to the rows at a block's end)."""
        out = np.empty(len(rows), dtype=np.float32)
        for start in range(0, len(rows), DOT_BLOCK):
            block = rows[start : start + DOT_BLOCK]
            out[start : start + len(block)] = (
                np.einsum("ij,j->i", self._data[block].astype(np.float32), query)
                * self._scale[block]
            )
        return out

    def refresh(self) -> None:
        """Read what changed since the last refresh (everything, the first time)."""
        with self._lock:
            self._check_encoder()
            now = timezone.now()
            qs = ListingVector.objects.filter(encoder=self._encoder)
            if self._watermark is not None:
                qs = qs.filter(updated_at__gte=self._watermark - REFRESH_MARGIN)
            self._put(list(qs.values_list("listing_id", "stamp", "vector", "listing__language")))
            self._watermark = now

    def nearest(self, query: np.ndarray, *, limit: int, at_least: float) -> list[tuple[int, float]]:
        """The listings most similar to `query` (after a refresh), best first."""
        self.refresh()
        with self._lock:
            if not self._size:
                return []
            sims = (self._data[: self._size].astype(np.float32) @ query) * self._scale[: self._size]
            ids = np.fromiter(self._row.keys(), dtype=np.int64, count=len(self._row))
            rows = np.fromiter(self._row.values(), dtype=np.int64, count=len(self._row))
            sims = sims[rows]
            best = np.argsort(-sims, kind="stable")[:limit]
            return [(int(ids[i]), float(sims[i])) for i in best if sims[i] >= at_least]


# One per process: gunicorn and Celery workers each build theirs as they go.
index = VectorIndex()
