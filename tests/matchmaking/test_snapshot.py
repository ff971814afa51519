"""The open listings' columns the matcher keeps in memory follow the database: a
ranking always reflects what is saved, whichever way it changed."""

import datetime

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.workflow import change_status, change_status_of_locked
from listings.models import Listing, ListingStatus
from matchmaking.matcher import rank
from matchmaking.snapshot import Columns, open_listings, snapshot_changed
from tests.factories import LanguageFactory, OfferFactory, OrganisationFactory, RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_and_host():
    english = LanguageFactory(code="en", name="English")
    request = RequestFactory(languages=[english])
    host = OfferFactory(
        organisation=OrganisationFactory(name="Host", country="SE"),
        languages=[english],
        earliest_start=request.earliest_start,
        latest_end=request.latest_end,
    )
    return request, host


def names(request) -> list:
    return [c.organisation.name for c in rank(request)]


def test_a_new_listing_is_a_candidate_at_the_next_ranking(request_and_host):
    request, host = request_and_host
    assert names(request) == ["Host"]
    OfferFactory(
        organisation=OrganisationFactory(name="Newcomer"),
        languages=list(host.languages.all()),
        earliest_start=host.earliest_start,
        latest_end=host.latest_end,
    )
    assert sorted(names(request)) == ["Host", "Newcomer"]


def test_a_closed_or_deleted_listing_is_no_longer_a_candidate(request_and_host, secretariat):
    request, host = request_and_host
    assert names(request) == ["Host"]
    # A status changed with update_fields (updated_at untouched), as the services do.
    change_status(host, to=ListingStatus.EXPIRED, by=secretariat)
    assert names(request) == []
    change_status(host, to=ListingStatus.OPEN, by=secretariat)
    assert names(request) == ["Host"]
    host.delete()
    assert names(request) == []


def test_a_status_changed_in_bulk_is_followed(request_and_host, secretariat):
    request, host = request_and_host
    assert names(request) == ["Host"]
    # One UPDATE for many rows, as a confirmed match moves its listings: no post_save.
    change_status_of_locked(
        list(Listing.objects.filter(pk=host.pk)),
        to=ListingStatus.MATCHED,
        by=secretariat,
    )
    assert names(request) == []


def test_a_change_of_dates_or_languages_is_followed(request_and_host):
    request, host = request_and_host
    assert names(request) == ["Host"]
    host.languages.set([LanguageFactory(code="de", name="German")])
    assert names(request) == []
    host.languages.set(request.languages.all())
    host.earliest_start = request.latest_end
    host.latest_end = request.latest_end
    host.save()
    assert names(request) == []


def test_a_change_of_the_organisation_is_followed(request_and_host):
    request, host = request_and_host
    rank(request)
    host.organisation.country = request.organisation.country
    host.organisation.save()
    (candidate,) = rank(request)
    assert candidate.signals["different_country"] == 0.0


def every_open_listing_read(request) -> list:
    """The queries of a ranking that read every open listing (not some by id)."""
    with CaptureQueriesContext(connection) as queries:
        rank(request)
    table = Listing._meta.db_table
    reads = [q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]
    assert reads
    return [sql for sql in reads if "IN (" not in sql]


def test_a_profile_edit_reads_that_organisations_listings_only(request_and_host):
    request, host = request_and_host
    OfferFactory(organisation=host.organisation, languages=list(host.languages.all()))
    rank(request)
    host.organisation.country = request.organisation.country
    host.organisation.save()
    assert every_open_listing_read(request) == []
    (candidate, _second) = rank(request)
    assert candidate.signals["different_country"] == 0.0
    # Its working languages too, changed from the organisation's side.
    host.organisation.languages.set([LanguageFactory(code="fi", name="Finnish")])
    assert every_open_listing_read(request) == []


def test_a_write_without_signals_is_followed_once_announced(request_and_host):
    request, host = request_and_host
    assert names(request) == ["Host"]
    Listing.objects.filter(pk=host.pk).update(status=ListingStatus.CLOSED)
    snapshot_changed()  # as after any QuerySet.update() of listings
    assert names(request) == []


def test_one_change_reads_that_listing_only(request_and_host):
    request, host = request_and_host
    rank(request)
    host.title = "A new title"
    host.save()
    with CaptureQueriesContext(connection) as queries:
        rank(request)
    listing_table = Listing._meta.db_table
    reads = [q["sql"] for q in queries.captured_queries if f'FROM "{listing_table}"' in q["sql"]]
    every_open_listing = [sql for sql in reads if "IN (" not in sql]
    assert reads and every_open_listing == []
    assert len(open_listings.columns) == 2  # the request and the host


def _row(pk, theme_ids, language_ids=()):
    day = datetime.date(2027, 1, 1)
    return (pk, 1, "host", "offer", day, day, 5, "SE", list(theme_ids), list(language_ids))


def test_columns_count_shared_themes_past_sixty_four_ids():
    # One bit per id: the 70 ids take two 64-bit words, a new id a third.
    columns = Columns([_row(1, range(1, 71)), _row(2, [3, 69]), _row(3, [])])
    rows = np.arange(3)
    assert columns.counts("theme", [3, 69, 500], rows).tolist() == [2, 2, 0]
    fresh = Columns([_row(4, [69, 500] + list(range(200, 260)))], codes=columns.codes)
    merged = columns.replaced([2], fresh)
    assert merged.pk.tolist() == [1, 3, 4]
    assert merged.counts("theme", [3, 69, 500], np.arange(3)).tolist() == [2, 0, 2]
    assert merged.counts("spoken", [1], np.arange(3)).tolist() == [0, 0, 0]
