"""The secretariat's day from its desk, at 1280 px: it signs in and lands on what
waits, approves an applicant, publishes a submitted offer, curates the Borås
three-way request with a preview of every e-mail, confirms, and creates the
exchange once everyone accepted. No page scrolls sideways."""

import pytest
from playwright.sync_api import expect

from listings.models import ListingStatus
from matchmaking.models import Answer, Match
from matchmaking.services import match_answer
from members.models import MembershipStatus, Role
from notifications.models import NotificationState
from tests.factories import (
    CaseStudyFactory,
    MatchFactory,
    MatchPartyFactory,
    MembershipFactory,
    NotificationFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
    ThemeFactory,
    UserFactory,
)
from tests.matchmaking.cases import build_boras_case

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 1280
BORAS = "Working Life Department of the municipality of Borås"
ESCOLA = "Institut Escola del Treball"


def no_sideways_scroll(page):
    """Neither the page nor the list in it is wider than the window."""
    widths = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            window: document.documentElement.clientWidth,
            lists: [...document.querySelectorAll('#result_list, #candidates')].map(
                t => [t.scrollWidth, t.parentElement.clientWidth]),
        })"""
    )
    assert widths["window"] == WIDTH
    assert widths["page"] <= widths["window"], widths
    for table, box in widths["lists"]:
        assert table <= box, widths


def in_view(page, locator):
    box = locator.bounding_box()
    viewport = page.viewport_size
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box


@pytest.fixture
def desk_world(boras, centre_val_de_loire, alice, charlie):
    case = build_boras_case(boras, centre_val_de_loire)
    albert = UserFactory(email="albert@escola.example", full_name="Albert Peiró Mateu")
    MembershipFactory(user=albert, organisation=case.escola, role=Role.COORDINATOR)
    applicant = OrganisationFactory(
        name="Vocational School of Tampere", country="FI", status=MembershipStatus.APPLICANT
    )
    tuula = UserFactory(email="tuula@tampere.example", full_name="Tuula", is_active=False)
    MembershipFactory(user=tuula, organisation=applicant, role=Role.COORDINATOR)
    offer = OfferFactory(
        organisation=OrganisationFactory(name="Kompetenscentrum Norrbotten", country="SE"),
        title="Job shadowing for adult educators in Luleå",
        status=ListingStatus.SUBMITTED,
        themes=[ThemeFactory(name="Adult basic skills")],
    )
    return case, applicant, offer


def test_secretariat_works_through_its_desk(page, screenshot, secretariat, desk_world):
    case, applicant, offer = desk_world
    page.set_viewport_size({"width": WIDTH, "height": 800})

    # Signing in leads to the desk, not to an empty member area.
    sign_in(page, secretariat.email)
    expect(page.get_by_role("heading", name="What waits for the secretariat")).to_be_visible()
    expect(page.get_by_test_id("pile-applications")).to_have_attribute("data-count", "1")
    expect(page.get_by_test_id("pile-offers")).to_have_attribute("data-count", "1")
    no_sideways_scroll(page)
    screenshot("desk")

    # An applicant, approved from its own page.
    page.get_by_test_id("pile-applications").get_by_role("link", name=applicant.name).click()
    page.get_by_role("button", name="Approve the application").click()
    expect(page.locator(".messagelist")).to_contain_text("Vocational School of Tampere is now a")
    no_sideways_scroll(page)
    screenshot("applicant-approved")

    # A submitted offer, published from its own page.
    page.get_by_role("link", name="Home").click()
    expect(page.get_by_test_id("pile-applications")).to_have_attribute("data-count", "0")
    page.get_by_test_id("pile-offers").get_by_role("link", name=offer.reference).click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    screenshot("offer-published")

    # The requests fit the screen, "Find partners" in sight.
    page.goto("/admin/listings/request/")
    no_sideways_scroll(page)
    find = page.get_by_role("row", name=case.request.reference).get_by_role(
        "link", name="Find partners"
    )
    in_view(page, find)
    screenshot("requests")
    find.click()

    # Curation: the interested partners first, chosen, previewed, confirmed.
    rows = page.locator("#candidates tbody tr")
    first_two = rows.nth(0).inner_text() + rows.nth(1).inner_text()
    assert BORAS in first_two and ESCOLA in first_two
    page.get_by_label(f"Choose {BORAS}").check()
    page.get_by_label(f"Choose {ESCOLA}").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("2")
    page.get_by_label("Message to the parties").fill("Borås hosts in December; Escola joins.")
    no_sideways_scroll(page)
    in_view(page, page.get_by_role("button", name="Preview the e-mails"))
    screenshot("curation")

    page.get_by_role("button", name="Preview the e-mails").click()
    previews = page.get_by_test_id("previews")
    expect(previews.locator("details")).to_have_count(3)
    expect(previews).to_contain_text("Borås hosts in December; Escola joins.")
    assert not Match.objects.exists()
    no_sideways_scroll(page)
    in_view(page, page.get_by_role("button", name="Confirm and send"))
    screenshot("preview")

    page.get_by_role("button", name="Confirm and send").click()
    expect(page.get_by_text("Match confirmed; the parties are notified.")).to_be_visible()
    screenshot("match-confirmed")

    # Everyone accepts in their member area (their own journey); then the exchange.
    match = Match.objects.get(request=case.request)
    for party in match.parties.select_related("organisation"):
        match_answer(party=party, answer=Answer.ACCEPTED, by=secretariat)
    page.reload()
    page.get_by_role("button", name="Create the exchange").click()
    expect(page.locator(".messagelist")).to_contain_text("created.")
    expect(page.locator("#parties-group")).to_contain_text(ESCOLA)
    no_sideways_scroll(page)
    screenshot("exchange-created")


LISTS = [
    "/admin/members/organisation/",
    "/admin/listings/request/",
    "/admin/listings/offer/",
    "/admin/matchmaking/match/",
    "/admin/exchanges/exchange/",
    "/admin/casestudies/casestudy/",
    "/admin/notifications/notification/",
]


def test_every_list_the_desk_links_to_fits_1280_px(page, screenshot, secretariat):
    """Long names and titles, organisations in a dozen countries, a failed e-mail
    with a long error: no list scrolls sideways, and the folded filters keep each
    page short (the country filter once made a list 7,000 px tall)."""
    long = "Vocational education and training for adult learners in rural regions " * 2
    themes = [ThemeFactory(name=f"Theme {n} with a rather long name") for n in range(8)]
    for code in ["SE", "FR", "ES", "FI", "DE", "IT", "PT", "NL", "PL", "BE", "AT", "IE"]:
        organisation = OrganisationFactory(
            name=f"Regional council for {long[:60]} ({code})", country=code
        )
        RequestFactory(organisation=organisation, title=long[:150], themes=themes)
        OfferFactory(organisation=organisation, title=long[:150], themes=themes)
    match = MatchFactory(request__title=long[:150])
    MatchPartyFactory(match=match)
    CaseStudyFactory(title=long[:150])
    NotificationFactory(
        state=NotificationState.FAILED,
        email="a.very.long.address.of.someone@vocational-school-of-tampere.example",
        last_error="SMTPRecipientsRefused: " + "550 5.1.1 mailbox unavailable " * 4,
    )
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, secretariat.email)

    for url in LISTS:
        page.goto(url)
        expect(page.locator("#result_list")).to_be_visible()
        no_sideways_scroll(page)
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 1600, (url, height)
    screenshot("notifications")
    page.goto("/admin/listings/request/")
    find = page.get_by_role("link", name="Find partners").first
    in_view(page, find)
