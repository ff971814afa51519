"""Requests that time causes for exchanges: an exchange that has ended asks its
organisations for its figures and a case study. Beat runs it (exchanges.tasks);
it may run any number of times, because a notification's key (kind, object,
event, recipient) records it once."""

from django.db import transaction
from django.utils import timezone

from members.selectors import coordinators_by_organisation, responsible_for
from notifications.emails import link
from notifications.services import notification_record

from .models import Exchange, ExchangeStatus


def exchange_report_requests_record(*, today=None) -> int:
    """Ask the organisations of an exchange that has ended for its figures and a
    case study."""
    today = today or timezone.localdate()
    exchanges = list(
        Exchange.objects.filter(status=ExchangeStatus.PLANNED, end_date__lt=today).prefetch_related(
            "parties__organisation"
        )
    )
    organisations = {p.organisation_id for e in exchanges for p in e.parties.all()}
    coordinators = coordinators_by_organisation(organisations)
    recorded = 0
    for exchange in exchanges:
        context = {
            "title": exchange.title,
            "end_date": exchange.end_date.isoformat(),
            "report_url": link("exchanges:report", exchange.pk),
            "case_study_url": link("exchanges:mine"),
        }
        with transaction.atomic():
            for party in exchange.parties.all():
                for person in responsible_for(
                    organisation_id=party.organisation_id, coordinators=coordinators
                ):
                    notification_record(
                        kind="exchange_report_due",
                        recipient=person,
                        about=exchange,
                        context=context,
                    )
                    recorded += 1
    return recorded
