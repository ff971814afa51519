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

    def similarities(self, query: np.ndarray, ids, stamps) -> np.ndarray:
        """Cosine similarity of `query` with each listing; NaN where a listing has
        no vector yet. `stamps` are the listings' current stamps (None: no vector)."""
        with self._lock:
            self._check_encoder()
            wanted = [
                pk
                for pk, stamp in zip(ids, stamps, strict=True)
                if stamp is not None
                and (pk not in self._row or self._stamp[self._row[pk]] != stamp)
            ]
            self._put(self._fetch(wanted))
            out = np.full(len(ids), np.nan, dtype=np.float32)
            at = np.array(
                [
                    self._row.get(pk, -1) if s is not None else -1
                    for pk, s in zip(ids, stamps, strict=True)
                ],
                dtype=np.int64,
            )
            found = at >= 0
            if found.any() and query is not None:
                rows = at[found]
                out[found] = (self._data[rows].astype(np.float32) @ query) * self._scale[rows]
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
