"""The README's story on the demo data, as the secretariat: it signs in with its
second factor and lands on its desk, approves an applicant and publishes a
submitted offer from the desk's piles, finds partners for the Centre-Val de
Loire's three-way request (Borås and Escola del Treball, who said they were
interested, come first), previews the e-mails, confirms, and once everyone
accepted creates the exchange."""

import pytest
from playwright.sync_api import expect

from listings.models import Listing
from matchmaking.models import Answer, Match
from matchmaking.services import match_answer
from members.models import User

from .demo_site import DEMO_PASSWORD
from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

BORAS = "Working Life Department of the municipality of Borås"
ESCOLA = "Institut Escola del Treball"
NEXT_REQUEST = "Three-way mobility for female VET learners in male-dominated trades"


def test_secretariat_curates_the_boras_partners_next_step(page, screenshot, demo_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, "secretariat@earlall.eu", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="What waits for the secretariat")).to_be_visible()
    expect(page.get_by_test_id("pile-applications")).to_have_attribute("data-count", "3")
    screenshot("desk")

    applications = page.get_by_test_id("pile-applications")
    applications.get_by_role("link", name="Volkshochschule Am Rheinbogen").click()
    page.get_by_role("button", name="Approve the application").click()
    expect(page.locator(".messagelist")).to_contain_text("Volkshochschule Am Rheinbogen is now a")
    page.get_by_role("link", name="Home").click()
    expect(page.get_by_test_id("pile-applications")).to_have_attribute("data-count", "2")

    offers = page.get_by_test_id("pile-offers")
    offers.get_by_role("link", name="Virtual exchange for e-commerce").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    screenshot("offer-published")

    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Requests", exact=True).click()
    page.get_by_role("row", name=NEXT_REQUEST).get_by_role("link", name="Find partners").click()
    # Their offers for this step, whose organisations said they were interested, lead.
    offers = [
        Listing.objects.get(external_ref=ref).reference
        for ref in ("demo-off-boras-female-learners", "demo-off-escola-dones-oficis")
    ]
    rows = page.locator("#candidates tbody tr")
    first_two = [rows.nth(0).get_attribute("data-testid"), rows.nth(1).get_attribute("data-testid")]
    assert sorted(first_two) == sorted(f"candidate-{ref}" for ref in offers), first_two
    for ref in offers:
        page.get_by_test_id(f"candidate-{ref}").get_by_role("checkbox").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("2")
    page.get_by_label("Message to the parties").fill(
        "Borås hosts the female VET learners in spring 2027; Escola del Treball sends a group too."
    )
    screenshot("curation")
    page.get_by_role("button", name="Preview the e-mails").click()
    expect(page.get_by_test_id("previews").locator("details")).to_have_count(3)
    screenshot("preview")
    page.get_by_role("button", name="Confirm and send").click()
    expect(page.get_by_text("Match confirmed; the parties are notified.")).to_be_visible()
    screenshot("match-confirmed")

    # The three partners accept in their member areas (test_story_partner.py).
    match = Match.objects.get(request__title=NEXT_REQUEST)
    for party in match.parties.select_related("organisation"):
        who = User.objects.filter(memberships__organisation=party.organisation).first()
        match_answer(party=party, answer=Answer.ACCEPTED, by=who)
    page.reload()
    page.get_by_role("button", name="Create the exchange").click()
    expect(page.locator(".messagelist")).to_contain_text("created.")
    expect(page.locator("#parties-group")).to_contain_text(ESCOLA)
    expect(page.locator("#parties-group")).to_contain_text(BORAS)
    screenshot("exchange-created")
