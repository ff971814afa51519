"""Writes on exchanges: creation from an accepted match, the figures reported
afterwards, completion, cancellation and the partners' feedback. Views, admin and
commands call these functions."""

import datetime

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core.counts import counts_changed
from core.workflow import change_status, save_with_history
from listings.models import Listing, ListingRole
from matchmaking.models import Match, MatchStatus, PartyRole
from matchmaking.selectors import party_contacts
from matchmaking.services import MatchError
from notifications.emails import absolute_url
from notifications.services import notification_record

from .models import (
    Exchange,
    ExchangeFeedback,
    ExchangeOrganisation,
    ExchangeParticipants,
    ExchangeRole,
    ExchangeStatus,
)
from .signals import exchange_completed

# Far above any exchange of the partnership (a listing takes at most 500 people),
# far below the database's 2,147,483,647: a typo or a forged number never reaches
# the monitoring figures.
MAX_PEOPLE_IN_AN_EXCHANGE = 10_000


def exchange_create(*, exchange: Exchange, themes, roles: dict, by, reason: str) -> Exchange:
    """Save a planned exchange with its themes and its organisations in their roles
    ({organisation id: ExchangeRole}). `exchange_create_from_match` prepares it from
    an accepted match."""
    save_with_history(exchange, by=by, reason=reason)
    exchange.themes.set(themes)
    ExchangeOrganisation.objects.bulk_create(
        ExchangeOrganisation(exchange=exchange, organisation_id=org, role=role)
        for org, role in roles.items()
    )
    counts_changed()  # bulk_create sends no post_save
    return exchange


EXCHANGE_ROLE = {
    PartyRole.HOST: ExchangeRole.HOST,
    PartyRole.PARTICIPANT: ExchangeRole.PARTICIPATING,
}


def exchange_create_from_match(*, match: Match, by) -> Exchange:
    """The exchange the accepted match leads to, prefilled from the listings.
    Refuses (MatchError, as the match's other decisions do) a match not accepted
    by all parties or one that already has its exchange."""
    with transaction.atomic():
        match = (
            Match.objects.select_for_update()
            .select_related("request__organisation")
            .get(pk=match.pk)
        )
        if match.status != MatchStatus.ACCEPTED:
            raise MatchError(_("Only a match accepted by all parties can become an exchange."))
        if Exchange.objects.filter(match=match).exists():
            raise MatchError(_("This match already has its exchange."))
        parties = list(match.parties.select_related("organisation", "listing"))
        request = match.request
        host = next((p for p in parties if p.role == PartyRole.HOST), None)
        roles = {p.organisation_id: EXCHANGE_ROLE.get(p.role) for p in parties}
        # The requester's role comes from what its request sought.
        roles[request.organisation_id] = (
            ExchangeRole.HOST
            if request.role == ListingRole.HOST or host is None
            else ExchangeRole.SENDING
        )
        host_organisation = host.organisation if host else request.organisation
        listings = [p.listing for p in parties if p.listing]
        start = max(listing.earliest_start for listing in listings)
        exchange = Exchange(
            match=match,
            title=request.title,
            format=_shared_format(request, host.listing if host else None),
            start_date=start,
            end_date=start + datetime.timedelta(days=request.duration_days - 1),
            city=host_organisation.city or "-",
            country=host_organisation.country,
            participants_total=None,
        )
        exchange_create(
            exchange=exchange,
            themes=request.themes.all(),
            roles=roles,
            by=by,
            reason=_("Created from match %(match)s") % {"match": match.pk},
        )
        exchange_planned_notify(exchange=exchange, parties=parties)
    return exchange


def exchange_planned_notify(*, exchange: Exchange, parties: list) -> None:
    """Each party of the match hears that its exchange is planned: when, where,
    with whom, and when its figures can be reported. Once per exchange and person."""
    roles = {
        o.organisation_id: o
        for o in exchange.parties.select_related("organisation").order_by("role", "pk")
    }
    host = next((o.organisation.name for o in roles.values() if o.role == ExchangeRole.HOST), "")
    common = {
        "title": exchange.title,
        "start_date": exchange.start_date.isoformat(),
        "end_date": exchange.end_date.isoformat(),
        "reporting_opens": exchange.reporting_opens_on.isoformat(),
        "city": exchange.city,
        "host": host,
        "organisations": [o.organisation.name for o in roles.values()],
        "exchange_url": absolute_url(exchange.get_absolute_url()),
        "report_url": absolute_url(reverse("exchanges:report", args=[exchange.pk])),
    }
    for party in parties:
        for user in party_contacts(party):
            # The country in the recipient's language, as the e-mail around it.
            with translation.override(user.language or settings.LANGUAGE_CODE):
                country = str(exchange.country.name)
            notification_record(
                kind="exchange_planned",
                recipient=user,
                about=exchange,
                context={
                    **common,
                    "country": country,
                    "name": user.full_name,
                    "organisation": party.organisation.name,
                },
            )


def _shared_format(request: Listing, host_listing: Listing | None):
    formats = request.formats.all()
    if host_listing is not None:
        shared = formats.filter(pk__in=host_listing.formats.values("pk")).first()
        if shared:
            return shared
    return formats.first()


def report_refusal(*, exchange: Exchange, today: datetime.date | None = None) -> str | None:
    """Why the figures of this exchange cannot be reported today, or None when they can.

    The one rule behind the report link, the form and the service, so that the form
    is offered only when its answer can be accepted.
    """
    if exchange.status == ExchangeStatus.CANCELLED:
        return _("A cancelled exchange has no figures to report.")
    opens = exchange.reporting_opens_on
    if opens > (today or timezone.localdate()):
        return _("Reporting opens on %(date)s, when the exchange starts.") % {
            "date": formats.date_format(opens, "DATE_FORMAT")
        }
    return None


def validate_exchange_figures(
    *, participants_total, fewer_opportunities, staff, learners, counts: dict
) -> None:
    """The one check of an exchange's figures, for the member form and the admin.

    `counts` maps a target group (or its id) to a number of participants. Raises
    ValidationError keyed by field, so each form can put the message next to it.
    """
    errors = {}
    too_many = _("At most %(max)s people.") % {"max": MAX_PEOPLE_IN_AN_EXCHANGE}
    values = {
        "participants_total": participants_total,
        "fewer_opportunities": fewer_opportunities,
        "staff": staff,
        "learners": learners,
    }
    for name, value in values.items():
        if value is None:
            errors[name] = _("Please give a number (0 if none).")
        elif value < 0:
            errors[name] = _("A number of people cannot be negative.")
        elif value > MAX_PEOPLE_IN_AN_EXCHANGE:
            errors[name] = too_many
    if any(count is not None and count < 0 for count in counts.values()):
        errors["counts"] = _("A number of people cannot be negative.")
    elif any(count is not None and count > MAX_PEOPLE_IN_AN_EXCHANGE for count in counts.values()):
        errors["counts"] = too_many
    if errors:
        raise ValidationError(errors)
    if participants_total == 0:
        errors["participants_total"] = _("An exchange that took place had participants.")
    if fewer_opportunities > participants_total:
        errors["fewer_opportunities"] = _(
            "There cannot be more participants with fewer opportunities (%(fewer)s) "
            "than participants (%(total)s)."
        ) % {"fewer": fewer_opportunities, "total": participants_total}
    if staff + learners != participants_total:
        errors["learners"] = _(
            "Staff (%(staff)s) and learners (%(learners)s) add up to %(sum)s, "
            "not to the %(total)s participants."
        ) % {
            "staff": staff,
            "learners": learners,
            "sum": staff + learners,
            "total": participants_total,
        }
    by_group = sum(count or 0 for count in counts.values())
    if by_group != participants_total:
        errors["counts"] = _(
            "The participants by target group add up to %(sum)s, not to the %(total)s participants."
        ) % {"sum": by_group, "total": participants_total}
    if errors:
        raise ValidationError(errors)


def exchange_figures_report(
    *,
    exchange: Exchange,
    by,
    participants_total: int,
    fewer_opportunities: int,
    staff: int,
    learners: int,
    counts: dict,
    outcomes: str,
) -> Exchange:
    """Record what the exchange achieved; a planned exchange becomes completed.

    `counts` maps TargetGroup objects to numbers; groups at 0 keep no row.
    """
    validate_exchange_figures(
        participants_total=participants_total,
        fewer_opportunities=fewer_opportunities,
        staff=staff,
        learners=learners,
        counts=counts,
    )
    refusal = report_refusal(exchange=exchange)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        exchange.participants_total = participants_total
        exchange.fewer_opportunities = fewer_opportunities
        exchange.staff = staff
        exchange.learners = learners
        exchange.outcomes = outcomes
        save_with_history(
            exchange,
            by=by,
            reason="figures reported",
            update_fields=[
                "participants_total",
                "fewer_opportunities",
                "staff",
                "learners",
                "outcomes",
                "updated_at",
            ],
        )
        exchange.figures.exclude(target_group__in=[g for g, n in counts.items() if n]).delete()
        for group, count in counts.items():
            if count:
                ExchangeParticipants.objects.update_or_create(
                    exchange=exchange, target_group=group, defaults={"count": count}
                )
        if exchange.status == ExchangeStatus.PLANNED:
            exchange = exchange_complete(exchange=exchange, by=by)
    return exchange


def exchange_complete(*, exchange: Exchange, by, reason: str = "") -> Exchange:
    """Planned → completed, only with figures; the case studies start their draft
    (they listen to `exchange_completed`)."""
    if not exchange.has_figures or exchange.staff is None or exchange.learners is None:
        raise ValidationError(
            _("Report the exchange's figures (participants, staff and learners) first.")
        )
    with transaction.atomic():
        change_status(
            exchange,
            to=ExchangeStatus.COMPLETED,
            by=by,
            reason=reason or "completed",
            expected=ExchangeStatus.PLANNED,
        )
        exchange_completed.send(sender=Exchange, exchange=exchange, by=by)
    return exchange


def exchange_cancel(*, exchange: Exchange, by, reason: str = "") -> Exchange:
    change_status(
        exchange,
        to=ExchangeStatus.CANCELLED,
        by=by,
        reason=reason or "cancelled",
        expected=ExchangeStatus.PLANNED,
    )
    return exchange


def feedback_refusal(*, organisation) -> str:
    """Why the people of this organisation may not give its feedback (the rule
    exchanges.give_feedback refused them)."""
    if not organisation.is_active_member:
        return _(
            "%(organisation)s is not an active member of the partnership: it no longer "
            "gives feedback on exchanges. The other organisations of the exchange still can."
        ) % {"organisation": organisation}
    return _("Only people of %(organisation)s give its feedback.") % {"organisation": organisation}


def exchange_feedback_give(
    *, exchange: Exchange, organisation, by, match_fit: int, work_again: bool, to_improve: str
) -> ExchangeFeedback:
    """One organisation's feedback on a completed exchange; giving it again updates it."""
    if exchange.status != ExchangeStatus.COMPLETED:
        raise ValidationError(_("Feedback is given once the exchange has taken place."))
    if not exchange.parties.filter(organisation=organisation).exists():
        raise ValidationError(_("Only the exchange's organisations give feedback on it."))
    # The rule (permissions.py) that also hides the link from the exchange's page.
    if not rules.test_rule("exchanges.give_feedback", by, organisation):
        raise ValidationError(feedback_refusal(organisation=organisation))
    if not 1 <= match_fit <= 5:
        raise ValidationError({"match_fit": _("Choose a number from 1 to 5.")})
    feedback, _created = ExchangeFeedback.objects.update_or_create(
        exchange=exchange,
        organisation=organisation,
        defaults={
            "match_fit": match_fit,
            "work_again": work_again,
            "to_improve": to_improve,
            "given_by": by,
        },
    )
    return feedback
