"""A member of a completed exchange drafts its case study, the secretariat
publishes it, and visitors find it under its theme and in the feed."""

import pytest
from playwright.sync_api import expect

from tests.factories import TargetGroupFactory, exchange_between

from .helpers import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def exchange(boras, centre_val_de_loire):
    TargetGroupFactory(name="Guidance staff", position=1)
    TargetGroupFactory(name="VET learners", position=2)
    return exchange_between(host=boras, sender=centre_val_de_loire)


def test_member_drafts_secretariat_publishes_visitor_finds_it(
    page, screenshot, alice, secretariat, exchange
):
    # Alice reports the exchange Borås hosted: it is completed and a draft starts.
    sign_in(page, "alice@boras.example")
    page.get_by_role("link", name="Report an exchange").click()
    page.get_by_role("link", name=exchange.title).click()
    page.get_by_role("link", name="Report the figures and outcomes").click()
    page.get_by_label("Guidance staff").fill("6")
    page.get_by_label("VET learners").fill("2")
    page.get_by_label("Participants in total").fill("8")
    page.get_by_label("of whom staff").fill("6")
    page.get_by_label("of whom learners").fill("2")
    page.get_by_label("of whom with fewer opportunities").fill("1")
    page.get_by_label("Outcomes").fill("A three-way mobility project for female learners.")
    screenshot("report-figures")
    page.get_by_role("button", name="Report and complete the exchange").click()
    expect(
        page.get_by_text("the exchange is completed and its case study is started")
    ).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Completed")

    page.get_by_role("link", name="Edit the case-study draft").click()
    expect(page.get_by_label("The exchange")).to_contain_text(
        "Centre-Val de Loire Region - Service Orientation submitted a request"
    )
    page.get_by_label("Next steps").fill("A three-way international mobility project.")
    page.locator("#id_lessons-0-audience").select_option("host")
    page.locator("#id_lessons-0-text").fill("Hosting fosters positive energy and engagement")
    page.locator("#id_lessons-1-audience").select_option("participants")
    page.locator("#id_lessons-1-text").fill("School leadership is crucial for gender inclusion.")
    page.locator("#id_testimonials-0-quote").fill(
        "My biggest aha moment was realizing how efficiently hosting spreads knowledge."
    )
    page.locator("#id_testimonials-0-person_name").fill("Nicholas Waller")
    page.locator("#id_testimonials-0-person_role").fill("International Coordinator")
    screenshot("draft-case-study")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    page.get_by_role("link", name="Preview the page").click()
    expect(page.get_by_role("heading", name="Lessons learnt")).to_be_visible()
    screenshot("draft-preview")
    sign_out(page)

    # The secretariat publishes it with the admin action.
    sign_in(page, "staff@earlall.example")
    page.goto("/admin/casestudies/casestudy/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 case study(ies) published.")).to_be_visible()
    screenshot("published-in-admin")
    page.goto("/")
    sign_out(page)

    # A visitor finds it under its theme, reads it, and it is in the feed.
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Case studies").click()
    page.get_by_label("Theme").select_option(label="Gender equality")
    page.get_by_role("button", name="Filter").click()
    card = page.get_by_test_id("case-study-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(exchange.title)
    screenshot("list-filtered-by-theme")
    card.get_by_role("link", name=exchange.title).click()
    expect(page.get_by_role("heading", name="What do the participants say?")).to_be_visible()
    expect(page.get_by_text("Nicholas Waller")).to_be_visible()
    screenshot("published-case-study")

    page.get_by_role("link", name="Printable version (save as PDF)").click()
    # The button opens the print dialogue (counted: headless Chromium shows none).
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print or save as PDF").click()
    assert page.evaluate("() => window.printed") == 1
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    expect(page.get_by_role("heading", name="Lessons learnt")).to_be_visible()
    screenshot("printable")

    feed = page.request.get("/case-studies/feed/")
    assert feed.ok
    assert exchange.title in feed.text()
