"""The README's story on the demo data, as Claire Chartier of the Centre-Val de
Loire Region, who asked for partners on gender equality in guidance: she signs
in (in French, her profile's language), finds what waits for her, the interest
in her next request, and walks from the Borås match to its exchange and case
study by the links on each page."""

import pytest
from playwright.sync_api import expect

from .demo_site import DEMO_PASSWORD
from .helpers import open_my_area_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CLAIRE = "claire.chartier@centre-valdeloire.example"
NEXT_REQUEST = "Three-way mobility for female VET learners in male-dominated trades"


def test_requester_follows_her_request_from_interest_to_case_study(page, screenshot, demo_site):
    sign_in(page, CLAIRE, DEMO_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    screenshot("my-area-in-french")
    page.get_by_role("button", name="Langue: FR").click()
    page.get_by_role("button", name="English").click()

    expect(page.get_by_role("heading", name="Welcome, Claire")).to_be_visible()
    expect(page.get_by_text("Interest received in 1 listing")).to_be_visible()
    screenshot("my-area")
    page.get_by_role("link", name=NEXT_REQUEST).click()
    expect(page.get_by_role("heading", name=NEXT_REQUEST)).to_be_visible()
    expect(page.locator("main")).to_contain_text("send participants abroad")
    screenshot("next-request")

    open_my_area_menu(page)
    page.get_by_role("link", name="My area", exact=True).click()
    page.get_by_test_id("my-matches-link").click()
    page.get_by_role("link", name="Partner sought: gender equality").click()
    for party in ("boras", "escola-del-treball", "centre-val-de-loire"):
        expect(page.get_by_test_id(f"party-{party}")).to_contain_text("Accepted")
    expect(page.get_by_test_id("party-boras")).to_contain_text("nicholas.waller@boras.example")
    screenshot("boras-match")
    page.get_by_test_id("next-steps").get_by_role("link").click()

    expect(page.get_by_test_id("status")).to_have_text("Completed")
    expect(page.locator("main")).to_contain_text("9 December 2024 – 14 December 2024")
    screenshot("exchange")
    page.get_by_role("link", name="Read the case study").click()
    expect(
        page.get_by_role("heading", name="Advancing Gender Equality in Education Exchange")
    ).to_be_visible()
    screenshot("case-study")
