"""The navigation bar fits in every interface language: from 1200 px (where it
stops collapsing) it keeps its entries on one line without overflowing, signed
in as a member with unread mail and as the secretariat; at 320 px it collapses
behind its toggler and no page scrolls sideways. Its two menus open from the
keyboard, and signing out needs no JavaScript."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.factories import (
    MatchPartyFactory,
    NotificationFactory,
    OfferFactory,
    ThemeFactory,
    exchange_between,
)

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]

FITS = """() => {
  const bar = document.querySelector('nav.site-navbar .container-xxl');
  const items = [...bar.querySelectorAll('.navbar-brand, .navbar-nav > li')]
    .filter(e => e.offsetParent)
    .map(e => e.getBoundingClientRect());
  const overlaps = items.some((a, i) => items.slice(i + 1).some(b =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1));
  return {
    bar: [bar.scrollWidth, bar.clientWidth],
    rows: new Set(items.map(r => Math.round(r.top + r.height / 2))).size,
    overlaps: overlaps,
    page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
  };
}"""
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def choose_language(page, code):
    page.locator("#language-menu").click()
    page.locator(f"#main-nav button[name=language][value={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def assert_bar_fits(page, code):
    for width in (1200, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        expect(page.locator(".navbar-toggler")).to_be_hidden()
        found = page.evaluate(FITS)
        where = f"{code} at {width} px: {found}"
        assert found["bar"][0] <= found["bar"][1], where
        assert found["rows"] == 1 and not found["overlaps"], where
        assert found["page"][0] <= found["page"][1], where


def assert_no_sideways_scroll_at_320(page, code):
    page.set_viewport_size({"width": 320, "height": 640})
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    width, window = page.evaluate(PAGE_WIDTH)
    assert width <= window, f"{code} at 320 px: {width} > {window}"
    toggler.click()
    expect(page.locator("#main-nav")).to_have_class("navbar-collapse collapse show")
    width, window = page.evaluate(PAGE_WIDTH)
    assert width <= window, f"{code} at 320 px, menu open: {width} > {window}"


def walk_languages(page, screenshot):
    page.goto("/listings/")
    for code in LANGUAGES:
        page.set_viewport_size({"width": 1280, "height": 800})
        choose_language(page, code)
        assert_bar_fits(page, code)
        if code in ("en", "fr"):
            screenshot(f"{code}-1200")
        assert_no_sideways_scroll_at_320(page, code)
    choose_language(page, "en")


def test_the_bar_fits_every_language_for_a_member_with_unread_mail(page, screenshot, alice):
    # A two-digit count: the widest the inbox entry gets in practice.
    NotificationFactory.create_batch(12, recipient=alice)
    sign_in(page, "alice@boras.example")
    expect(page.get_by_test_id("unread-count")).to_have_text("12 unread")
    walk_languages(page, screenshot)


def test_the_bar_fits_every_language_for_the_secretariat(page, screenshot, secretariat):
    sign_in(page, secretariat.email)
    walk_languages(page, screenshot)


def test_the_menus_open_and_act_from_the_keyboard(page, screenshot, alice):
    sign_in(page, "alice@boras.example")
    page.goto("/listings/")
    page.set_viewport_size({"width": 1280, "height": 800})
    my_area = page.get_by_role("button", name="My area")
    my_area.focus()
    page.keyboard.press("Enter")
    expect(my_area).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("link", name="My area", exact=True)).to_be_focused()
    page.keyboard.press("Escape")
    expect(my_area).to_have_attribute("aria-expanded", "false")
    expect(my_area).to_be_focused()

    language = page.get_by_role("button", name="Language: EN")
    language.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    # Moving through the languages changes nothing; the chosen one applies on Enter.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="français")).to_be_focused()
    screenshot("language-menu")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Langue: FR")).to_be_visible()


def test_a_member_changes_language_and_signs_out_with_javascript_off(
    browser, live_server, page, alice
):
    # With scripts the bar shows the menu, not its plain fallback (axe checks this page).
    sign_in(page, "alice@boras.example")
    expect(page.get_by_role("button", name="My area")).to_be_visible()
    for fallback in page.locator("#main-nav .no-script-only").all():
        expect(fallback).to_be_hidden()

    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    no_script = context.new_page()
    no_script.set_default_timeout(10_000)
    sign_in(no_script, "alice@boras.example")
    no_script.goto("/listings/")
    bar = no_script.get_by_role("navigation", name="Main navigation")
    expect(bar.get_by_role("button", name="My area")).to_be_hidden()
    expect(bar.get_by_role("link", name="My area")).to_be_visible()
    # The languages show as buttons in the bar, and choosing one applies it.
    with no_script.expect_navigation():
        bar.get_by_role("button", name="Français").click()
    expect(no_script.locator("html")).to_have_attribute("lang", "fr")
    with no_script.expect_navigation():
        # (The bar's own name is French now.)
        no_script.get_by_role("button", name="English").click()
    expect(no_script.locator("html")).to_have_attribute("lang", "en")
    with no_script.expect_navigation():
        bar.get_by_role("button", name="Sign out").click()
    expect(bar.get_by_role("link", name="Sign in")).to_be_visible()
    no_script.goto("/my/")
    expect(no_script).to_have_url(re.compile(r"/accounts/login/"))
    context.close()


# Public and member pages with what makes a page wide: long theme names in
# badges, tables (matches, colleagues), long organisation names.
PAGES_AT_320 = [
    "/",
    "/case-studies/",
    "/members/",
    "/members/organisations/boras/",
    "/listings/",
    "/listings/mine/",
    "/my/",
    "/matches/",
    "/members/my-organisation/",
    "/exchanges/",
    "/inbox/",
]


def test_no_page_scrolls_sideways_at_320_px(page, screenshot, alice, bob, charlie):
    long_theme = ThemeFactory(name="Inclusion and participants with fewer opportunities")
    boras = alice.memberships.get().organisation
    boras.themes.set([long_theme])
    OfferFactory(organisation=boras, themes=[long_theme])
    MatchPartyFactory(organisation=boras)
    exchange_between(
        host=boras,
        sender=charlie.memberships.get().organisation,
        themes=[long_theme],
        status="completed",
    )
    sign_in(page, "alice@boras.example")
    page.set_viewport_size({"width": 320, "height": 640})
    for url in PAGES_AT_320:
        page.goto(url)
        width, window = page.evaluate(PAGE_WIDTH)
        assert width <= window, f"{url} at 320 px: {width} > {window}"
    screenshot("exchanges-320")
