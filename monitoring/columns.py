"""The rows the dashboard counts, as columns in memory: any filter is a mask.

At the partnership's full size (100,000 listings with 300,000 themes, 20,000
exchanges) the database's aggregates (tests/monitoring/aggregates.py) take
0.7-2.6 s for one set of filters, most of it joining and grouping the same rows again for
each figure and each filter (docs/performance.md, "The monitoring dashboard").
Each process instead reads the few columns the figures need (listings:
organisation, kind, status, day of submission, themes, formats; matches;
exchanges: status, start, country, format, participants, parties, themes,
figures by target group; organisations: country, region) once, as numpy
arrays sorted by id; `Masks` and the figures of monitoring.counting answer any combination
of filters with masks and counts over them in a few milliseconds.

Each process reads the columns whole once, then follows each change row by
row: monitoring.changes logs the ids changed and `Columns.changed` reads only
those rows again. Days are read in the current time zone by the database
(TruncDate), as Django's `__year` lookups read them, so the figures are exactly
the aggregates' on SQLite and PostgreSQL (tests/monitoring/test_columns.py
compares them).
"""

import copy
import datetime
import threading

import numpy as np
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce, Ord, Substr, TruncDate
from django.utils import timezone

from core.changelog import Follower
from core.counts import BULK_KEY, cache_generation
from exchanges.models import (
    Exchange,
    ExchangeOrganisation,
    ExchangeParticipants,
    ExchangeRole,
    ExchangeStatus,
)
from listings.models import Listing, ListingKind, ListingStatus
from matchmaking.models import Match, MatchParty, MatchStatus
from members.models import Organisation

from . import changes

EPOCH = datetime.date(1970, 1, 1)
NO_MATCH = -1
LISTING_STATUSES = list(ListingStatus.values)
MATCH_STATUSES = list(MatchStatus.values)
ROLES = list(ExchangeRole.values)


def _day(value) -> int:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return (value - EPOCH).days


def years_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def months_of(days: np.ndarray) -> np.ndarray:
    """Months since January 1970."""
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _array(values, dtype=np.int64) -> np.ndarray:
    return np.fromiter(values, dtype=dtype)


def _held(owners: np.ndarray, pks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the row of each owner id in `pks`, which owners are held)."""
    if not len(pks):
        return np.zeros(len(owners), dtype=np.int64), np.zeros(len(owners), dtype=bool)
    at = np.minimum(np.searchsorted(pks, owners), len(pks) - 1)
    return at, pks[at] == owners


def _index(field: str, values: list) -> Case:
    """The position of the field's value in `values` (-1: none of them), as an integer."""
    return Case(
        *(When(**{field: value}, then=Value(i)) for i, value in enumerate(values)),
        default=Value(-1),
        output_field=IntegerField(),
    )


def read_columns(qs, fields: list[str], dates=()) -> list[np.ndarray]:
    """Integer columns of `qs` (dates as days since 1970), rows sorted by the
    first. On PostgreSQL each column comes back as one text of numbers in one
    round trip: at 100,000 rows, a row at a time through the driver and the ORM
    costs ten times more."""
    qs = qs.order_by().values_list(*fields)
    if connection.vendor != "postgresql":
        rows = list(qs)
        found = [
            _array((_day(r[i]) for r in rows) if name in dates else (r[i] for r in rows))
            for i, name in enumerate(fields)
        ]
    else:
        inner, params = qs.query.sql_with_params()
        names = ", ".join(f"c{i}" for i in range(len(fields)))
        texts = ", ".join(
            f"string_agg((c{i} - DATE '1970-01-01')::text, ',')"
            if name in dates
            else f"string_agg(c{i}::text, ',')"
            for i, name in enumerate(fields)
        )
        # Every aggregate of one query sees the rows in the same order.
        sql = f"SELECT {texts} FROM ({inner}) AS rows_read ({names})"  # noqa: S608 (the ORM's SQL)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            texts = cursor.fetchone()
        found = [np.fromstring(text or "", dtype=np.int64, sep=",") for text in texts]
    order = np.argsort(found[0], kind="stable")
    return [column[order] for column in found]


def _codes(values, codes: dict) -> np.ndarray:
    return _array((codes.setdefault(str(v or ""), len(codes)) for v in values), np.int32)


class Columns:
    """Every column the figures read. Rows are kept by id (`rows`, `pairs`) so
    that the rows of a few changed ids can be read again alone (`changed`);
    `resolve` then turns ids into row numbers for the figures."""

    KINDS = ("listing", "match", "exchange")

    def __init__(self):
        self.codes = {}  # country code -> number, shared by every country column
        self.regions = {"": 0}  # region 0 is "none": regions are counted when given
        self.rows = {}  # kind -> {column: array}, sorted by "pk"
        self.pairs = {}  # (kind, name) -> {"owner": ids, column: array}
        self._organisations()
        for kind in self.KINDS:
            self._read(kind, None)
        self.resolve()

    def changed(self, *, organisations: bool, ids: dict) -> None:
        """Read again the organisations (when they changed) and the rows of
        these ids ({kind: [id, ...]}), then resolve."""
        if organisations:
            self._organisations()
        kinds = {kind for kind, pks in ids.items() if pks}
        for kind in kinds:
            self._read(kind, sorted(ids[kind]))
        if organisations:
            self.resolve()
            return
        # What each kind's row numbers change: a match points to its request's
        # row, an exchange to its match's.
        if "listing" in kinds:
            self._resolve_listings()
        if kinds & {"listing", "match"}:
            self._resolve_matches()
        if "exchange" in kinds:
            self._resolve_exchanges()
        elif "match" in kinds:
            self._resolve_exchange_matches()

    def _organisations(self):
        rows = list(Organisation.objects.order_by("pk").values_list("pk", "country", "region"))
        self.org_pk = _array(r[0] for r in rows)
        self.org_country = _codes((r[1] for r in rows), self.codes)
        self.org_region = _codes((r[2] for r in rows), self.regions)

    def _read(self, kind: str, pks: list[int] | None) -> None:
        rows, pairs = getattr(self, f"_read_{kind}")(pks)
        if pks is None:
            self.rows[kind] = rows
            self.pairs.update({(kind, name): table for name, table in pairs.items()})
            return
        changed = np.asarray(pks, dtype=np.int64)
        old = self.rows[kind]
        keep = ~np.isin(old["pk"], changed)
        merged = {c: np.concatenate([old[c][keep], rows[c]]) for c in old}
        order = np.argsort(merged["pk"], kind="stable")
        self.rows[kind] = {c: merged[c][order] for c in merged}
        for name, table in pairs.items():
            old = self.pairs[(kind, name)]
            keep = ~np.isin(old["owner"], changed)
            self.pairs[(kind, name)] = {c: np.concatenate([old[c][keep], table[c]]) for c in old}

    @staticmethod
    def _among(qs, pks, field="pk"):
        return qs if pks is None else qs.filter(**{f"{field}__in": pks})

    def _read_listing(self, pks):
        submitted = TruncDate(Coalesce("submitted_at", "published_at", "created_at"))
        qs = Listing.objects.annotate(
            day=submitted,
            is_request=_index("kind", [ListingKind.OFFER, ListingKind.REQUEST]),
            status_code=_index("status", LISTING_STATUSES),
        )
        rows = _named(
            ["pk", "org", "request", "status", "day"],
            read_columns(
                self._among(qs, pks),
                ["pk", "organisation_id", "is_request", "status_code", "day"],
                dates={"day"},
            ),
        )
        pairs = {}
        for name, through, column in (
            ("themes", Listing.themes.through, "theme_id"),
            ("formats", Listing.formats.through, "format_id"),
        ):
            qs = self._among(through.objects.all(), pks, "listing_id")
            pairs[name] = _named(["owner", "id"], read_columns(qs, ["listing_id", column]))
        return rows, pairs

    def _read_match(self, pks):
        qs = Match.objects.annotate(
            day=TruncDate("confirmed_at"), status_code=_index("status", MATCH_STATUSES)
        )
        rows = _named(
            ["pk", "request", "status", "day"],
            read_columns(
                self._among(qs, pks), ["pk", "request_id", "status_code", "day"], dates={"day"}
            ),
        )
        qs = self._among(MatchParty.objects.all(), pks, "match_id")
        parties = _named(["owner", "org"], read_columns(qs, ["match_id", "organisation_id"]))
        return rows, {"parties": parties}

    def _read_exchange(self, pks):
        qs = Exchange.objects.filter(
            status__in=[ExchangeStatus.PLANNED, ExchangeStatus.COMPLETED]
        ).annotate(
            completed=_index("status", [ExchangeStatus.PLANNED, ExchangeStatus.COMPLETED]),
            total=Coalesce("participants_total", 0),
            fewer=Coalesce("fewer_opportunities", 0),
            match_or_none=Coalesce("match_id", NO_MATCH),
            # The two letters of the country code as one number: no text column.
            letters=Coalesce(Ord(Substr("country", 1, 1)) * 256 + Ord(Substr("country", 2, 1)), 0),
        )
        fields = ["pk", "completed", "start_date", "format_id", "total", "fewer"]
        rows = _named(
            ["pk", "completed", "day", "format", "total", "fewer", "match", "letters"],
            read_columns(
                self._among(qs, pks),
                [*fields, "match_or_none", "letters"],
                dates={"start_date"},
            ),
        )
        themes = self._among(Exchange.themes.through.objects.all(), pks, "exchange_id")
        parties = ExchangeOrganisation.objects.annotate(role_code=_index("role", ROLES))
        figures = ExchangeParticipants.objects.all()
        return rows, {
            "themes": _named(["owner", "id"], read_columns(themes, ["exchange_id", "theme_id"])),
            "parties": _named(
                ["owner", "org", "role"],
                read_columns(
                    self._among(parties, pks, "exchange_id"),
                    ["exchange_id", "organisation_id", "role_code"],
                ),
            ),
            "figures": _named(
                ["owner", "group", "count"],
                read_columns(
                    self._among(figures, pks, "exchange_id"),
                    ["exchange_id", "target_group_id", "count"],
                ),
            ),
        }

    def org_rows(self, org_pks: np.ndarray) -> np.ndarray:
        return _held(org_pks, self.org_pk)[0]

    def resolve(self) -> None:
        """The ids turned into row numbers, as the figures read them."""
        self._resolve_listings()
        self._resolve_matches()
        self._resolve_exchanges()

    def _resolve_listings(self) -> None:
        listing = self.rows["listing"]
        self.listing_pk = listing["pk"]
        self.listing_org = self.org_rows(listing["org"])
        self.listing_request = listing["request"] == 1
        self.listing_status = listing["status"].astype(np.int8)
        self.listing_day = listing["day"]
        self.listing_year = years_of(self.listing_day)
        for name in ("theme", "format"):
            table = self.pairs[("listing", f"{name}s")]
            row, held = _held(table["owner"], self.listing_pk)
            setattr(self, f"listing_{name}_row", row[held])
            setattr(self, f"listing_{name}_id", table["id"][held])

    def _resolve_matches(self) -> None:
        match = self.rows["match"]
        self.match_pk = match["pk"]
        self.match_request = _held(match["request"], self.listing_pk)[0]
        self.match_status = match["status"].astype(np.int8)
        self.match_day = match["day"]
        parties = self.pairs[("match", "parties")]
        row, held = _held(parties["owner"], self.match_pk)
        self.match_party_row, self.match_party_org = row[held], self.org_rows(parties["org"][held])

    def _resolve_exchange_matches(self) -> None:
        # A match deleted since (SET_NULL, no signal) is no match: not found.
        at, found = _held(self.rows["exchange"]["match"], self.match_pk)
        self.exchange_match = np.where(found, at, NO_MATCH)

    def _resolve_exchanges(self) -> None:
        exchange = self.rows["exchange"]
        self.exchange_pk = exchange["pk"]
        self.exchange_completed = exchange["completed"] == 1
        self.exchange_day = exchange["day"]
        self.exchange_year = years_of(self.exchange_day)
        self.exchange_format = exchange["format"]
        self.exchange_total, self.exchange_fewer = exchange["total"], exchange["fewer"]
        self._resolve_exchange_matches()
        letters, where = np.unique(exchange["letters"], return_inverse=True)
        numbers = _codes((chr(n // 256) + chr(n % 256) if n else "" for n in letters), self.codes)
        self.exchange_country = numbers[where] if len(letters) else where.astype(np.int32)
        themes = self.pairs[("exchange", "themes")]
        row, held = _held(themes["owner"], self.exchange_pk)
        self.exchange_theme_row, self.exchange_theme_id = row[held], themes["id"][held]
        parties = self.pairs[("exchange", "parties")]
        row, held = _held(parties["owner"], self.exchange_pk)
        self.party_row, self.party_org = row[held], self.org_rows(parties["org"][held])
        self.party_role = parties["role"][held].astype(np.int8)
        figures = self.pairs[("exchange", "figures")]
        row, held = _held(figures["owner"], self.exchange_pk)
        self.figure_row, self.figure_group = row[held], figures["group"][held]
        self.figure_count = figures["count"][held]


def _named(names: list[str], arrays: list[np.ndarray]) -> dict:
    return dict(zip(names, arrays, strict=True))


class _Kept:
    """One per process: the columns, brought up to date before each use."""

    def __init__(self):
        self._lock = threading.Lock()
        self._follower = Follower(changes.LOG, max_age=changes.MAX_AGE)
        self.clear()

    def clear(self) -> None:
        self._columns = None
        self._follower.reset()

    def current(self) -> Columns:
        with self._lock:
            self._follower.follow(
                lambda: (
                    cache_generation(BULK_KEY),
                    connection.settings_dict["NAME"],
                    timezone.get_current_timezone_name(),
                ),
                read_all=self._read_all,
                read_some=self._read_some,
            )
            return self._columns

    def _read_all(self) -> None:
        self._columns = Columns()

    def _read_some(self, found: list) -> None:
        organisations, ids = changes.by_kind(found)
        # A copy: a thread still counting over the columns keeps them whole.
        columns = copy.copy(self._columns)
        columns.rows, columns.pairs = dict(columns.rows), dict(columns.pairs)
        columns.changed(organisations=organisations, ids=ids)
        self._columns = columns


kept = _Kept()
