"""kpis_for counts over columns in memory (monitoring.columns): its figures must
be exactly the database's aggregates (kpis_aggregated), for any filters and
after any change."""

import datetime

import pytest
from django.utils import translation

from core.counts import counts_changed
from exchanges.models import Exchange, ExchangeRole, ExchangeStatus
from listings.models import ListingKind, ListingStatus
from matchmaking.models import MatchStatus
from monitoring.selectors import kpis_for
from tests.factories import (
    ExchangeOrganisationFactory,
    ExchangeParticipantsFactory,
    ListingFactory,
    MatchFactory,
    MatchPartyFactory,
    OrganisationFactory,
    TargetGroupFactory,
)
from tests.monitoring.aggregates import kpis_aggregated

from .conftest import _exchange, at_noon

pytestmark = pytest.mark.django_db


def _assert_same(**filters):
    assert kpis_for(**filters) == kpis_aggregated(**filters), filters


@pytest.fixture
def wider(partnership):
    """What the small partnership lacks: several themes, formats and parties at
    once, a request matched from another country, a group counting in no
    figure, an exchange without figures, a submission on New Year's Eve."""
    p = partnership
    porto = OrganisationFactory(name="Porto school", slug="porto", country="PT", region="")
    r = ListingFactory(
        kind=ListingKind.REQUEST,
        organisation=porto,
        status=ListingStatus.MATCHED,
        submitted_at=at_noon(2025, 12, 31),
        themes=[p.gender, p.green],
        formats=[p.visit, p.shadowing],
    )
    match = MatchFactory(request=r, status=MatchStatus.CONFIRMED, confirmed_at=at_noon(2026, 1, 3))
    MatchPartyFactory(match=match, organisation=p.boras)
    MatchPartyFactory(match=match, organisation=p.valencia)
    nobody = TargetGroupFactory(name="Families", kpi_category="")
    _exchange(
        match=match,
        format=p.shadowing,
        status=ExchangeStatus.COMPLETED,
        start_date=datetime.date(2026, 2, 2),
        end_date=datetime.date(2026, 2, 6),
        country="PT",
        participants_total=None,
        fewer_opportunities=None,
        parties=[
            (porto, ExchangeRole.HOST),
            (p.valencia, ExchangeRole.HOST),
            (p.boras, ExchangeRole.SENDING),
            (p.cvl, ExchangeRole.SENDING),
        ],
        figures=[(nobody, 4), (p.vet, 1)],
        themes=[p.gender, p.green],
    )
    p.porto = porto
    return p


def test_columns_give_the_aggregates_figures_for_any_filters(wider):
    p = wider
    for filters in [
        {},
        {"year": 2024},
        {"year": 2025},
        {"year": 2026},
        {"year": 2023},
        {"country": "FR"},
        {"country": "PT"},
        {"country": "XX"},
        {"theme": p.green},
        {"format": p.shadowing},
        {"organisation": p.valencia},
        {"organisation": p.porto, "year": 2026},
        {"year": 2025, "country": "SE", "theme": p.gender, "format": p.visit},
    ]:
        _assert_same(**filters)
    with translation.override("fr"):
        _assert_same(theme=p.gender)


@pytest.mark.parametrize("change", ["exchange", "party", "match", "listing", "country"])
def test_columns_follow_each_kind_of_change(wider, change):
    p = wider
    _assert_same(year=2025)
    if change == "exchange":
        _exchange(
            status=ExchangeStatus.PLANNED,
            start_date=datetime.date(2025, 9, 1),
            end_date=datetime.date(2025, 9, 5),
            parties=[(p.porto, ExchangeRole.HOST), (p.boras, ExchangeRole.SENDING)],
            themes=[p.green],
        )
    elif change == "party":
        ExchangeOrganisationFactory(exchange=p.e1, organisation=p.porto, role=ExchangeRole.HOST)
        ExchangeParticipantsFactory(exchange=p.e1, target_group=p.apprentices, count=2)
    elif change == "match":
        p.m3.status = MatchStatus.DECLINED
        p.m3.save(update_fields=["status"])
    elif change == "listing":
        ListingFactory(
            kind=ListingKind.OFFER,
            organisation=p.porto,
            status=ListingStatus.OPEN,
            submitted_at=at_noon(2025, 8, 1),
            themes=[p.green],
        )
    elif change == "country":
        p.valencia.country = "PT"
        p.valencia.save(update_fields=["country"])
    _assert_same(year=2025)
    _assert_same(country="PT")


def test_a_change_reads_only_its_rows_again(wider, django_assert_num_queries):
    kpis_for()
    ListingFactory(organisation=wider.porto, submitted_at=at_noon(2025, 8, 1))
    # The listing, its themes and formats; the names of themes, formats and groups.
    with django_assert_num_queries(6):
        kpis_for()
    _assert_same()


@pytest.mark.parametrize("change", ["bulk", "cancelled", "match deleted", "theme deleted"])
def test_columns_follow_changes_that_name_no_row(wider, change):
    p = wider
    _assert_same()
    if change == "bulk":
        Exchange.objects.filter(pk=p.e1.pk).update(participants_total=40)
        counts_changed()
    elif change == "cancelled":
        p.e1.status = ExchangeStatus.CANCELLED
        p.e1.save(update_fields=["status"])
    elif change == "match deleted":
        p.e1.match.delete()
    elif change == "theme deleted":
        p.green.delete()
    _assert_same()
    _assert_same(year=2025, theme=p.gender)
