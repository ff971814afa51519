"""Members browse the open requests and offers; visitors see a teaser."""

import datetime
import re

import pytest
from django.test import Client

from core.kept import CSRF_PLACEHOLDER
from listings.models import ListingRole, ListingStatus
from tests.factories import (
    ExpressionOfInterestFactory,
    MembershipFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
    ThemeFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return {listing.title for listing in response.context["page_obj"]}


def test_browse_visitor_sees_a_teaser_and_is_asked_to_sign_in(client, taxonomy):
    RequestFactory(themes=[taxonomy["gender"]], organisation=OrganisationFactory(country="FR"))
    OfferFactory(themes=[taxonomy["gender"]], organisation=OrganisationFactory(country="SE"))
    RequestFactory(status=ListingStatus.DRAFT, title="Secret draft")
    response = client.get("/listings/")
    assert "2 requests and offers are open for partners right now." in response.text
    assert "Gender equality" in response.text
    assert "France" in response.text and "Sweden" in response.text
    assert "Sign in" in response.text
    assert "Secret draft" not in response.text
    assert "Exchange on gender equality in guidance" not in response.text


def test_browse_member_sees_open_listings_only(alice_client):
    RequestFactory(title="Open request")
    OfferFactory(title="Open offer")
    for status in (
        ListingStatus.DRAFT,
        ListingStatus.SUBMITTED,
        ListingStatus.EXPIRED,
        ListingStatus.WITHDRAWN,
        ListingStatus.CLOSED,
    ):
        RequestFactory(status=status, title=f"A {status} one")
    response = alice_client.get("/listings/")
    assert titles(response) == {"Open request", "Open offer"}


def test_browse_signed_in_without_organisation_sees_the_teaser(client, stranger):
    RequestFactory(title="Open request")
    client.force_login(stranger)
    response = client.get("/listings/")
    assert "Open request" not in response.text
    assert "1 request or offer is open" in response.text


@pytest.fixture
def spread(taxonomy):
    """Two listings that differ in every filtered field."""
    first = RequestFactory(
        title="Gender in guidance",
        description="Public institutions advancing gender equality in career guidance.",
        themes=[taxonomy["gender"]],
        formats=[taxonomy["visit"]],
        languages=[taxonomy["fr"]],
        role=ListingRole.SEND,
        organisation=OrganisationFactory(country="FR"),
        earliest_start=in_days(10),
        latest_end=in_days(20),
    )
    first.target_groups.set([taxonomy["guidance"]])
    second = OfferFactory(
        title="Green workshops",
        description="We host VET learners in our solar workshops for a fortnight.",
        themes=[taxonomy["green"]],
        formats=[taxonomy["shadowing"]],
        languages=[taxonomy["sv"]],
        role=ListingRole.HOST,
        organisation=OrganisationFactory(country="SE"),
        earliest_start=in_days(100),
        latest_end=in_days(130),
    )
    second.target_groups.set([taxonomy["vet"]])
    return first, second


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=request", {"Gender in guidance"}),
        ("kind=offer", {"Green workshops"}),
        ("theme=gender-equality", {"Gender in guidance"}),
        ("theme=green-skills", {"Green workshops"}),
        ("format=staff-job-shadowing", {"Green workshops"}),
        ("target_group=guidance-staff", {"Gender in guidance"}),
        ("country=SE", {"Green workshops"}),
        ("role=host", {"Green workshops"}),
        ("role=send", {"Gender in guidance"}),
        ("language=fr", {"Gender in guidance"}),
        ("q=solar", {"Green workshops"}),
        ("q=GUIDANCE", {"Gender in guidance"}),
        (f"available_from={in_days(50)}", {"Green workshops"}),
        (f"available_until={in_days(50)}", {"Gender in guidance"}),
        (
            f"available_from={in_days(15)}&available_until={in_days(105)}",
            {"Gender in guidance", "Green workshops"},
        ),
        (f"available_from={in_days(21)}&available_until={in_days(99)}", set()),
    ],
)
def test_browse_filter_keeps_the_listings_that_fit(alice_client, spread, query, expected):
    assert titles(alice_client.get(f"/listings/?{query}")) == expected


def test_browse_filter_role_either_fits_both_roles(alice_client, spread):
    RequestFactory(title="Either way", role=ListingRole.EITHER)
    assert "Either way" in titles(alice_client.get("/listings/?role=host"))
    assert "Either way" in titles(alice_client.get("/listings/?role=send"))


def test_browse_filters_combine(alice_client, spread, taxonomy):
    RequestFactory(
        title="Gender but Swedish",
        themes=[taxonomy["gender"]],
        organisation=OrganisationFactory(country="SE"),
    )
    response = alice_client.get("/listings/?theme=gender-equality&country=SE&kind=request")
    assert titles(response) == {"Gender but Swedish"}
    response = alice_client.get("/listings/?theme=gender-equality&country=FR&q=career")
    assert titles(response) == {"Gender in guidance"}
    assert titles(alice_client.get("/listings/?theme=green-skills&country=FR")) == set()


def test_browse_unknown_filter_value_explains_and_shows_nothing(alice_client, spread):
    response = alice_client.get("/listings/?theme=no-such-theme")
    assert "Select a valid choice" in response.text
    assert titles(response) == set()


def test_browse_sorts_by_newest_or_closing_soon(alice_client):
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    RequestFactory(title="Old, closes late", published_at=now, expires_on=in_days(90))
    RequestFactory(
        title="New, closes soon",
        published_at=now + datetime.timedelta(days=5),
        expires_on=in_days(10),
    )
    RequestFactory(
        title="Middle", published_at=now + datetime.timedelta(days=2), expires_on=in_days(40)
    )
    newest = [x.title for x in alice_client.get("/listings/?sort=newest").context["page_obj"]]
    assert newest == ["New, closes soon", "Middle", "Old, closes late"]
    closing = [x.title for x in alice_client.get("/listings/?sort=closing").context["page_obj"]]
    assert closing == ["New, closes soon", "Middle", "Old, closes late"]
    RequestFactory(title="Closes first", published_at=now, expires_on=in_days(2))
    closing = [x.title for x in alice_client.get("/listings/?sort=closing").context["page_obj"]]
    assert closing[0] == "Closes first"
    newest = [x.title for x in alice_client.get("/listings/").context["page_obj"]]
    assert newest[0] == "New, closes soon"


def test_browse_paginates_by_25(alice_client, taxonomy):
    theme, fmt = taxonomy["gender"], taxonomy["visit"]
    organisation = OrganisationFactory()
    for _ in range(30):
        RequestFactory(themes=[theme], formats=[fmt], organisation=organisation)
    first = alice_client.get("/listings/?kind=request")
    assert len(first.context["page_obj"]) == 25
    assert "Page 1 of 2" in first.text
    assert "kind=request&amp;page=2" in first.text
    assert len(alice_client.get("/listings/?kind=request&page=2").context["page_obj"]) == 5


def _many(taxonomy, n):
    for i in range(n):
        listing = (RequestFactory if i % 2 else OfferFactory)(
            themes=[taxonomy["gender"], taxonomy["green"]],
            formats=[taxonomy["visit"]],
            organisation=OrganisationFactory(),
        )
        listing.target_groups.set([taxonomy["guidance"]])


def test_browse_query_count_does_not_grow_with_listings(
    alice_client, taxonomy, django_assert_max_num_queries
):
    _many(taxonomy, 30)
    # The first request also counts the countries in use and the total (cached).
    with django_assert_max_num_queries(16):
        response = alice_client.get("/listings/?theme=gender-equality&sort=closing")
    assert len(response.context["page_obj"]) == 25
    # The filter form comes rendered from the cache: no query for its vocabularies.
    with django_assert_max_num_queries(8):
        alice_client.get("/listings/?theme=gender-equality&sort=closing&page=2")
    # The filters, the results and the save form all come rendered from the cache:
    # the session, the person, their memberships and the unread count.
    with django_assert_max_num_queries(4):
        alice_client.get("/listings/?theme=gender-equality&sort=closing&page=2")


def test_browse_filters_follow_a_new_theme_and_keep_what_was_chosen(alice_client, taxonomy):
    RequestFactory(themes=[taxonomy["gender"]])
    alice_client.get("/listings/")  # the filter form is now kept (core.counts)
    ThemeFactory(name="Digital inclusion", slug="digital-inclusion")
    response = alice_client.get("/listings/")
    assert "Digital inclusion" in response.text
    chosen = alice_client.get("/listings/?theme=green-skills&q=%3Cb%3Evisit")
    assert '<option value="green-skills" selected>' in chosen.text
    assert "&lt;b&gt;visit" in chosen.text and "<b>visit" not in chosen.text
    assert '<option value="green-skills" selected>' not in alice_client.get("/listings/").text


def test_browse_teaser_query_count_is_bounded(client, taxonomy, django_assert_max_num_queries):
    _many(taxonomy, 30)
    with django_assert_max_num_queries(6):
        client.get("/listings/")


def test_listing_detail_query_count_is_bounded(
    alice_client, taxonomy, django_assert_max_num_queries, centre_val_de_loire
):
    listing = RequestFactory(
        organisation=centre_val_de_loire, themes=[taxonomy["gender"], taxonomy["green"]]
    )
    with django_assert_max_num_queries(20):
        response = alice_client.get(listing.get_absolute_url())
    assert listing.title in response.text


def test_my_listings_groups_by_status_with_their_actions(
    charlie_client, centre_val_de_loire, django_assert_max_num_queries
):
    for status in ListingStatus:
        for _ in range(3):  # 21 listings: one page, every group
            RequestFactory(organisation=centre_val_de_loire, status=status, title=f"Ours {status}")
    RequestFactory(title="Someone else's")
    with django_assert_max_num_queries(10):
        response = charlie_client.get("/listings/mine/")
    assert "Someone else's" not in response.text
    groups = response.context["groups"]
    assert set(groups) == set(ListingStatus)
    assert [x.actions for x in groups[ListingStatus.DRAFT]][0] == ["edit", "submit", "withdraw"]
    assert groups[ListingStatus.EXPIRED][0].actions == ["renew", "close"]
    assert groups[ListingStatus.MATCHED][0].actions == []
    assert 'data-testid="group-draft"' in response.text


def test_my_listings_paginates_by_25_in_workflow_order(charlie_client, centre_val_de_loire):
    for _ in range(20):
        RequestFactory(organisation=centre_val_de_loire, status=ListingStatus.OPEN)
    for _ in range(10):
        RequestFactory(organisation=centre_val_de_loire, status=ListingStatus.DRAFT)
    first = charlie_client.get("/listings/mine/")
    assert list(first.context["groups"]) == [ListingStatus.DRAFT, ListingStatus.OPEN]
    assert len(first.context["groups"][ListingStatus.OPEN]) == 15
    assert "Page 1 of 2" in first.text
    second = charlie_client.get("/listings/mine/?page=2")
    assert list(second.context["groups"]) == [ListingStatus.OPEN]
    assert len(second.context["groups"][ListingStatus.OPEN]) == 5
    # Any other text, or a page beyond those kept, is rendered as the paginator says.
    assert "Page 1 of 2" in charlie_client.get("/listings/mine/?page=x").text
    assert "Page 2 of 2" in charlie_client.get("/listings/mine/?page=99").text


def test_my_listings_shows_a_change_at_once(
    charlie_client, charlie, centre_val_de_loire, boras, django_assert_max_num_queries
):
    listing = RequestFactory(organisation=centre_val_de_loire, title="Guidance exchange")
    RequestFactory(organisation=boras, title="Borås apprenticeships")
    assert "Guidance exchange" in charlie_client.get("/listings/mine/").text  # now kept
    with django_assert_max_num_queries(5):  # no listing read: the person and the nav
        assert "Guidance exchange" in charlie_client.get("/listings/mine/").text
    listing.title = "Guidance exchange, renamed"
    listing.save()
    assert "Guidance exchange, renamed" in charlie_client.get("/listings/mine/").text
    # An interest of an organisation that already exists: no figure changes.
    ExpressionOfInterestFactory(listing=listing, organisation=boras)
    assert "1 expression of interest" in charlie_client.get("/listings/mine/").text
    # Charlie joins Borås: its listings are theirs too.
    MembershipFactory(user=charlie, organisation=boras)
    assert "Borås apprenticeships" in charlie_client.get("/listings/mine/").text


def test_my_listings_kept_for_one_member_are_never_shown_to_another(
    client, alice, charlie, centre_val_de_loire
):
    RequestFactory(organisation=centre_val_de_loire, title="Orléans guidance visit")
    client.force_login(charlie)
    assert "Orléans guidance visit" in client.get("/listings/mine/").text
    client.force_login(alice)
    assert "Orléans guidance visit" not in client.get("/listings/mine/").text


def test_my_listings_kept_carry_each_visitors_own_csrf_token(charlie, centre_val_de_loire):
    listing = RequestFactory(organisation=centre_val_de_loire, status=ListingStatus.DRAFT)
    first = Client(enforce_csrf_checks=True)
    first.force_login(charlie)
    first.get("/listings/mine/")  # kept with a placeholder for the token
    second = Client(enforce_csrf_checks=True)
    second.force_login(charlie)
    page = second.get("/listings/mine/").text
    assert CSRF_PLACEHOLDER not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = second.post(f"/listings/{listing.reference}/submit/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED


def test_my_listings_needs_a_member_organisation(client, stranger):
    client.force_login(stranger)
    assert client.get("/listings/mine/").status_code == 403


def test_nav_shows_opportunities_to_everyone(client):
    assert 'href="/listings/"' in client.get("/").text


def test_member_home_links_to_my_listings(alice_client):
    assert 'href="/listings/mine/"' in alice_client.get("/my/").text


def test_listing_detail_asks_a_visitor_to_sign_in(client):
    listing = RequestFactory()
    response = client.get(listing.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={listing.get_absolute_url()}"


def test_listing_detail_of_an_unknown_reference_answers_404(alice_client):
    assert alice_client.get("/listings/REQ-000000/").status_code == 404


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/opportunities/", "/listings/"),
        ("/opportunities/REQ-A1B2C3/", "/listings/REQ-A1B2C3/"),
        ("/opportunities/mine/?page=2", "/listings/mine/?page=2"),
        ("/opportunities/link/abc:def/", "/listings/link/abc:def/"),
    ],
)
def test_old_opportunities_addresses_in_sent_emails_move_permanently(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_browse_shows_a_change_to_a_listing_at_once(alice_client, taxonomy):
    listing = RequestFactory(title="Guidance exchange", formats=[taxonomy["visit"]])
    assert "Guidance exchange" in alice_client.get("/listings/").text  # now kept rendered
    listing.title = "Guidance exchange, new dates"
    listing.save()
    listing.formats.set([taxonomy["shadowing"]])
    # The cards only: the filters beside them list every format.
    cards = alice_client.get("/listings/").text.split('data-testid="result-count"')[1]
    assert "Guidance exchange, new dates" in cards
    assert "Staff job shadowing" in cards and "Study visit" not in cards
    listing.organisation.name = "Renamed organisation"
    listing.organisation.save()
    assert "Renamed organisation" in alice_client.get("/listings/").text


def test_browse_results_kept_for_one_member_show_nothing_of_theirs_to_another(
    client, alice, charlie, secretariat, taxonomy
):
    RequestFactory(title="Guidance exchange")
    client.force_login(alice)
    client.get("/listings/?kind=request")
    client.force_login(charlie)
    page = client.get("/listings/?kind=request").text
    assert "Guidance exchange" in page
    assert "Charlie Chartier" in page and "Alice Andersson" not in page
    # The secretariat's export link is beside the results, never kept with them.
    assert "Export as CSV" not in page


def test_browse_keeps_the_form_that_saves_a_search_per_query(alice_client, taxonomy):
    RequestFactory(title="Guidance exchange")
    alice_client.get("/listings/?kind=request")
    alice_client.get("/listings/?kind=offer")
    page = alice_client.get("/listings/?kind=offer").text  # kept
    assert 'name="query" value="kind=offer"' in page
    assert "kind=request" not in page
    assert "Save this search" not in alice_client.get("/listings/").text


def test_browse_results_are_kept_per_language(client, alice, charlie, taxonomy):
    RequestFactory(title="Guidance exchange", language="sv")
    client.force_login(alice)
    assert "Written in Swedish" in client.get("/listings/").text
    charlie.language = "fr"
    charlie.save()
    client.force_login(charlie)
    cards = client.get("/listings/").text.split('data-testid="result-count"')[1]
    assert "Rédigé en suédois" in cards and "Written in" not in cards
