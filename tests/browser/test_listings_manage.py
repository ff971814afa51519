"""A visitor meets the teaser; a member saves a search and withdraws a listing."""

import pytest
from playwright.sync_api import expect

from listings.models import Listing, ListingStatus, SavedSearch
from tests.factories import OfferFactory, OrganisationFactory, RequestFactory, ThemeFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_sees_the_teaser_and_is_asked_to_sign_in(page, screenshot, alice):
    gender = ThemeFactory(name="Gender equality", slug="gender-equality")
    RequestFactory(themes=[gender], organisation=OrganisationFactory(country="FR"))
    OfferFactory(themes=[gender], organisation=OrganisationFactory(country="SE"))
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Opportunities").click()
    expect(page.get_by_text("2 requests and offers are open")).to_be_visible()
    expect(page.get_by_test_id("teaser-themes")).to_contain_text("Gender equality")
    expect(page.get_by_test_id("listing-card")).to_have_count(0)
    screenshot("teaser")
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill("alice@boras.example")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Open requests and offers")).to_be_visible()
    expect(page.get_by_test_id("listing-card")).to_have_count(2)


def test_member_saves_a_search_and_withdraws_a_listing(page, screenshot, alice, boras):
    ThemeFactory(name="Gender equality", slug="gender-equality")
    ours = RequestFactory(organisation=boras, title="Our request on guidance")
    sign_in(page, "alice@boras.example")
    page.goto("/listings/")
    page.get_by_label("Theme").select_option(label="Gender equality")
    page.get_by_role("button", name="Filter").click()
    page.get_by_label("Name").fill("Gender equality partners")
    page.get_by_label("Email me when a new listing fits").check()
    page.get_by_role("button", name="Save search").click()
    expect(page.get_by_text("Search saved.")).to_be_visible()
    expect(page.get_by_test_id("saved-searches")).to_contain_text("Gender equality partners")
    screenshot("saved-searches")
    assert SavedSearch.objects.get().notify is True

    page.goto("/my/")
    page.get_by_role("link", name="My listings").click()
    group = page.get_by_test_id("group-open")
    expect(group).to_contain_text("Our request on guidance")
    screenshot("my-listings")
    group.get_by_role("link", name="Withdraw").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("cannot be opened again")
    screenshot("withdraw-asks-first")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_text("Withdrawn.")).to_be_visible()
    assert Listing.objects.get(pk=ours.pk).status == ListingStatus.WITHDRAWN
    page.goto("/listings/mine/")
    expect(page.get_by_test_id("group-withdrawn")).to_contain_text("Our request on guidance")
