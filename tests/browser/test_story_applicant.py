"""The README's story on the demo data, as a new organisation: a VET school of
Tampere reads the Borås case study, applies to join from the opportunities
page, is thanked, gets an acknowledgement e-mail, and is not yet in the
directory nor able to sign in (the secretariat approves it first)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Vocational School of Tampere"


def test_new_organisation_applies_after_reading_the_case_study(
    page, screenshot, demo_site, mailoutbox
):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main navigation")
    nav.get_by_role("link", name="Case studies").click()
    page.get_by_role("link", name="Advancing Gender Equality in Education Exchange").click()
    nav.get_by_role("link", name="Opportunities").click()
    page.get_by_role("link", name="Join the partnership").click()

    page.locator("#id_name").fill(NAME)
    page.get_by_label("Kind").select_option(label="VET provider")
    page.get_by_label("Country").select_option(label="Finland")
    page.get_by_label("Region (NUTS code)").fill("FI197")
    page.get_by_label("City").fill("Tampere")
    page.get_by_label("Gender equality").check()
    page.get_by_label("Finnish").check()
    page.get_by_label("Your name").fill("Tuula Toivonen")
    page.get_by_label("Your email address").fill("tuula@tampere.example")
    page.get_by_label("Your role in the organisation").fill("International coordinator")
    page.get_by_label("I have read the privacy notice").check()
    screenshot("application")
    page.get_by_role("button", name="Send the application").click()

    expect(
        page.get_by_role("heading", name="Thank you: your application is received")
    ).to_be_visible()
    screenshot("received")
    acknowledgements = [m for m in mailoutbox if m.to == ["tuula@tampere.example"]]
    assert len(acknowledgements) == 1
    assert NAME in acknowledgements[0].body

    nav.get_by_role("link", name="Member directory").click()
    page.get_by_label("Country").select_option(label="Finland")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("directory")).not_to_contain_text(NAME)

    nav.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill("tuula@tampere.example")
    page.get_by_label("Password").fill("anything-she-guesses")
    page.get_by_role("button", name="Sign in").click()
    expect(
        page.get_by_text("Please enter a correct email address and password").first
    ).to_be_visible()
    screenshot("not-yet")
