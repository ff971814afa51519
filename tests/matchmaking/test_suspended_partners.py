"""A suspended organisation answers for nobody (members.permissions), so the
matcher proposes it to nobody: its open listings leave the rankings, computed
and stored, and come back as they were when it is reinstated."""

import pytest

from matchmaking.matcher import rank, survivors
from matchmaking.rankings import ranking_store, ranking_stored
from members.services import membership_reinstate, membership_suspend
from tests.factories import LanguageFactory, OfferFactory, OrganisationFactory, RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_and_hosts():
    english = LanguageFactory(code="en", name="English")
    request = RequestFactory(languages=[english])
    hosts = {
        name: OfferFactory(
            organisation=OrganisationFactory(name=name),
            languages=[english],
            earliest_start=request.earliest_start,
            latest_end=request.latest_end,
        )
        for name in ("Borås", "Suspended host")
    }
    return request, hosts


def names(candidates) -> list[str]:
    return [c.organisation.name for c in candidates]


def test_a_suspended_organisations_listing_is_proposed_again_once_reinstated(request_and_hosts):
    request, hosts = request_and_hosts
    assert names(rank(request)) == ["Borås", "Suspended host"]
    suspended = hosts["Suspended host"].organisation
    membership_suspend(organisation=suspended, reason="Fees unpaid")
    assert names(rank(request)) == ["Borås"]
    # The rules asked of the database (stored rankings, groups) say the same.
    assert [row[0] for row in survivors(request)] == [hosts["Borås"].pk]
    membership_reinstate(organisation=suspended)
    assert names(rank(request)) == ["Borås", "Suspended host"]


def test_a_stored_ranking_shows_no_suspended_organisation(request_and_hosts):
    request, hosts = request_and_hosts
    ranking_store(request=request)
    membership_suspend(organisation=hosts["Suspended host"].organisation)
    assert names(ranking_stored(request) or []) == ["Borås"]
