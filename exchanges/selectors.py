"""Reads on exchanges: who may see which exchange, the browse list and the detail."""

import rules
from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q
from django.http import Http404

from members.models import Membership
from members.selectors import places_of

from .models import (
    Exchange,
    ExchangeFeedback,
    ExchangeOrganisation,
    ExchangeParticipants,
    ExchangeStatus,
    ProgrammeItem,
)


def organisation_ids_of(user) -> set[int]:
    return set(places_of(user))


def _with_cards(queryset):
    return (
        queryset.select_related("format")
        .prefetch_related(
            "themes",
            Prefetch(
                "parties",
                queryset=ExchangeOrganisation.objects.select_related("organisation"),
            ),
        )
        .annotate(
            has_case_study=Exists(_case_studies().published().filter(exchange=OuterRef("pk")))
        )
    )


def exchanges_visible_to(user):
    """Completed exchanges are for every member to learn from; planned and
    cancelled ones only for their organisations and the secretariat."""
    if user.is_staff:
        return Exchange.objects.all()
    own = organisation_ids_of(user)
    if not rules.test_rule("members.browse", user):
        # Removed from every organisation, or only in a suspended one: their own
        # exchanges at most, not the partnership's completed ones and figures.
        return Exchange.objects.filter(parties__organisation__in=own).distinct()
    return Exchange.objects.filter(
        Q(status=ExchangeStatus.COMPLETED) | Q(parties__organisation__in=own)
    ).distinct()


def past_exchanges(*, user):
    return _with_cards(exchanges_visible_to(user).filter(status=ExchangeStatus.COMPLETED)).order_by(
        "-start_date", "pk"
    )


def exchanges_of(*, user):
    """The exchanges of the user's organisations, to report and give feedback on."""
    own = organisation_ids_of(user)
    return _with_cards(Exchange.objects.filter(parties__organisation__in=own).distinct()).order_by(
        "-start_date", "pk"
    )


def exchange_detail(*, pk: int, user) -> Exchange:
    queryset = _with_cards(exchanges_visible_to(user)).prefetch_related(
        Prefetch(
            "figures",
            queryset=ExchangeParticipants.objects.select_related("target_group").order_by(
                "target_group__position", "target_group__name"
            ),
        ),
        Prefetch("programme", queryset=ProgrammeItem.objects.order_by("day", "pk")),
    )
    try:
        return queryset.get(pk=pk)
    except Exchange.DoesNotExist:
        raise Http404 from None


def _case_studies():
    """Case studies sit above exchanges: reach them through the exchange's reverse
    relation, and their own rule of what is published, without importing them."""
    return Exchange.case_study.related.related_model.objects


def case_study_of(exchange, *, party: bool):
    """The case study a viewer may open from the exchange: published for all,
    the draft too for the exchange's own organisations."""
    case_studies = _case_studies().filter(exchange=exchange)
    case_study = (case_studies if party else case_studies.published()).first()
    if case_study is not None:
        # Its rules read the exchange's parties, read already with the exchange.
        case_study.exchange = exchange
    return case_study


def party_memberships(*, user, exchange) -> list[Membership]:
    """The user's places in the exchange's organisations (empty: not a party)."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(
            user=user, organisation__exchange_roles__exchange=exchange
        ).select_related("organisation")
    )


def exchanges_to_report(organisation_ids, *, today):
    """Planned exchanges that have started: their figures can be reported now
    (services.report_refusal says the same of one exchange)."""
    return (
        Exchange.objects.filter(
            status=ExchangeStatus.PLANNED,
            start_date__lte=today,
            parties__organisation__in=organisation_ids,
        )
        .distinct()
        .order_by("start_date", "pk")
    )


def track_records(organisation_ids, theme_ids) -> dict:
    """{organisation: (completed exchanges on these themes, partners' mean rating
    of how well the match fitted or None)}, in two queries."""
    if not theme_ids:
        return {}
    done = ExchangeOrganisation.objects.filter(
        organisation_id__in=organisation_ids,
        exchange__status=ExchangeStatus.COMPLETED,
        exchange__themes__in=theme_ids,
    )
    counts = dict(
        done.values("organisation_id")
        .annotate(n=Count("exchange", distinct=True))
        .values_list("organisation_id", "n")
    )
    if not counts:
        return {}
    # What the partners said, not what the organisation said of itself.
    ratings = dict(
        ExchangeFeedback.objects.filter(
            exchange__parties__organisation_id__in=list(counts),
            exchange__status=ExchangeStatus.COMPLETED,
            exchange__themes__in=theme_ids,
        )
        .exclude(organisation_id=F("exchange__parties__organisation_id"))
        .values("exchange__parties__organisation_id")
        .annotate(mean=Avg("match_fit"))
        .values_list("exchange__parties__organisation_id", "mean")
    )
    return {org: (n, ratings.get(org)) for org, n in counts.items()}
