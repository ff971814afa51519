"""What keeps the pages fast at the partnership's full size (docs/performance.md):
filters offer the countries in use, not all 250; whole-table counts come from
the shared cache until a listing changes; the secretariat types an
organisation's name instead of scrolling a list of thousands."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from listings.models import ListingStatus
from tests.factories import (
    OfferFactory,
    OrganisationFactory,
    PublishedCaseStudyFactory,
    RequestFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def country_options(html: str, name: str = "country") -> set[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return set(re.findall(r'<option value="([A-Z]{2})"', select))


def listing_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries if "exchanges_listing" in q["sql"]]


def test_browse_offers_only_the_countries_of_open_listings(alice_client):
    RequestFactory(organisation=OrganisationFactory(country="FR"))
    OfferFactory(organisation=OrganisationFactory(country="PT"), status=ListingStatus.CLOSED)
    assert country_options(alice_client.get("/listings/").text) == {"FR"}


def test_directory_offers_only_the_countries_of_its_organisations(client, boras):
    OrganisationFactory(country="FR")
    assert country_options(client.get(reverse("members:directory")).text) == {"SE", "FR"}


def test_case_studies_offer_only_the_countries_of_published_ones(client):
    PublishedCaseStudyFactory(exchange__country="IT")
    assert country_options(client.get(reverse("casestudies:list")).text) == {"IT"}


def test_the_teaser_counts_once_and_again_when_a_listing_is_published(client):
    theme = ThemeFactory(name="Green skills")
    listing = RequestFactory(themes=[theme])
    assert listing_queries(client, "/listings/")
    # A second visitor: the counts come from the cache, no query on the listings.
    assert listing_queries(client, "/listings/") == []
    RequestFactory(themes=[theme], organisation=OrganisationFactory(country="FR"))
    response = client.get("/listings/")
    assert "2 requests and offers are open for partners right now." in response.text
    assert "France" in response.text
    listing.status = ListingStatus.CLOSED
    listing.save(update_fields=["status"])
    assert "1 request or offer is open" in client.get("/listings/").text


def test_browse_counts_its_total_once_per_filter_and_again_after_a_change(alice_client):
    for _ in range(3):
        RequestFactory()
    OfferFactory()
    assert alice_client.get("/listings/?kind=request").context["page_obj"].paginator.count == 3
    queries = listing_queries(alice_client, "/listings/?kind=request&sort=closing")
    assert not [q for q in queries if "COUNT(" in q.upper()]
    RequestFactory()
    assert alice_client.get("/listings/?kind=request").context["page_obj"].paginator.count == 4
    assert alice_client.get("/listings/").context["page_obj"].paginator.count == 5


def test_the_secretariat_types_an_organisations_name_instead_of_choosing_from_a_list(
    secretariat_client, boras, centre_val_de_loire
):
    url = reverse("monitoring:dashboard")
    page = secretariat_client.get(url).text
    assert not re.search(r'<select name="organisation"', page)
    assert 'name="organisation"' in page
    response = secretariat_client.get(url, {"organisation": "borås"})
    assert response.context["organisation"] == boras
    # A link with the organisation's number works too, and shows its name.
    response = secretariat_client.get(url, {"organisation": centre_val_de_loire.pk})
    assert response.context["organisation"] == centre_val_de_loire
    assert f'value="{centre_val_de_loire.name}"' in response.text


def test_the_secretariat_is_told_when_a_name_fits_no_organisation_or_several(
    secretariat_client, boras, centre_val_de_loire
):
    url = reverse("monitoring:dashboard")
    response = secretariat_client.get(url, {"organisation": "Nowhere at all"})
    assert response.status_code == 200
    assert response.context["organisation"] is None
    assert "No organisation has that name." in response.text
    OrganisationFactory(name="Borås Stad")
    response = secretariat_client.get(url, {"organisation": "Borås"})
    assert response.context["organisation"] is None
    assert "2 organisations have that in their name" in response.text
