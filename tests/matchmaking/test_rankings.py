"""Stored rankings: computed in the background when listings change, read by the
curation page in a constant number of queries."""

from collections import Counter
from unittest import mock

import pytest

from earlall_rsp.celery import app
from listings.models import ListingStatus
from listings.services import listing_close
from matchmaking import rankings
from matchmaking.matcher import rank
from matchmaking.models import MatchingWeights, StoredRanking
from matchmaking.rankings import ranking_for, ranking_stored, refresh_deferred
from matchmaking.tasks import rankings_refresh, rankings_refresh_stale
from notifications.tasks import send_notifications

pytestmark = pytest.mark.django_db


def refs(candidates):
    return [c.listing.reference for c in candidates]


def test_stored_ranking_is_the_computed_one(case):
    assert ranking_stored(case.request) is None
    assert refs(ranking_for(case.request)) == refs(rank(case.request))
    assert refs(ranking_stored(case.request)) == refs(rank(case.request))


def test_same_data_same_ranking_every_run(case):
    first = [(c.listing.reference, c.score) for c in rank(case.request)]
    assert [(c.listing.reference, c.score) for c in rank(case.request)] == first


def test_a_closed_listing_leaves_the_stored_rankings_after_commit(
    case, alice, django_capture_on_commit_callbacks
):
    ranking_for(case.request)
    with django_capture_on_commit_callbacks(execute=True):
        listing_close(listing=case.boras_offer, by=alice, reason="Full")
    case.boras_offer.refresh_from_db()
    assert case.boras_offer.status == ListingStatus.CLOSED
    stored = StoredRanking.objects.get(pk=case.request.pk)
    assert not stored.stale
    assert case.boras_offer.reference not in refs(ranking_stored(case.request))


def test_new_weights_make_stored_rankings_old(case):
    ranking_for(case.request)
    MatchingWeights.objects.create(interest=90)
    assert ranking_stored(case.request) is None
    assert ranking_for(case.request)


def test_new_signal_definitions_make_stored_rankings_old(case, monkeypatch):
    ranking_for(case.request)
    monkeypatch.setattr("matchmaking.rankings.SIGNALS_VERSION", "a new formula")
    assert ranking_stored(case.request) is None
    assert refs(ranking_for(case.request)) == refs(rank(case.request))


def test_stored_ranking_read_needs_the_same_queries_whatever_its_length(
    case, django_assert_num_queries
):
    ranking_for(case.request)
    # The weights, whether the stored one is current, the entries with their listings.
    with django_assert_num_queries(3):
        ranking_stored(case.request, limit=20)


def test_a_bulk_load_computes_each_ranking_once_at_its_end(
    case, alice, django_capture_on_commit_callbacks
):
    ranking_for(case.request)
    computed = Counter()
    real_store = rankings.ranking_store

    def store(*, request):
        computed[request.pk] += 1
        return real_store(request=request)

    with mock.patch.object(rankings, "ranking_store", side_effect=store):
        with refresh_deferred(), django_capture_on_commit_callbacks(execute=True) as queued:
            case.request.save()
            case.boras_offer.save()
            listing_close(listing=case.boras_offer, by=alice, reason="Full")
            assert not computed
        assert not [c for c in queued if "rankings" in repr(c)]

    assert computed[case.request.pk] == 1
    assert set(computed.values()) == {1}
    assert refs(ranking_stored(case.request)) == refs(rank(case.request))
    assert case.boras_offer.reference not in refs(ranking_stored(case.request))


def test_ranking_refreshes_wait_in_their_own_queue_not_in_the_mails():
    """Two thousand refreshes after a burst of confirmations must not stand in
    line ahead of the confirmations' e-mails."""

    def queue(task):
        return app.amqp.router.route({}, task.name, (), {})["queue"].name

    assert queue(rankings_refresh) == queue(rankings_refresh_stale) == "rankings"
    assert queue(send_notifications) == "celery"
