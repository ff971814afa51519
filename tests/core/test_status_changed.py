"""What is kept from a status (stored rankings, cached counts) follows every change
of it, one by one or in bulk: both send core.workflow.status_changed."""

import pytest

from core.counts import generation
from core.workflow import change_status, change_status_of_locked, status_changed
from listings.models import Listing, ListingStatus
from tests.factories import RequestFactory


@pytest.fixture
def rankings_queued(monkeypatch):
    queued = []
    monkeypatch.setattr("matchmaking.receivers._queue", queued.append)
    return queued


@pytest.fixture
def sent():
    received = []

    def receiver(sender, instance, field, before, after, **kwargs):
        received.append((sender, instance.pk, field, before, after))

    status_changed.connect(receiver, dispatch_uid="test.status-changed")
    yield received
    status_changed.disconnect(dispatch_uid="test.status-changed")


def test_one_change_refreshes_the_rankings_once_and_the_counts(db, alice, rankings_queued, sent):
    listing = RequestFactory(status=ListingStatus.OPEN)
    rankings_queued.clear()
    before = generation()
    change_status(listing, to=ListingStatus.CLOSED, by=alice)
    assert rankings_queued == [listing.pk]
    assert generation() != before
    assert sent == [(Listing, listing.pk, "status", ListingStatus.OPEN, ListingStatus.CLOSED)]


def test_a_change_in_bulk_refreshes_the_rankings_and_the_counts(db, alice, rankings_queued, sent):
    listings = [RequestFactory(status=ListingStatus.OPEN) for _ in range(2)]
    rankings_queued.clear()
    before = generation()
    locked = list(
        Listing.objects.select_for_update()
        .filter(pk__in=[listing.pk for listing in listings])
        .order_by("pk")
    )
    change_status_of_locked(locked, to=ListingStatus.MATCHED, by=alice, reason="matched")
    assert sorted(rankings_queued) == sorted(listing.pk for listing in listings)
    assert generation() != before
    assert {(pk, was, after) for _sender, pk, _field, was, after in sent} == {
        (listing.pk, ListingStatus.OPEN, ListingStatus.MATCHED) for listing in listings
    }
    assert all(listing.history.first().history_change_reason == "matched" for listing in locked)


def test_an_edit_that_is_not_a_status_change_still_refreshes_the_rankings(
    db, rankings_queued, sent
):
    listing = RequestFactory(status=ListingStatus.OPEN)
    rankings_queued.clear()
    listing.title = "Work-based learning in tourism"
    listing.save()
    assert rankings_queued == [listing.pk]
    assert sent == []
