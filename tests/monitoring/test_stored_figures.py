"""The dashboard reads the whole partnership's figures from StoredFigures: they
must be exactly what kpis_for computes, before and after any change."""

import datetime

import pytest

from core.counts import generation
from exchanges.models import ExchangeRole, ExchangeStatus
from listings.models import ListingKind, ListingStatus
from matchmaking.models import MatchStatus
from monitoring.figures import as_stored, figures_refresh, kpis_now, stored_figures
from monitoring.models import StoredFigures
from monitoring.selectors import kpis_for
from tests.factories import (
    ExchangeOrganisationFactory,
    ExchangeParticipantsFactory,
    ListingFactory,
    MatchFactory,
)

from .conftest import _exchange, at_noon

pytestmark = pytest.mark.django_db

YEARS = (None, 2024, 2025)


def _direct(year):
    """kpis_for's figures as they come back from the JSON column."""
    return as_stored(kpis_for(year=year))


def _assert_stored_equal_direct():
    for year in YEARS:
        assert stored_figures(year=year) == _direct(year), year


def test_stored_figures_are_the_computed_figures(partnership):
    _assert_stored_equal_direct()
    assert StoredFigures.objects.count() == len(YEARS)
    assert stored_figures(year=2025)["exchanges"] == {"planned": 1, "completed": 2}


def test_stored_figures_are_read_without_computing_while_nothing_changes(
    partnership, django_assert_max_num_queries
):
    stored_figures(year=2025)
    with django_assert_max_num_queries(1):
        assert stored_figures(year=2025)["matches"]["accepted"] == 1


@pytest.mark.parametrize(
    "change",
    ["exchange", "participants", "party", "match answer", "listing", "organisation country"],
)
def test_stored_figures_follow_each_kind_of_change(partnership, change):
    _assert_stored_equal_direct()
    p = partnership
    if change == "exchange":
        _exchange(
            status=ExchangeStatus.COMPLETED,
            start_date=datetime.date(2025, 6, 1),
            end_date=datetime.date(2025, 6, 5),
            participants_total=7,
            fewer_opportunities=4,
            parties=[(p.valencia, ExchangeRole.HOST), (p.boras, ExchangeRole.SENDING)],
            themes=[p.green],
        )
    elif change == "participants":
        ExchangeParticipantsFactory(exchange=p.e1, target_group=p.apprentices, count=9)
    elif change == "party":
        ExchangeOrganisationFactory(
            exchange=p.e1, organisation=p.valencia, role=ExchangeRole.SENDING
        )
    elif change == "match answer":
        p.m3.status = MatchStatus.ACCEPTED
        p.m3.save(update_fields=["status"])
    elif change == "listing":
        ListingFactory(
            kind=ListingKind.OFFER,
            organisation=p.valencia,
            status=ListingStatus.OPEN,
            submitted_at=at_noon(2025, 7, 1),
            themes=[p.gender],
        )
        MatchFactory(status=MatchStatus.CONFIRMED, confirmed_at=at_noon(2025, 7, 2))
    elif change == "organisation country":
        p.valencia.country = "PT"
        p.valencia.save(update_fields=["country"])
    _assert_stored_equal_direct()


def test_refresh_computes_the_stale_stored_figures_again(partnership):
    for year in YEARS:
        stored_figures(year=year)
    assert figures_refresh() == 0
    ExchangeParticipantsFactory(
        exchange=partnership.e1, target_group=partnership.apprentices, count=2
    )
    assert figures_refresh() == len(YEARS)
    assert StoredFigures.objects.get(key="en:all").figures == _direct(None)
    # Beat computes them all, and this year's too.
    assert figures_refresh(everything=True) == len(YEARS) + 1


def test_a_committed_change_refreshes_the_stored_figures_in_the_background(
    partnership, django_capture_on_commit_callbacks
):
    stored_figures(year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        ExchangeParticipantsFactory(
            exchange=partnership.e1, target_group=partnership.apprentices, count=2
        )
    stored = StoredFigures.objects.get(key="en:2025")
    assert stored.generation == generation()
    assert stored.figures["participants"]["apprentices"] == 3 + 2
    assert stored.figures == _direct(2025)


def test_filtered_figures_are_computed_and_follow_changes(partnership):
    assert kpis_now(year=2025, country="ES") == kpis_for(year=2025, country="ES")
    partnership.valencia.country = "PT"
    partnership.valencia.save(update_fields=["country"])
    assert kpis_now(year=2025, country="ES") == kpis_for(year=2025, country="ES")
    assert not StoredFigures.objects.exists()
