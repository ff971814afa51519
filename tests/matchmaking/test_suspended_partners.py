"""A suspended organisation answers for nobody (members.permissions), so the
matcher proposes it to nobody: its open listings leave the rankings, computed
and stored, and come back as they were when it is reinstated."""

import pytest

from matchmaking.matcher import rank, survivors
from matchmaking.rankings import ranking_store, ranking_stored
from members.services import membership_reinstate, membership_suspend
from tests.matchmaking.cases import request_and_hosts as hosts_for_a_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_and_hosts():
    request, offers = hosts_for_a_request("Borås", "Suspended host")
    return request, {offer.organisation.name: offer for offer in offers}


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
