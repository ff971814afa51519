"""Confirming a match costs the same number of queries whatever the number of
parties: the secretariat's desk promises an answer within 300 ms, and each
round trip counts on a busy database (docs/performance.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from listings.models import ListingStatus
from matchmaking.models import MatchParty
from matchmaking.rankings import ranking_for
from matchmaking.services import match_confirm
from notifications.models import Notification
from tests.factories import (
    FormatFactory,
    MembershipFactory,
    OfferFactory,
    RequestFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The fixed cost of a confirmation: lock and read the listings, the stored
# ranking, the match, the parties, the decisions, the listings' statuses (each
# with its history) and the notifications, each in one statement.
CONFIRM_QUERIES = 34


def queries_to_confirm(partners: int, by) -> int:
    theme, form = ThemeFactory(name="Gender equality"), FormatFactory()
    request = RequestFactory(themes=[theme], formats=[form])
    offers = [OfferFactory(themes=[theme], formats=[form]) for _ in range(partners)]
    for listing in (request, *offers):
        for _ in range(2):
            MembershipFactory(user=UserFactory(), organisation=listing.organisation)
    ranking_for(request)  # as the curation page leaves it
    with CaptureQueriesContext(connection) as queries:
        match = match_confirm(request=request, partners=offers, by=by, message="Hosted in May")
    # Everything a confirmation does was done: each party, each listing
    # matched with its history entry, each coordinator's e-mail recorded.
    assert match.parties.count() == partners + 1
    assert MatchParty.history.filter(match_id=match.pk).count() == partners + 1
    for listing in (request, *offers):
        listing.refresh_from_db()
        assert listing.status == ListingStatus.MATCHED
        assert listing.history.latest().history_user == by
    assert Notification.objects.filter(object_id=str(match.pk)).count() == 2 * (partners + 1)
    return len(queries)


def test_match_confirm_queries_do_not_grow_with_the_parties(secretariat):
    # Three parties, then six (partners the stored ranking scores in another
    # role are scored again, all at once).
    three, six = queries_to_confirm(2, secretariat), queries_to_confirm(5, secretariat)
    assert six <= three <= CONFIRM_QUERIES
