"""The home page tells every visitor the partnership's figures."""

import pytest

from exchanges.models import ExchangeStatus
from members.models import MembershipStatus
from monitoring.selectors import public_summary
from tests.factories import ExchangeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_public_summary_counts_members_countries_exchanges_and_participants(partnership):
    OrganisationFactory(country="DE", status=MembershipStatus.APPLICANT)
    # Active: Borås (SE), Centre-Val de Loire (FR), Valencia (ES); the applicant
    # does not count. Completed: E0 (6, 2 fewer), E1 (10, 3), E2 (5, 0): 5 of 21.
    assert public_summary() == {
        "organisations": 3,
        "countries": 3,
        "exchanges": 3,
        "participants": 21,
        "fewer_opportunities_share": 23.8,
        "fewer_opportunities_target": 20,
    }


def test_public_summary_of_an_empty_partnership_has_no_share(db):
    summary = public_summary()
    assert summary["exchanges"] == summary["participants"] == 0
    assert summary["fewer_opportunities_share"] is None


def test_home_page_shows_the_public_summary_to_a_visitor(client, partnership):
    response = client.get("/")
    text = response.text
    assert 'data-testid="public-summary"' in text
    assert "The partnership in figures" in text
    assert "23.8%" in text
    assert "Monitoring" not in text


def test_public_summary_is_cached_until_what_it_counts_changes(
    client, partnership, django_assert_max_num_queries
):
    client.get("/")
    with django_assert_max_num_queries(0):
        assert public_summary()["exchanges"] == 3
    ExchangeFactory(status=ExchangeStatus.COMPLETED, participants_total=4)
    assert public_summary()["exchanges"] == 4


def test_home_page_writes_the_share_as_its_language_does(client, partnership):
    """German and French put a space before the per cent sign, as in the target
    beside it: "23,8 %" next to "Zielwert 20 %", not "23,8%"."""
    text = client.get("/", HTTP_ACCEPT_LANGUAGE="de").text
    assert "23,8\u00a0%" in text or "23,8 %" in text
    assert "Zielwert 20 %" in text
