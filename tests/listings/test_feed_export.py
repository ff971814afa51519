"""The Atom feed of new listings and the secretariat's CSV export."""

import csv
import io

import pytest

from listings.models import ListingStatus
from tests.factories import OfferFactory, OrganisationFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_feed_lists_newly_opened_listings_with_public_fields_only(client, taxonomy):
    RequestFactory(
        title="Gender in guidance",
        themes=[taxonomy["gender"]],
        organisation=OrganisationFactory(country="FR", name="Secret Org Name"),
        description="Private details of the request",
        fewer_opportunities_support="Private support notes",
    )
    RequestFactory(status=ListingStatus.DRAFT, title="Draft not in the feed")
    response = client.get("/listings/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.text
    # Titles are for members (finding 11): the feed says what the teaser says.
    assert "Gender in guidance" not in body
    assert "Request: Gender equality (France)" in body
    assert "France" in body
    assert 'term="Gender equality"' in body
    assert "Draft not in the feed" not in body
    assert "Private details" not in body
    assert "Private support notes" not in body


def test_feed_query_count_is_bounded(client, taxonomy, django_assert_max_num_queries):
    for _ in range(20):
        OfferFactory(themes=[taxonomy["gender"], taxonomy["green"]])
    with django_assert_max_num_queries(4):
        client.get("/listings/feed/")


def test_export_csv_for_the_secretariat_follows_the_filters(
    secretariat_client, taxonomy, django_assert_max_num_queries
):
    RequestFactory(title="=HYPERLINK(evil)", themes=[taxonomy["gender"]])
    for _ in range(10):
        OfferFactory(title="Green one", themes=[taxonomy["green"]])
    RequestFactory(title="Waiting", status=ListingStatus.SUBMITTED, themes=[taxonomy["gender"]])
    with django_assert_max_num_queries(10):
        response = secretariat_client.get("/listings/export.csv?theme=gender-equality")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["title"] for row in rows} == {"'=HYPERLINK(evil)", "Waiting"}
    response = secretariat_client.get("/listings/export.csv?status=submitted")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["title"] for row in rows] == ["Waiting"]


def test_export_csv_is_for_the_secretariat_only(alice_client, client):
    RequestFactory()
    response = alice_client.get("/listings/export.csv")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get("/listings/export.csv").status_code == 302
