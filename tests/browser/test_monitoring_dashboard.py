"""The secretariat follows the partnership's figures; a coordinator sees their own."""

import datetime

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from exchanges.models import ExchangeRole, ExchangeStatus
from tests.factories import (
    ExchangeFactory,
    ExchangeOrganisationFactory,
    ExchangeParticipantsFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
    TargetGroupFactory,
    ThemeFactory,
)

from .helpers import open_my_area_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _exchange(month, host, sending, people, fewer, status=ExchangeStatus.COMPLETED):
    exchange = ExchangeFactory(
        title=f"Exchange in month {month}",
        status=status,
        start_date=datetime.date(2025, month, 3),
        end_date=datetime.date(2025, month, 8),
        participants_total=people,
        fewer_opportunities=fewer,
    )
    ExchangeOrganisationFactory(exchange=exchange, organisation=host, role=ExchangeRole.HOST)
    ExchangeOrganisationFactory(exchange=exchange, organisation=sending, role=ExchangeRole.SENDING)
    ExchangeParticipantsFactory(
        exchange=exchange, target_group=TargetGroupFactory(name="VET learners"), count=people
    )
    return exchange


@pytest.fixture
def figures(boras, centre_val_de_loire):
    cache.clear()  # the home page's summary is cached
    valencia = OrganisationFactory(name="Valencia VET Centre", country="ES")
    _exchange(2, boras, centre_val_de_loire, 8, 2)
    _exchange(4, valencia, boras, 12, 3)
    _exchange(4, boras, valencia, 6, 1)
    _exchange(9, centre_val_de_loire, boras, 10, 0, status=ExchangeStatus.PLANNED)
    gender, green = ThemeFactory(name="Gender equality"), ThemeFactory(name="Green skills")
    for _ in range(3):
        RequestFactory(organisation=boras, themes=[gender])
    RequestFactory(organisation=valencia, themes=[green])
    OfferFactory(organisation=centre_val_de_loire, themes=[gender])
    OfferFactory(organisation=valencia, themes=[green])


def test_secretariat_follows_the_figures_with_charts_and_tables(
    page, screenshot, secretariat, figures
):
    sign_in(page, "staff@earlall.example")  # lands on the secretariat's desk
    page.get_by_role("navigation", name="Figures").get_by_role("link", name="Monitoring").click()
    expect(page.get_by_role("heading", name="Monitoring", exact=True)).to_be_visible()
    # 8 + 12 + 6 participants in completed exchanges; 6 of them with fewer opportunities.
    expect(page.get_by_test_id("figure-participants")).to_have_text("26")
    expect(page.get_by_test_id("figure-exchanges-completed")).to_have_text("3")
    expect(page.get_by_test_id("fewer-opportunities-share")).to_contain_text("23.1% (6 of 26)")
    expect(page.get_by_role("img", name="Bar chart of exchanges by month")).to_have_attribute(
        "data-drawn", "true"
    )
    expect(page.get_by_role("img", name="Bar chart of themes requested")).to_have_attribute(
        "data-drawn", "true"
    )
    themes = page.get_by_test_id("table-themes")
    expect(themes.get_by_role("row").nth(1)).to_contain_text("Gender equality")
    screenshot("dashboard")

    page.get_by_label("Country").select_option(label="Spain")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("figure-participants")).to_have_text("18")
    screenshot("filtered-spain")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download all figures (XLSX)").click()
    assert download.value.suggested_filename == "monitoring.xlsx"


def test_coordinator_sees_only_their_organisations_figures(page, screenshot, alice, figures):
    sign_in(page, "alice@boras.example")
    open_my_area_menu(page)
    page.get_by_role("navigation").get_by_role("link", name="Monitoring").click()
    expect(page.get_by_text("Figures of Working Life Department")).to_be_visible()
    expect(page.get_by_test_id("figure-exchanges-planned")).to_have_text("1")
    screenshot("coordinator")


def test_visitor_sees_the_public_summary_on_the_home_page(page, screenshot, figures):
    page.goto("/")
    summary = page.get_by_test_id("public-summary")
    expect(summary).to_contain_text("The partnership in figures")
    expect(summary).to_contain_text("26")
    expect(page.get_by_role("navigation").get_by_role("link", name="Monitoring")).to_have_count(0)
    screenshot("home")
