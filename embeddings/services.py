"""Writes: encode listings' texts and store their vectors.

Callers pass ids and texts, so that this app needs nothing from the others: the
listings app queues `listings.tasks.listing_embed` after a listing is published
or its text changes, and `embed_listings` backfills."""

import datetime
import hashlib
import secrets
from collections import OrderedDict

import numpy as np
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .encoders import encoder, encoder_name
from .models import ListingVector

# Texts encoded per call: long enough to amortise the call, short enough to keep
# memory flat when thousands are backfilled.
BATCH = 32
# Vectors of recently encoded texts, by hash: a text seen again (a listing
# reposted, demo data loaded again) is not encoded twice in a process.
MEMO_SIZE = 4096
_memo: OrderedDict = OrderedDict()
# Sent with `listing_ids` once their vectors are written (bulk inserts send no
# post_save): what keeps listings in memory follows (matchmaking.snapshot).
vectors_stored = Signal()


def _encode(hashes: list[str], texts: list[str]) -> list[np.ndarray]:
    missing = [i for i, h in enumerate(hashes) if h not in _memo]
    if missing:
        rows = encoder().encode([texts[i] for i in missing])
        for i, row in zip(missing, rows, strict=True):
            _memo[hashes[i]] = row
            if len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
    out = []
    for h in hashes:
        _memo.move_to_end(h)
        out.append(_memo[h])
    return out


def listing_text(*, title: str, description: str) -> str:
    """What a listing says, as the encoder reads it."""
    return f"{title.strip()}\n{description.strip()}"


def text_hash(text: str, name: str | None = None) -> str:
    return hashlib.sha1(f"{name or encoder_name()}\n{text}".encode()).hexdigest()  # noqa: S324


def listing_vectors_store(*, texts: dict[int, str], force: bool = False) -> int:
    """Encode and store the vectors of these listings ({id: text}) whose text or
    encoder changed since their vector was made; returns how many were encoded."""
    name = encoder_name()
    hashes = {pk: text_hash(text, name) for pk, text in texts.items()}
    known = dict(
        ListingVector.objects.filter(listing_id__in=hashes, encoder=name).values_list(
            "listing_id", "text_hash"
        )
    )
    todo = sorted(pk for pk, h in hashes.items() if force or known.get(pk) != h)
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        rows = _encode([hashes[pk] for pk in batch], [texts[pk] for pk in batch])
        now = timezone.now()
        vectors = [
            ListingVector(
                listing_id=pk,
                encoder=name,
                vector=row.astype("<f4").tobytes(),
                text_hash=hashes[pk],
                stamp=secrets.randbits(62),
                updated_at=now,
            )
            for pk, row in zip(batch, rows, strict=True)
        ]
        with transaction.atomic():
            ListingVector.objects.bulk_create(
                vectors,
                update_conflicts=True,
                unique_fields=["listing"],
                update_fields=["encoder", "vector", "text_hash", "stamp", "updated_at"],
            )
            vectors_stored.send(sender=ListingVector, listing_ids=batch)
    return len(todo)


def vectors_stale_before(*, when: datetime.datetime) -> int:
    """How many vectors were made by another encoder or before `when` (the command's report)."""
    return (
        ListingVector.objects.exclude(encoder=encoder_name()).count()
        + ListingVector.objects.filter(updated_at__lt=when).count()
    )
