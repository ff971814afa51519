"""The rows the dashboard counts, as columns in memory: any filter is a mask.

At the partnership's full size (100,000 listings with 300,000 themes, 20,000
exchanges) the aggregates of `selectors.kpis_aggregated` take 0.7-2.6 s for
one set of filters, most of it joining and grouping the same rows again for
each figure and each filter (docs/performance.md, "The monitoring dashboard").
Each process instead reads the few columns the figures need (listings:
organisation, kind, status, day of submission, themes, formats; matches;
exchanges: status, start, country, format, participants, parties, themes,
figures by target group; organisations: country, region) once, as numpy
arrays sorted by id; `Masks` and the functions below answer any combination
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
import logging
import statistics
import threading
import time

import numpy as np
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce, Ord, Substr, TruncDate
from django.utils import timezone

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

logger = logging.getLogger(__name__)

EPOCH = datetime.date(1970, 1, 1)
NO_MATCH = -1
LISTING_STATUSES = list(ListingStatus.values)
MATCH_STATUSES = list(MatchStatus.values)
ROLES = list(ExchangeRole.values)


def _day(value) -> int:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return (value - EPOCH).days


def _years(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def _months(days: np.ndarray) -> np.ndarray:
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
        self.listing_year = _years(self.listing_day)
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
        self.exchange_year = _years(self.exchange_day)
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
        self.clear()

    def clear(self) -> None:
        self._columns = None
        self._key = None
        self._seen = 0
        self._loaded_at = 0.0

    def current(self) -> Columns:
        with self._lock:
            try:
                token, last, bulk = changes.position()
                key = (
                    token,
                    bulk,
                    connection.settings_dict["NAME"],
                    timezone.get_current_timezone_name(),
                )
                young = time.monotonic() - self._loaded_at < changes.MAX_AGE
                found = None
                if self._columns is not None and key == self._key and young:
                    found = changes.since(token, self._seen, last)
            except Exception:  # the shared cache away: read everything, every time
                logger.warning("The monitoring columns' change log is unreachable", exc_info=True)
                key, last, found = None, 0, None
            if found is None:
                self._columns = Columns()
                self._loaded_at = time.monotonic()
            elif found:
                organisations, ids = changes.by_kind(found)
                # A copy: a thread still counting over the columns keeps them whole.
                columns = copy.copy(self._columns)
                columns.rows, columns.pairs = dict(columns.rows), dict(columns.pairs)
                columns.changed(organisations=organisations, ids=ids)
                self._columns = columns
            self._key, self._seen = key, last
            return self._columns


kept = _Kept()


# --- the figures -------------------------------------------------------------


def _pk(value):
    return getattr(value, "pk", value)


def _owners(n: int, rows: np.ndarray, selected: np.ndarray) -> np.ndarray:
    """A mask of the n owners of the `selected` pairs (rows: each pair's owner)."""
    mask = np.zeros(n, dtype=bool)
    mask[rows[selected]] = True
    return mask


def _median(values: np.ndarray):
    return statistics.median(values.tolist()) if len(values) else None


class Masks:
    """Which listings, matches and exchanges the filters keep."""

    def __init__(self, c: Columns, *, year, country, theme, format, organisation):
        n_listings = len(c.listing_pk)
        country_code = c.codes.get(str(country), -2) if country else None
        org_row = None
        if organisation:
            org_row = int(np.searchsorted(c.org_pk, _pk(organisation)))
            if org_row >= len(c.org_pk) or c.org_pk[org_row] != _pk(organisation):
                org_row = -2  # not held: matches nothing

        # Listings (drafts are held for the matches' requests, never counted).
        has_theme = has_format = None
        if theme:
            has_theme = _owners(n_listings, c.listing_theme_row, c.listing_theme_id == _pk(theme))
        if format:
            has_format = _owners(
                n_listings, c.listing_format_row, c.listing_format_id == _pk(format)
            )
        if country:
            listing_country = c.org_country[c.listing_org]
        listings = c.listing_status != LISTING_STATUSES.index(ListingStatus.DRAFT)
        if year:
            listings &= c.listing_year == year
        if country:
            listings &= listing_country == country_code
        if theme:
            listings &= has_theme
        if format:
            listings &= has_format
        if organisation:
            listings &= c.listing_org == org_row
        self.listings = listings

        # Matches, through their request and their parties.
        request = c.match_request
        matches = np.ones(len(c.match_pk), dtype=bool)
        if year:
            matches &= _years(c.match_day) == year
        if country:
            party_there = c.org_country[c.match_party_org] == country_code
            matches &= (listing_country[request] == country_code) | _owners(
                len(matches), c.match_party_row, party_there
            )
        if theme:
            matches &= has_theme[request]
        if format:
            matches &= has_format[request]
        if organisation:
            matches &= (c.listing_org[request] == org_row) | _owners(
                len(matches), c.match_party_row, c.match_party_org == org_row
            )
        self.matches = matches

        # Exchanges (planned or completed: the only ones held).
        n_exchanges = len(c.exchange_pk)
        exchanges = np.ones(n_exchanges, dtype=bool)
        if year:
            exchanges &= c.exchange_year == year
        if country:
            party_there = c.org_country[c.party_org] == country_code
            exchanges &= (c.exchange_country == country_code) | _owners(
                n_exchanges, c.party_row, party_there
            )
        if theme:
            exchanges &= _owners(
                n_exchanges, c.exchange_theme_row, c.exchange_theme_id == _pk(theme)
            )
        if format:
            exchanges &= c.exchange_format == _pk(format)
        if organisation:
            exchanges &= _owners(n_exchanges, c.party_row, c.party_org == org_row)
        self.exchanges = exchanges


def listing_figures(c: Columns, m: Masks) -> dict:
    figures = {}
    statuses = (ListingStatus.OPEN, ListingStatus.MATCHED, ListingStatus.EXPIRED)
    for request, key in ((True, "requests"), (False, "offers")):
        mine = m.listings & (c.listing_request == request)
        row = {"submitted": int(mine.sum())}
        for status in statuses:
            code = LISTING_STATUSES.index(status)
            row[status.value] = int((mine & (c.listing_status == code)).sum())
        figures[key] = row
    return figures


def match_counts(c: Columns, m: Masks) -> dict:
    counts = np.bincount(c.match_status[m.matches], minlength=len(MATCH_STATUSES))
    return {status: int(counts[i]) for i, status in enumerate(MATCH_STATUSES)}


def median_days_to_match(c: Columns, m: Masks):
    days = c.match_day[m.matches] - c.listing_day[c.match_request[m.matches]]
    return _median(days)


def median_days_to_exchange(c: Columns, m: Masks):
    kept = m.exchanges & (c.exchange_match != NO_MATCH)
    return _median(c.exchange_day[kept] - c.match_day[c.exchange_match[kept]])


def exchange_counts(c: Columns, m: Masks) -> dict:
    completed = int((m.exchanges & c.exchange_completed).sum())
    return {"planned": int(m.exchanges.sum()) - completed, "completed": completed}


def participants(c: Columns, m: Masks, categories: dict, all_categories) -> tuple:
    """(total, fewer, {category: people}) of the completed exchanges kept;
    `categories`: target group id -> its category (none: "")."""
    completed = m.exchanges & c.exchange_completed
    total = int(c.exchange_total[completed].sum())
    fewer = int(c.exchange_fewer[completed].sum())
    by_category = dict.fromkeys(all_categories, 0)
    kept = completed[c.figure_row]
    for group, n in _count_by(c.figure_group[kept], weights=c.figure_count[kept]):
        category = categories.get(group, "")
        if category:
            by_category[category] += int(n)
    return total, fewer, by_category


def reach(c: Columns, m: Masks) -> dict:
    orgs = _distinct(c.party_org[m.exchanges[c.party_row]])
    regions = _distinct(c.org_region[orgs])
    return {
        "organisations": len(orgs),
        "countries": len(_distinct(c.org_country[orgs])),
        "regions": int((regions != 0).sum()),
    }


def themes(c: Columns, m: Masks, names: dict) -> dict:
    """{theme name: [requested, offered]} of the listings kept (names: id -> name)."""
    kept = m.listings[c.listing_theme_row]
    rows, ids = c.listing_theme_row[kept], c.listing_theme_id[kept]
    requested = c.listing_request[rows]
    counted = {}
    for theme_id, n in _count_by(ids[requested]):
        counted.setdefault(names[theme_id], [0, 0])[0] += n
    for theme_id, n in _count_by(ids[~requested]):
        counted.setdefault(names[theme_id], [0, 0])[1] += n
    return counted


def _count_by(values: np.ndarray, weights=None):
    """(value, how many or how much) of each value present. The values are ids
    or small codes: counting in an array as long as the largest is many times
    faster than sorting them (np.unique)."""
    if not len(values):
        return []
    counts = np.bincount(values, weights=weights)
    found = np.flatnonzero(np.bincount(values)) if weights is not None else None
    if found is None:
        found = np.flatnonzero(counts)
    return zip(found.tolist(), counts[found].astype(np.int64).tolist(), strict=True)


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values (small non-negative codes or row numbers)."""
    if not len(values):
        return values
    return np.flatnonzero(np.bincount(values))


def by_month(c: Columns, m: Masks) -> list[dict]:
    months = _months(c.exchange_day[m.exchanges])
    people = np.where(c.exchange_completed, c.exchange_total, 0)[m.exchanges]
    first = months.min() if len(months) else 0
    counts = np.bincount(months - first)
    found = np.flatnonzero(counts)
    totals = np.bincount(months - first, weights=people)[found]
    counts, found = counts[found], found + first
    return [
        {
            "month": f"{1970 + month // 12:04d}-{month % 12 + 1:02d}",
            "exchanges": int(n),
            "participants": int(total),
        }
        for month, n, total in zip(found.tolist(), counts.tolist(), totals.tolist(), strict=True)
    ]


def flows(c: Columns, m: Masks) -> list[tuple[str, str, int]]:
    """(sending country, host country, exchanges): each exchange counted once
    for each pair of a sending party's country and a host party's."""
    kept = m.exchanges[c.party_row]
    country = c.org_country[c.party_org].astype(np.int64)
    width = max(len(c.codes), 1)

    def pairs(role):
        """The distinct (row, country) of the parties in this role, by row."""
        mine = kept & (c.party_role == ROLES.index(role))
        # One number per pair: np.unique over one axis is many times faster.
        found = np.unique(c.party_row[mine] * width + country[mine])
        return found // width, found % width

    sending_row, sending = pairs(ExchangeRole.SENDING)
    host_row, host = pairs(ExchangeRole.HOST)  # sorted by row
    start = np.searchsorted(host_row, sending_row, side="left")
    end = np.searchsorted(host_row, sending_row, side="right")
    each = end - start
    if not each.sum():
        return []
    at = np.repeat(start, each) + np.arange(each.sum()) - np.repeat(np.cumsum(each) - each, each)
    found, counts = np.unique(np.repeat(sending, each) * width + host[at], return_counts=True)
    code = {number: country for country, number in c.codes.items()}
    return [
        (code[pair // width], code[pair % width], n)
        for pair, n in zip(found.tolist(), counts.tolist(), strict=True)
    ]


def by_format(c: Columns, m: Masks, names: dict) -> dict:
    """{format name: [planned, completed]} of the exchanges kept."""
    counted = {}
    for completed, at in ((False, 0), (True, 1)):
        mine = m.exchanges & (c.exchange_completed == completed)
        for format_id, n in _count_by(c.exchange_format[mine]):
            counted.setdefault(names[format_id], [0, 0])[at] += n
    return counted
