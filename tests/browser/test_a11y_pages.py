"""The public and member pages in French on a 320 px wide screen: nothing scrolls
sideways (WCAG 1.4.10 reflow), and axe-core finds no violation on any of them
(checked on every page by tests.browser.axe, which opens them again in English)."""

import pytest
from playwright.sync_api import expect

from tests.factories import PublishedCaseStudyFactory, RequestFactory

from .helpers import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/listings/",
    "/members/",
    "/members/join/",
    "/case-studies/",
    "/events/",
    "/privacy/",
    "/accounts/login/",
]
MEMBER_PAGES = [
    "/my/",
    "/listings/",
    "/listings/new/request/",
    "/listings/mine/",
    "/listings/searches/",
    "/matches/",
    "/exchanges/mine/",
    "/members/my-organisation/",
    "/members/account/",
    "/inbox/",
    "/inbox/preferences/",
    "/monitoring/",
]


def overflow(page) -> int:
    """How many pixels the page is wider than the window."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


# The innermost elements that reach past the window's right edge, to say what to fix.
TOO_WIDE = """() => [...document.body.querySelectorAll("*")]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter((el) => ![...el.children].some((c) =>
    c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))"""


def visit_all(page, paths: list[str]) -> dict[str, tuple[int, list[str]]]:
    wide = {}
    for path in paths:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        if overflow(page) > 0:
            wide[path] = (overflow(page), page.evaluate(TOO_WIDE))
    return wide


def test_pages_in_french_reflow_at_320_px(browser, live_server, alice, boras, centre_val_de_loire):
    alice.language = "fr"
    alice.save(update_fields=["language"])
    italian = RequestFactory(
        organisation=centre_val_de_loire,
        title="Visita di studio sull'apprendimento duale",
        description="Cerchiamo un partner per una visita di studio sull'apprendimento duale.",
        language="it",
    )
    case_study = PublishedCaseStudyFactory(title="Égalité dans l'orientation")
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)

    wide = visit_all(page, [*PUBLIC_PAGES, case_study.get_absolute_url()])
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(alice.email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    wide |= visit_all(page, [*MEMBER_PAGES, italian.get_absolute_url()])
    expect(page.get_by_test_id("listing-language")).to_contain_text("Rédigé en italien")
    context.close()

    assert wide == {}, f"pages wider than 320 px (path: extra pixels, elements): {wide}"
