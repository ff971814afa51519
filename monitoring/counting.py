"""The dashboard's figures counted over the columns (monitoring.columns): every
filter, alone or combined, is a mask (`Masks`), every figure a count, a sum or a
median over the rows a mask keeps. `selectors.kpis_for` assembles them.
"""

import statistics

import numpy as np

from exchanges.models import ExchangeRole
from listings.models import ListingStatus

from .columns import (
    LISTING_STATUSES,
    MATCH_STATUSES,
    NO_MATCH,
    ROLES,
    Columns,
    months_of,
    years_of,
)


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
            matches &= years_of(c.match_day) == year
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
    months = months_of(c.exchange_day[m.exchanges])
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
