"""The open listings as columns in memory, for the hard rules over all of them.

At 100,000 open listings a realistic request (a window of three to six months)
has 17,000-41,000 survivors of the hard rules; asking the database for them took
most of a ranking (docs/matching.md, "Speed"). Each process instead keeps the
few columns the rules read (windows, stay, role, kind, organisation and its
country, themes, working languages, the vector's stamp) as numpy arrays, sorted
by id, and `survivor_rows` answers the rules for every listing at once in a few
milliseconds, giving the same rows the SQL of `matcher.ranking_rows` gives.

It follows the database by a change log in the shared cache (core.changelog,
Redis in production): every save, delete or change of themes or languages
of a listing appends its id (at once, and again after commit, so a reader that
saw the row before the commit reads it again); before each ranking the process
reads again only the listings logged since its last look (a new vector is
logged too: embeddings.services.vectors_stored), and a change to an organisation
(its country, languages or status) logs its listings. A change to the
vocabularies from their side, or a bulk write that sends no signal
(`snapshot_changed()`), starts a new generation: the next ranking reads
everything again. As a last guard against a write that bypassed both, a snapshot
older than `MAX_AGE` is read again whole.
"""

import datetime
import threading

import numpy as np
from django.db import connection

from core.changelog import ChangeLog, Follower
from embeddings.encoders import encoder_name
from embeddings.models import ListingVector
from listings.models import Listing, ListingKind, ListingRole
from members.models import Organisation

GENERATION_KEY = "matcher:open-listings"
# A write that sent no signal is seen at worst this late (as core.counts.SECONDS).
MAX_AGE = 15 * 60

ROLES = {ListingRole.SEND.value: 0, ListingRole.HOST.value: 1, ListingRole.EITHER.value: 2}
EPOCH = datetime.date(1970, 1, 1)


def _days(value) -> int:
    if isinstance(value, str):  # SQLite through a plain cursor
        value = datetime.date.fromisoformat(value)
    return (value - EPOCH).days


def days_of(value: datetime.date) -> int:
    return (value - EPOCH).days


# --- the change log (core.changelog) -----------------------------------------

changes = ChangeLog(GENERATION_KEY, name="the matcher's open listings")


def listing_changed_record(listing_id: int) -> None:
    """Log a change of this listing, now and again once committed."""
    changes.record([int(listing_id)])


def listings_changed_record(listing_ids) -> None:
    """Log a change of these listings (beyond what the log is read for, everyone
    reads everything)."""
    changes.record(int(pk) for pk in listing_ids)


def organisation_changed_record(organisation_id: int) -> None:
    """An organisation's country, languages or status are read with each of its
    listings: log its listings, so that a profile edit costs a few rows, not a
    reading of every open listing in every process."""
    listings_changed_record(
        Listing.objects.filter(organisation_id=organisation_id)
        .order_by()
        .values_list("pk", flat=True)[: changes.read_max + 1]
    )


def snapshot_changed() -> None:
    """Every process reads all the open listings again at its next ranking: after
    a change the log cannot follow (a bulk insert, `update()`)."""
    changes.restart()


# --- the columns -----------------------------------------------------------


class Columns:
    """The open listings' columns, rows sorted by id. Themes and the working
    languages that count for the language rule (the listing's own, else its
    organisation's) are kept as bitmasks, one bit per id (`bits` names each
    id's bit, shared by every generation of the columns): the rules ask of tens
    of thousands of rows at once how many of the request's themes each holds,
    which a `&` and a count of bits answer over a few 64-bit words a row."""

    SCALARS = {
        "pk": np.int64,
        "organisation": np.int64,
        "role": np.int8,
        "is_request": np.bool_,
        "start": np.int32,
        "end": np.int32,
        "duration": np.int32,
        "country": np.int32,
        "theme_count": np.int32,
        "states_language": np.bool_,
        "stamp": np.int64,
        "has_vector": np.bool_,
    }
    SETS = ("theme", "spoken")

    def __init__(self, rows: list | None = None, org_languages: dict | None = None, codes=None):
        self.codes = codes if codes is not None else {"theme": {}, "spoken": {}, "country": {}}
        rows = sorted(rows or [])
        org_languages = org_languages or {}
        n = len(rows)
        for name, dtype in self.SCALARS.items():
            setattr(self, name, np.zeros(n, dtype=dtype))
        held = {"theme": [], "spoken": []}
        countries = self.codes["country"]
        for i, (
            pk,
            org,
            role,
            kind,
            start,
            end,
            duration,
            country,
            theme_ids,
            language_ids,
        ) in enumerate(rows):
            self.pk[i], self.organisation[i], self.role[i] = pk, org, ROLES[role]
            self.is_request[i] = kind == ListingKind.REQUEST
            self.start[i], self.end[i], self.duration[i] = _days(start), _days(end), duration
            self.country[i] = countries.setdefault(str(country), len(countries))
            self.theme_count[i] = len(theme_ids)
            held["theme"] += [(i, t) for t in theme_ids]
            said = language_ids or org_languages.get(org, ())
            self.states_language[i] = bool(said)
            held["spoken"] += [(i, t) for t in said]
        for name in self.SETS:
            setattr(self, f"{name}_bits", self._bitmask(name, n, held[name]))

    def _bitmask(self, name: str, n: int, pairs: list) -> np.ndarray:
        """(n, words) uint64: the bit of each (row, id) pair set."""
        bit = self.codes[name]
        for _row, pk in pairs:
            bit.setdefault(int(pk), len(bit))
        out = np.zeros((n, _words(len(bit))), dtype=np.uint64)
        if pairs:
            rows, pks = np.array(pairs, dtype=np.int64).T
            at = np.array([bit[pk] for pk in pks.tolist()], dtype=np.int64)
            np.bitwise_or.at(
                out, (rows, at // 64), np.left_shift(np.uint64(1), (at % 64).astype(np.uint64))
            )
        return out

    def __len__(self) -> int:
        return len(self.pk)

    @property
    def nbytes(self) -> int:
        return sum(
            getattr(self, name).nbytes
            for name in [*self.SCALARS, *(f"{s}_bits" for s in self.SETS)]
        )

    def mask(self, name: str, wanted) -> np.ndarray:
        """The bits of these ids, as one row of `<name>_bits`; ids no listing holds
        have no bit (no row would match them)."""
        bit = self.codes[name]
        out = np.zeros(getattr(self, f"{name}_bits").shape[1], dtype=np.uint64)
        for pk in wanted:
            at = bit.get(int(pk))
            if at is not None and at // 64 < len(out):
                out[at // 64] |= np.uint64(1) << np.uint64(at % 64)
        return out

    def counts(self, name: str, wanted, rows: np.ndarray) -> np.ndarray:
        """Per row of `rows`, how many of the `wanted` ids it holds among its
        `name` ids (its themes, the languages it speaks)."""
        held = getattr(self, f"{name}_bits")[rows] & self.mask(name, wanted)
        return np.bitwise_count(held).sum(axis=1, dtype=np.int64)

    def rows_of(self, pks: np.ndarray) -> np.ndarray:
        """The row of each id, -1 where the id is not held."""
        if not len(self.pk):
            return np.full(len(pks), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.pk, pks), len(self.pk) - 1)
        return np.where(self.pk[at] == pks, at, -1)

    def replaced(self, drop_pks, fresh: "Columns") -> "Columns":
        """These columns without the rows of `drop_pks`, with `fresh`'s rows added
        (`fresh` made with these columns' `codes`)."""
        keep = ~np.isin(self.pk, np.asarray(drop_pks, dtype=np.int64))
        out = Columns(codes=self.codes)
        for name in self.SCALARS:
            setattr(out, name, np.concatenate([getattr(self, name)[keep], getattr(fresh, name)]))
        for name in self.SETS:
            # New ids may have needed a new word: the older rows have it empty.
            old, new = getattr(self, f"{name}_bits")[keep], getattr(fresh, f"{name}_bits")
            words = max(old.shape[1], new.shape[1])
            setattr(
                out, f"{name}_bits", np.concatenate([_widened(old, words), _widened(new, words)])
            )
        return out._sorted()

    def _sorted(self) -> "Columns":
        order = np.argsort(self.pk, kind="stable")
        if np.all(order == np.arange(len(order))):
            return self
        for name in [*self.SCALARS, *(f"{s}_bits" for s in self.SETS)]:
            setattr(self, name, getattr(self, name)[order])
        return self


def _words(bits: int) -> int:
    return max(1, -(-bits // 64))


def _widened(bits: np.ndarray, words: int) -> np.ndarray:
    if bits.shape[1] == words:
        return bits
    return np.pad(bits, ((0, 0), (0, words - bits.shape[1])))


def _read_rows(ids: list[int] | None) -> tuple[list, dict]:
    """The open listings' rows (all, or among `ids`) and their organisations'
    working languages."""
    qs = Listing.objects.proposable()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    rows = list(
        qs.order_by()
        .values_list(
            "pk",
            "organisation_id",
            "role",
            "kind",
            "earliest_start",
            "latest_end",
            "duration_days",
            "organisation__country",
            "theme_ids",
            "language_ids",
        )
        .iterator(chunk_size=5000)
    )
    silent = {row[1] for row in rows if not row[9]}
    languages = Organisation.languages.through.objects.order_by()
    if ids is not None:
        languages = languages.filter(organisation_id__in=silent)
    org_languages = {}
    for org, language in languages.values_list("organisation_id", "language_id"):
        org_languages.setdefault(org, []).append(language)
    return rows, org_languages


class OpenListings:
    """One per process, built at the first ranking and kept up to date."""

    def __init__(self):
        self._lock = threading.Lock()
        self._follower = Follower(changes, max_age=MAX_AGE)
        self.clear()

    def clear(self) -> None:
        self.columns = Columns()
        self._encoder = None
        self._follower.reset()

    def current(self) -> Columns:
        """The columns, brought up to date with the database first."""
        with self._lock:
            self._follower.follow(
                lambda: (encoder_name(), connection.settings_dict["NAME"]),
                read_all=self._load_all,
                read_some=lambda changed: self._load_some(sorted(set(changed))),
            )
            return self.columns

    def _load_all(self) -> None:
        self._encoder = encoder_name()
        self.columns = Columns(*_read_rows(None))
        self._stamps(ListingVector.objects.all())

    def _load_some(self, ids: list[int]) -> None:
        rows, org_languages = _read_rows(ids)
        fresh = Columns(rows, org_languages, codes=self.columns.codes)
        self.columns = self.columns.replaced(ids, fresh)
        # The vectors of re-read rows are read again with them.
        self._stamps(ListingVector.objects.filter(listing_id__in=ids))

    def _stamps(self, qs) -> None:
        found = np.array(
            list(qs.order_by().values_list("listing_id", "stamp", "encoder")), dtype=object
        ).reshape(-1, 3)
        if not len(found):
            return
        ids = found[:, 0].astype(np.int64)
        at = self.columns.rows_of(ids)
        held = at >= 0
        current = found[:, 2] == self._encoder
        stamps = np.where(current, found[:, 1], 0).astype(np.int64)
        self.columns.stamp[at[held]] = stamps[held]
        self.columns.has_vector[at[held]] = current[held].astype(bool)


# One per process, like the vectors' index.
open_listings = OpenListings()
