"""The demo's other exchanges and their case studies and feedback, checked by
the product's own rules before they are saved."""

from django.core.exceptions import ValidationError

from exchanges.models import ExchangeFeedback, ExchangeStatus
from exchanges.services import validate_exchange_figures

from .case_loader import save_case_study, save_exchange
from .exchanges import EXCHANGES
from .exchanges_recent import RECENT_EXCHANGES
from .stories import CASE_STUDIES


def load_exchanges(*, terms, orgs, people) -> dict:
    """Save every exchange, its feedback and case studies; return them by title."""
    exchanges = {}
    for row in EXCHANGES + RECENT_EXCHANGES:
        data = exchange_data(row, terms, orgs)
        exchange = save_exchange(data, terms, orgs)
        exchanges[row["title"]] = exchange
        feedback = row.get("feedback", [])
        exchange.feedback.exclude(organisation__slug__in=[f[0] for f in feedback]).delete()
        for slug, fit, again, to_improve in feedback:
            ExchangeFeedback.objects.update_or_create(
                exchange=exchange,
                organisation=orgs[slug],
                defaults={
                    "match_fit": fit,
                    "work_again": again,
                    "to_improve": to_improve,
                    "given_by": people[slug],
                },
            )
    for row in CASE_STUDIES:
        names = {t[2]: t[3] for t in row["testimonials"]}
        data = {**row, "testimonials": [(n, r, s, q) for n, r, s, _, q in row["testimonials"]]}
        save_case_study(data, exchanges[row["exchange"]], orgs, names=names)
    return exchanges


def exchange_data(row, terms, orgs) -> dict:
    """The row in the shape save_exchange takes: the place is the host's city,
    the total is staff plus learners. Refuse what the product would refuse."""
    start, end = row["dates"]
    host = next(orgs[slug] for slug, role in row["parties"] if role == "host")
    fmt = terms.formats[row["format"]]
    days = (end - start).days + 1
    if not fmt.min_days <= days <= fmt.max_days:
        raise ValueError(f"{row['title']}: {days} days is outside {fmt.name}")
    data = {
        **row,
        "start_date": start,
        "end_date": end,
        "city": host.city,
        "country": host.country.code,
        "status": row.get("status", ExchangeStatus.COMPLETED),
    }
    if "figures" in row:
        total = row["staff"] + row["learners"]
        data.update(participants_total=total, fewer_opportunities=row["fewer"])
        try:
            validate_exchange_figures(
                participants_total=total,
                fewer_opportunities=row["fewer"],
                staff=row["staff"],
                learners=row["learners"],
                counts=dict(row["figures"]),
            )
        except ValidationError as error:
            raise ValueError(f"{row['title']}: {error.messages}") from error
    return data
