"""The secretariat matches Centre-Val de Loire with Borås and Escola del Treball,
the parties accept in their member area, and the secretariat creates the exchange."""

import pytest
from playwright.sync_api import expect

from members.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.matchmaking.cases import build_boras_case

from .conftest import SCREENSHOTS
from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def answer_as(browser, live_server, email, screenshot_name, screenshot_page):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, email)
    page.get_by_test_id("my-matches-link").click()
    expect(page.get_by_role("heading", name="My matches")).to_be_visible()
    page.get_by_role("link", name="Gender equality in education and guidance services").click()
    expect(page.get_by_text("both work on Gender equality").first).to_be_visible()
    if screenshot_name:
        screenshot_page(page, screenshot_name)
    page.get_by_role("button", name="Accept the match").click()
    # The last one reads that everyone accepted, the others who has still to answer.
    expect(page.get_by_text("You accepted").first).to_be_visible()
    context.close()


def test_secretariat_matches_boras_and_escola_parties_accept_exchange_created(
    page, screenshot, browser, live_server, boras, centre_val_de_loire, alice, charlie, secretariat
):
    case = build_boras_case(boras, centre_val_de_loire)
    albert = UserFactory(email="albert@escola.example", full_name="Albert Peiró Mateu")
    MembershipFactory(user=albert, organisation=case.escola, role=Role.COORDINATOR)

    # The secretariat opens the request in the admin and finds partners.
    sign_in(page, secretariat.email, next_url="/admin/")
    page.goto("/admin/listings/request/")
    page.get_by_role("row", name=case.request.reference).get_by_role(
        "link", name="Find partners"
    ).click()
    rows = page.locator("#candidates tbody tr")
    top3 = " ".join(rows.nth(i).inner_text() for i in range(3))
    assert "Working Life Department of the municipality of Borås" in top3
    assert "Institut Escola del Treball" in top3
    expect(page.get_by_test_id(f"candidate-{case.boras_offer.reference}")).to_contain_text(
        "can host 12; Centre-Val de Loire Region - Service Orientation brings 8"
    )
    screenshot("find-partners")

    page.get_by_label("Choose Working Life Department of the municipality of Borås").check()
    page.get_by_label("Choose Institut Escola del Treball").check()
    page.get_by_label("Message to the parties").fill("Borås hosts in December; Escola joins.")
    page.get_by_role("button", name="Confirm the match").click()
    expect(page.get_by_text("Match confirmed; the parties are notified.")).to_be_visible()
    screenshot("match-confirmed")

    # Each party accepts in its member area, in a browser of its own.
    def shot(other_page, name):
        path = SCREENSHOTS / f"test_secretariat_matches_boras_and_escola-{name}.png"
        other_page.screenshot(path=str(path), full_page=True)

    answer_as(browser, live_server, alice.email, "boras-member-area", shot)
    answer_as(browser, live_server, albert.email, None, shot)
    answer_as(browser, live_server, charlie.email, None, shot)

    # The match is accepted: the secretariat creates the exchange.
    page.reload()
    expect(page.locator(".field-status")).to_contain_text("Accepted by all parties")
    page.get_by_role("button", name="Create the exchange").click()
    expect(
        page.get_by_text("Exchange “Gender equality in education and guidance services” created.")
    ).to_be_visible()
    screenshot("exchange-created")
    expect(page.locator("#parties-group")).to_contain_text("Institut Escola del Treball")
