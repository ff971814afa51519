"""The README's story on the demo data, as Nicholas Waller of Borås, the host:
he signs in (in Swedish, his profile's language), opens the seeded Borås match
and sees why Borås was proposed, then answers the secretariat's new three-way
proposal from his to-do list and is told truthfully who still has to answer."""

import pytest
from playwright.sync_api import expect

from listings.models import Listing
from matchmaking.services import match_confirm
from members.models import User

from .demo_site import DEMO_PASSWORD
from .helpers import open_my_area_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NICHOLAS = "nicholas.waller@boras.example"
NEXT_REQUEST = "Three-way mobility for female VET learners in male-dominated trades"


def three_way_match_confirmed():
    """What the secretariat does in test_story_secretariat.py."""
    listings = Listing.objects.in_bulk(
        [
            "demo-req-cvl-three-way-female-learners",
            "demo-off-boras-female-learners",
            "demo-off-escola-dones-oficis",
        ],
        field_name="external_ref",
    )
    return match_confirm(
        request=listings["demo-req-cvl-three-way-female-learners"],
        partners=[
            listings["demo-off-boras-female-learners"],
            listings["demo-off-escola-dones-oficis"],
        ],
        by=User.objects.get(email="secretariat@earlall.eu"),
        message="Borås hosts the female VET learners in spring 2027; Escola sends a group too.",
    )


def test_host_reads_the_boras_match_and_accepts_the_next_one(page, screenshot, demo_site):
    three_way_match_confirmed()
    sign_in(page, NICHOLAS, DEMO_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.locator("#language-menu").click()  # "Språk: SV"
    page.get_by_role("button", name="English").click()

    expect(page.get_by_role("heading", name="Welcome, Nicholas")).to_be_visible()
    expect(page.get_by_test_id("unread-count")).to_be_visible()
    expect(page.get_by_text("1 match waits for your answer")).to_be_visible()
    screenshot("my-area")

    # The seeded Borås match: why Borås was proposed, in his words.
    page.get_by_role("link", name="All my matches").click()
    page.get_by_role("link", name="Partner sought: gender equality").click()
    expect(page.get_by_test_id("party-boras")).to_contain_text("Accepted")
    expect(page.get_by_test_id("party-centre-val-de-loire")).to_contain_text(
        "claire.chartier@centre-valdeloire.example"
    )
    screenshot("boras-match")

    open_my_area_menu(page)
    page.get_by_role("link", name="My area", exact=True).click()
    page.get_by_role("link", name=NEXT_REQUEST).click()
    expect(page.get_by_test_id("match-status")).to_have_text("Confirmed, waiting for answers")
    expect(page.locator("main")).to_contain_text("Escola sends a group too.")
    screenshot("three-way-match")
    page.get_by_role("button", name="Accept the match").click()
    expect(
        page.get_by_text("You accepted the match. 2 partners have still to answer")
    ).to_be_visible()
    expect(page.get_by_test_id("party-boras")).to_contain_text("Accepted")
    screenshot("accepted")
