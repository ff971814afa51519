"""The journey of the issue: Centre-Val de Loire submits a request, the secretariat
publishes it, Borås finds it by theme and says 'we are interested', and the
request shows that interest."""

import pytest
from playwright.sync_api import expect

from tests.factories import (
    FormatFactory,
    LanguageFactory,
    OfferFactory,
    TargetGroupFactory,
    ThemeFactory,
    UserFactory,
    in_days,
)

from .helpers import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Exchange on gender equality in guidance services"


@pytest.fixture
def vocabularies(db):
    ThemeFactory(name="Gender equality", slug="gender-equality")
    ThemeFactory(name="Green skills", slug="green-skills")
    FormatFactory(name="Study visit", slug="study-visit", min_days=2, max_days=10)
    TargetGroupFactory(name="Guidance staff", slug="guidance-staff")
    LanguageFactory(code="en", name="English")
    LanguageFactory(code="fr", name="French")


def test_listing_request_submitted_published_found_and_answered(
    page, screenshot, charlie, alice, vocabularies
):
    UserFactory(
        email="sara@earlall.example", full_name="Sara Secretariat", is_staff=True, is_superuser=True
    )
    OfferFactory(
        title="We host a week on green skills",
        themes=[ThemeFactory(name="Green skills", slug="green-skills")],
    )

    # Centre-Val de Loire submits its request.
    sign_in(page, "charlie@centre-valdeloire.example")
    page.get_by_role("navigation").get_by_role("link", name="Opportunities").click()
    page.get_by_role("link", name="New request").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Gender equality").check()
    page.get_by_label("Study visit").check()
    page.get_by_label("Guidance staff").check()
    page.get_by_label("We want to").select_option("send")
    page.get_by_label("Earliest start").fill(in_days(30).isoformat())
    page.get_by_label("Latest end").fill(in_days(60).isoformat())
    page.get_by_label("Duration in days").fill("6")
    page.get_by_label("Number of participants").fill("8")
    page.get_by_label("French", exact=True).check()
    page.get_by_label("Description").fill(
        "We look for a partner institution for an exchange on gender equality in "
        "education and guidance services."
    )
    screenshot("request-form")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Sent to the secretariat for review.")).to_be_visible()
    expect(page.get_by_test_id("listing-status")).to_have_text("Submitted for review")
    screenshot("request-submitted")
    sign_out(page)

    # The secretariat publishes it.
    sign_in(page, "sara@earlall.example")
    page.goto("/admin/listings/request/")
    page.get_by_role("row").filter(has_text=TITLE).get_by_role("link").first.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    screenshot("published-in-admin")
    page.goto("/")
    sign_out(page)

    # Borås finds it by theme and expresses interest.
    sign_in(page, "alice@boras.example")
    page.get_by_role("navigation").get_by_role("link", name="Opportunities").click()
    expect(page.get_by_test_id("listing-card")).to_have_count(2)
    page.get_by_label("Theme").select_option(label="Gender equality")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("listing-card")).to_have_count(1)
    screenshot("filtered-by-theme")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="We are interested").click()
    page.get_by_label("Role offered").select_option("host")
    page.get_by_label("What we bring").fill("A week-long programme with our VET schools.")
    page.get_by_label("Who would travel or host").fill("Our international coordinator.")
    page.get_by_label("When").fill("December")
    page.get_by_label("Message").fill("We would be glad to host you in Borås.")
    screenshot("interest-form")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("the secretariat has your expression of interest")).to_be_visible()
    expect(page.get_by_role("link", name="We are interested")).to_have_count(0)
    sign_out(page)

    # The request shows the interest to Centre-Val de Loire.
    sign_in(page, "charlie@centre-valdeloire.example")
    page.goto("/listings/mine/")
    expect(page.get_by_test_id("group-open")).to_contain_text("1 expression of interest")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_test_id("interest-count")).to_have_text("1")
    screenshot("request-shows-interest")
