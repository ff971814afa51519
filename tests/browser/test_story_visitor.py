"""The README's story on the demo data, as a visitor: from the home page to the
Borås case study, the member directory, the opportunities teaser and the
application form, by the links a person would follow."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

BORAS_CASE = "Advancing Gender Equality in Education Exchange"


def test_visitor_reads_the_boras_case_study_and_finds_how_to_join(page, screenshot, demo_site):
    page.goto("/")
    expect(page.get_by_role("heading", name="Mobility Matchmaking Tool")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main navigation")
    nav.get_by_role("link", name="Case studies").click()

    expect(page.get_by_test_id("case-study-card")).to_have_count(3)
    screenshot("case-studies")
    page.get_by_role("link", name=BORAS_CASE).click()

    expect(page.get_by_role("heading", name=BORAS_CASE, level=1)).to_be_visible()
    receiving = page.locator("[data-section=receiving]")
    expect(receiving).to_contain_text("Borås")
    sending = page.locator("[data-section=sending]")
    expect(sending).to_contain_text("Centre-Val de Loire")
    expect(sending).to_contain_text("Escola del Treball")
    expect(page.locator("[data-section=duration]")).to_contain_text(
        "From 9 December 2024 to 14 December 2024"
    )
    expect(page.locator("[data-section=lessons-host] li").first).to_be_visible()
    testimonials = page.locator("[data-section=testimonials]")
    expect(testimonials).to_contain_text("What do the participants say?")
    screenshot("boras-case-study")
    # The case study names each organisation once, and reads as prose.
    text = page.locator("main").inner_text()
    assert "Borås Stad (Sweden), Working Life Department, Borås Stad" not in text
    assert "\n- " not in text

    nav.get_by_role("link", name="Member directory").click()
    expect(page.get_by_test_id("directory-count")).to_have_text("29 organisations")
    page.get_by_label("Country").select_option(label="Sweden")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("directory")).to_contain_text("Borås")
    screenshot("directory")

    nav.get_by_role("link", name="Opportunities").click()
    expect(page.get_by_role("heading", name="Opportunities for mobility")).to_be_visible()
    expect(page.get_by_test_id("teaser-themes")).to_contain_text("Gender equality")
    expect(page.get_by_test_id("teaser-countries")).to_contain_text("Sweden")
    screenshot("teaser")
    page.get_by_role("link", name="Join the partnership").click()

    expect(page.get_by_label("Your email address")).to_be_visible()
    expect(page.get_by_role("button", name="Send the application")).to_be_visible()
    screenshot("join-form")
