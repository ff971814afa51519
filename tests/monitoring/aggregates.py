"""The dashboard's figures as aggregates computed by the database: the plain
definition of each figure, against which tests/monitoring/test_columns.py holds
the figures `kpis_for` counts over the columns kept in memory. The number of
queries does not grow with the number of exchanges; the two medians are
computed in Python over one list of date pairs.
"""

import datetime
import statistics

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
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
from monitoring.selectors import CATEGORIES, FEWER_OPPORTUNITIES_TARGET, _filters_shown, _share
from taxonomy.selectors import name_in_language, sort_key, sorted_by_name


def _through_exists(manager, owner: str, **lookups):
    """EXISTS over a many-to-many table: filters without duplicating rows."""
    through = manager.through
    return Exists(through.objects.filter(**{f"{owner}_id": OuterRef("pk")}, **lookups))


def listings_filtered(*, year=None, country=None, theme=None, format=None, organisation=None):
    """Requests and offers ever submitted (not drafts), dated by their submission."""
    qs = Listing.objects.exclude(status=ListingStatus.DRAFT).annotate(
        submitted_on=Coalesce("submitted_at", "published_at", "created_at")
    )
    if year:
        qs = qs.filter(submitted_on__year=year)
    if country:
        qs = qs.filter(organisation__country=country)
    if theme:
        qs = qs.filter(_through_exists(Listing.themes, "listing", theme=theme))
    if format:
        qs = qs.filter(_through_exists(Listing.formats, "listing", format=format))
    if organisation:
        qs = qs.filter(organisation=organisation)
    return qs


def matches_filtered(*, year=None, country=None, theme=None, format=None, organisation=None):
    qs = Match.objects.all()
    if year:
        qs = qs.filter(confirmed_at__year=year)
    if country:
        party_there = MatchParty.objects.filter(match=OuterRef("pk"), organisation__country=country)
        qs = qs.filter(Q(request__organisation__country=country) | Exists(party_there))
    if theme:
        qs = qs.filter(
            Exists(Listing.themes.through.objects.filter(listing=OuterRef("request"), theme=theme))
        )
    if format:
        qs = qs.filter(
            Exists(
                Listing.formats.through.objects.filter(listing=OuterRef("request"), format=format)
            )
        )
    if organisation:
        party = MatchParty.objects.filter(match=OuterRef("pk"), organisation=organisation)
        qs = qs.filter(Q(request__organisation=organisation) | Exists(party))
    return qs


def _exchange_q(prefix="", ref="pk", *, year, country, theme, format, organisation) -> Q:
    """Exchanges not cancelled, dated by their start, as a condition on the
    exchange itself (prefix "") or on a row pointing to it (prefix "exchange__",
    ref "exchange_id"): a join, which the databases run faster than IN (subquery)."""
    q = Q(**{f"{prefix}status__in": [ExchangeStatus.PLANNED, ExchangeStatus.COMPLETED]})
    if year:
        q &= Q(**{f"{prefix}start_date__year": year})
    if country:
        party_from = ExchangeOrganisation.objects.filter(
            exchange=OuterRef(ref), organisation__country=country
        )
        q &= Q(**{f"{prefix}country": country}) | Exists(party_from)
    if theme:
        q &= Exists(Exchange.themes.through.objects.filter(exchange=OuterRef(ref), theme=theme))
    if format:
        q &= Q(**{f"{prefix}format": format})
    if organisation:
        q &= Exists(
            ExchangeOrganisation.objects.filter(exchange=OuterRef(ref), organisation=organisation)
        )
    return q


def exchanges_filtered(**filters):
    return Exchange.objects.filter(_exchange_q(**filters))


def _exchange_rows_q(**filters) -> Q:
    """The same condition, for rows with a foreign key `exchange`."""
    return _exchange_q("exchange__", "exchange_id", **filters)


def _listing_figures(listings) -> dict:
    figures = {}
    for kind, key in ((ListingKind.REQUEST, "requests"), (ListingKind.OFFER, "offers")):
        mine = Q(kind=kind)
        figures[key] = {"submitted": Count("pk", filter=mine)}
        for status in (ListingStatus.OPEN, ListingStatus.MATCHED, ListingStatus.EXPIRED):
            figures[key][status.value] = Count("pk", filter=mine & Q(status=status))
    flat = {f"{k}_{s}": agg for k, row in figures.items() for s, agg in row.items()}
    counts = listings.aggregate(**flat)
    return {k: {s: counts[f"{k}_{s}"] for s in row} for k, row in figures.items()}


def _median(values):
    values = list(values)
    return statistics.median(values) if values else None


def _days(start, end, tz) -> int:
    if isinstance(start, datetime.datetime):
        start = start.astimezone(tz).date()
    if isinstance(end, datetime.datetime):
        end = end.astimezone(tz).date()
    return (end - start).days


def _median_days_to_match(matches):
    pairs = matches.annotate(
        submitted_on=Coalesce(
            "request__submitted_at", "request__published_at", "request__created_at"
        )
    ).values_list("submitted_on", "confirmed_at")
    tz = timezone.get_current_timezone()
    return _median(_days(submitted, confirmed, tz) for submitted, confirmed in pairs)


def _median_days_to_exchange(exchanges):
    pairs = exchanges.filter(match__isnull=False).values_list("match__confirmed_at", "start_date")
    tz = timezone.get_current_timezone()
    return _median(_days(confirmed, start, tz) for confirmed, start in pairs)


def _by_day(exchanges) -> list[dict]:
    """Exchanges grouped by start date and status: at most a few hundred rows a
    year, whatever the number of exchanges, and no date function (SQLite runs
    those in Python, row by row). Counts, participants and months come from it."""
    return list(
        exchanges.values("start_date", "status")
        .annotate(
            exchanges=Count("pk"),
            participants=Coalesce(Sum("participants_total"), 0),
            fewer=Coalesce(Sum("fewer_opportunities"), 0),
        )
        .order_by()
    )


def _exchange_counts(days) -> dict:
    counts = {"planned": 0, "completed": 0}
    for day in days:
        counts[day["status"]] += day["exchanges"]
    return counts


def _participants(days, filters) -> dict:
    """Participants of completed exchanges: the people who benefited."""
    completed = [d for d in days if d["status"] == ExchangeStatus.COMPLETED]
    total = sum(d["participants"] for d in completed)
    fewer = sum(d["fewer"] for d in completed)
    by_category = dict.fromkeys(CATEGORIES, 0)
    rows = (
        ExchangeParticipants.objects.filter(
            _exchange_rows_q(**filters), exchange__status=ExchangeStatus.COMPLETED
        )
        .exclude(target_group__kpi_category="")
        .values("target_group__kpi_category")
        .annotate(people=Sum("count"))
        .order_by()
    )
    for row in rows:
        by_category[row["target_group__kpi_category"]] += row["people"]
    return {
        "total": total,
        **by_category,
        "fewer_opportunities": fewer,
        "fewer_opportunities_share": _share(fewer, total),
        "fewer_opportunities_target": FEWER_OPPORTUNITIES_TARGET,
    }


def _reach(filters) -> dict:
    """Organisations taking part, probed one organisation at a time: there are
    far fewer organisations than exchanges."""
    took_part = ExchangeOrganisation.objects.filter(
        _exchange_rows_q(**filters), organisation=OuterRef("pk")
    )
    return Organisation.objects.filter(Exists(took_part)).aggregate(
        organisations=Count("pk"),
        countries=Count("country", distinct=True),
        regions=Count("region", distinct=True, filter=~Q(region="")),
    )


def _themes(listings) -> list[dict]:
    """Themes by demand (requests) against supply (offers), widest gap first."""
    rows = (
        Listing.themes.through.objects.filter(listing__in=listings.values("pk"))
        .values(theme_name=name_in_language("theme__name"))
        .annotate(
            requested=Count("pk", filter=Q(listing__kind=ListingKind.REQUEST)),
            offered=Count("pk", filter=Q(listing__kind=ListingKind.OFFER)),
        )
    )
    themes = [
        {
            "theme": row["theme_name"],
            "requested": row["requested"],
            "offered": row["offered"],
            "gap": row["requested"] - row["offered"],
        }
        for row in rows
    ]
    return sorted(themes, key=lambda t: (-t["gap"], -t["requested"], sort_key(t["theme"])))


def _by_month(days) -> list[dict]:
    """Exchanges planned or completed by month; participants of completed ones."""
    months = {}
    for day in days:
        month = months.setdefault(
            day["start_date"].strftime("%Y-%m"), {"exchanges": 0, "participants": 0}
        )
        month["exchanges"] += day["exchanges"]
        if day["status"] == ExchangeStatus.COMPLETED:
            month["participants"] += day["participants"]
    return [{"month": month, **months[month]} for month in sorted(months)]


def _flows(filters) -> list[dict]:
    """Exchanges from each sending country to each hosting country.

    The distinct (sending, host, exchange) triples are counted in an outer
    query: COUNT(DISTINCT ...) with GROUP BY makes PostgreSQL sort every row,
    ten times slower at 100,000 exchanges. Plain SQL around the ORM's query,
    portable across SQLite and PostgreSQL.
    """
    triples = (
        ExchangeOrganisation.objects.filter(_exchange_rows_q(**filters), role=ExchangeRole.SENDING)
        .filter(exchange__parties__role=ExchangeRole.HOST)
        .values(
            sending=F("organisation__country"), host=F("exchange__parties__organisation__country")
        )
        .values_list("sending", "host", "exchange")
        .order_by()
        .distinct()
    )
    inner, params = triples.query.sql_with_params()
    sql = (
        "SELECT sending, host, COUNT(*) FROM ("  # noqa: S608 (the ORM's own SQL, with params)
        + inner
        + ") triples GROUP BY sending, host"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    flows = [{"sending": s, "host": h, "exchanges": n} for s, h, n in rows]
    return sorted(flows, key=lambda f: (-f["exchanges"], f["sending"], f["host"]))


def _by_format(exchanges) -> list[dict]:
    rows = (
        exchanges.values(format_name=name_in_language("format__name"))
        .annotate(
            planned=Count("pk", filter=Q(status=ExchangeStatus.PLANNED)),
            completed=Count("pk", filter=Q(status=ExchangeStatus.COMPLETED)),
        )
        .order_by()
    )
    return sorted_by_name(
        (
            {"format": r["format_name"], "planned": r["planned"], "completed": r["completed"]}
            for r in rows
        ),
        name=lambda row: row["format"],
    )


def kpis_aggregated(*, year=None, country=None, theme=None, format=None, organisation=None) -> dict:
    """kpis_for's figures, each an aggregate computed by the database."""
    filters = {
        "year": year,
        "country": country,
        "theme": theme,
        "format": format,
        "organisation": organisation,
    }
    listings = listings_filtered(**filters)
    matches = matches_filtered(**filters)
    exchanges = exchanges_filtered(**filters)
    match_counts = matches.aggregate(
        **{s.value: Count("pk", filter=Q(status=s)) for s in MatchStatus}
    )
    days = _by_day(exchanges)
    return {
        "filters": _filters_shown(**filters),
        "listings": _listing_figures(listings),
        "matches": match_counts,
        "median_days_to_match": _median_days_to_match(matches),
        "median_days_match_to_exchange": _median_days_to_exchange(exchanges),
        "exchanges": _exchange_counts(days),
        "participants": _participants(days, filters),
        "reach": _reach(filters),
        "themes": _themes(listings),
        "by_month": _by_month(days),
        "flows": _flows(filters),
        "by_format": _by_format(exchanges),
    }
