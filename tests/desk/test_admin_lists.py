"""The admin lists at 1280 px, as far as the HTML tells: few columns, "Find
partners" beside the reference, and long filters folded so that a list of
countries does not make the page thousands of pixels tall (the browser journey
measures the widths)."""

import re

import pytest

from members.models import MembershipStatus
from tests.factories import (
    CaseStudyFactory,
    MatchFactory,
    NotificationFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
)

pytestmark = pytest.mark.django_db

COUNTRIES = ["SE", "FR", "ES", "FI", "DE", "IT", "PT", "NL", "PL", "BE", "AT", "IE"]


def filters(page: str) -> dict:
    """{filter title: whether it starts unfolded}."""
    return {
        title: " open" in attributes
        for title, attributes in re.findall(r'<details data-filter-title="([^"]+)"([^>]*)>', page)
    }


def headers(page: str) -> list:
    table = page[page.index('id="result_list"') : page.index("</thead>")]
    return re.findall(r'<th scope="col"\s+class="[^"]*?(action-checkbox-column|column-\w+)', table)


@pytest.fixture
def many_countries(db):
    return [OrganisationFactory(country=code) for code in COUNTRIES]


def test_a_long_filter_starts_folded_and_a_short_one_open(secretariat_client, many_countries):
    page = secretariat_client.get("/admin/members/organisation/").text

    folded = filters(page)
    assert folded["country"] is False, folded
    assert folded["membership status"] is True, folded


def test_a_folded_filter_says_what_is_chosen(secretariat_client, many_countries):
    page = secretariat_client.get("/admin/members/organisation/?country__exact=FI").text

    summary = page[page.index('data-filter-title="country"') :]
    summary = summary[: summary.index("</summary>")]
    assert "<strong>Finland</strong>" in summary


def test_the_request_list_has_few_columns_and_find_partners_second(
    secretariat_client, many_countries
):
    request = RequestFactory(organisation=many_countries[0], title="A title " * 12)

    page = secretariat_client.get("/admin/listings/request/").text

    columns = headers(page)
    assert columns[:3] == ["action-checkbox-column", "column-reference", "column-find_partners"]
    assert len(columns) <= 7
    assert f'href="/admin/matchmaking/match/curate/{request.pk}/">Find partners</a>' in page


@pytest.mark.parametrize(
    "url",
    [
        "/admin/members/organisation/",
        "/admin/listings/request/",
        "/admin/listings/offer/",
        "/admin/matchmaking/match/",
        "/admin/exchanges/exchange/",
        "/admin/casestudies/casestudy/",
        "/admin/notifications/notification/",
    ],
)
def test_every_list_the_desk_links_to_keeps_to_seven_columns(secretariat_client, url):
    # One row in each list; the rest of each record is on its change page.
    OrganisationFactory(status=MembershipStatus.APPLICANT)
    OfferFactory()
    MatchFactory()
    CaseStudyFactory()  # with its exchange
    NotificationFactory()
    page = secretariat_client.get(url).text
    assert len(headers(page)) <= 7, url
