"""The partnership's figures, read from the other apps' models.

`kpis_for` feeds the dashboard, the exports and the `kpis` command, so that the
page, the spreadsheet and the command line always say the same thing. It counts
over the columns each process keeps in memory (monitoring.columns): any filter
is a mask there (monitoring.counting), a few milliseconds at the partnership's
full size. The same figures as the database's aggregates, the plain definition
of each, are kept beside the tests that hold the two equal
(tests/monitoring/aggregates.py).
"""

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from core.counts import counts_cached
from exchanges.models import (
    Exchange,
    ExchangeStatus,
)
from members.models import Organisation
from members.selectors import organisations_coordinated_by
from taxonomy.models import Format, KpiCategory, TargetGroup, Theme
from taxonomy.selectors import name_in_language, sort_key, sorted_by_name

from . import columns, counting

# Europe on the Move: 20% of all mobilities for people with fewer opportunities.
FEWER_OPPORTUNITIES_TARGET = 20

# The figures the Pact for Skills asks for; each target group says which one it
# counts towards (taxonomy.TargetGroup.kpi_category, edited in the admin).
CATEGORIES = KpiCategory.values


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _filters_shown(*, year, country, theme, format, organisation) -> dict:
    return {
        "year": year,
        "country": str(country) if country else None,
        "theme": str(theme) if theme else None,
        "format": str(format) if format else None,
        "organisation": str(organisation) if organisation else None,
    }


def _names(model) -> dict[int, str]:
    """{id: name in the active language}, as the aggregates group them."""
    return dict(model.objects.annotate(shown=name_in_language()).values_list("pk", "shown"))


def kpis_for(*, year=None, country=None, theme=None, format=None, organisation=None) -> dict:
    """Every figure of the dashboard, for the filters given (None: no filter)."""
    filters = {
        "year": year,
        "country": country,
        "theme": theme,
        "format": format,
        "organisation": organisation,
    }
    c = columns.kept.current()
    m = counting.Masks(c, **filters)
    categories = dict(TargetGroup.objects.values_list("pk", "kpi_category"))
    total, fewer, by_category = counting.participants(c, m, categories, CATEGORIES)
    themes = [
        {"theme": name, "requested": r, "offered": o, "gap": r - o}
        for name, (r, o) in counting.themes(c, m, _names(Theme)).items()
    ]
    flows = [{"sending": s, "host": h, "exchanges": n} for s, h, n in counting.flows(c, m)]
    by_format = [
        {"format": name, "planned": p, "completed": d}
        for name, (p, d) in counting.by_format(c, m, _names(Format)).items()
    ]
    return {
        "filters": _filters_shown(**filters),
        "listings": counting.listing_figures(c, m),
        "matches": counting.match_counts(c, m),
        "median_days_to_match": counting.median_days_to_match(c, m),
        "median_days_match_to_exchange": counting.median_days_to_exchange(c, m),
        "exchanges": counting.exchange_counts(c, m),
        "participants": {
            "total": total,
            **by_category,
            "fewer_opportunities": fewer,
            "fewer_opportunities_share": _share(fewer, total),
            "fewer_opportunities_target": FEWER_OPPORTUNITIES_TARGET,
        },
        "reach": counting.reach(c, m),
        "themes": sorted(themes, key=lambda t: (-t["gap"], -t["requested"], sort_key(t["theme"]))),
        "by_month": counting.by_month(c, m),
        "flows": sorted(flows, key=lambda f: (-f["exchanges"], f["sending"], f["host"])),
        "by_format": sorted_by_name(by_format, name=lambda row: row["format"]),
    }


def years_with_exchanges() -> list[int]:
    return sorted({d.year for d in Exchange.objects.dates("start_date", "year")})


def coordinated_organisations(user):
    """The organisations whose figures this person may see (None: all of them)."""
    if user.is_staff:
        return None
    # A suspended (or not yet approved) organisation's people lose the figures.
    return organisations_coordinated_by(user).active().order_by("name")


def public_summary() -> dict:
    """The home page's figures, cached until what they count changes: every
    visitor would otherwise pay for them."""
    return counts_cached("public-summary", _public_summary)


def _public_summary() -> dict:
    members = Organisation.objects.active().aggregate(
        organisations=Count("pk"), countries=Count("country", distinct=True)
    )
    completed = Exchange.objects.filter(status=ExchangeStatus.COMPLETED).aggregate(
        exchanges=Count("pk"),
        participants=Coalesce(Sum("participants_total"), 0),
        fewer=Coalesce(Sum("fewer_opportunities"), 0),
    )
    return {
        "organisations": members["organisations"],
        "countries": members["countries"],
        "exchanges": completed["exchanges"],
        "participants": completed["participants"],
        "fewer_opportunities_share": _share(completed["fewer"], completed["participants"]),
        "fewer_opportunities_target": FEWER_OPPORTUNITIES_TARGET,
    }
