"""A partner declines a match with a reason; the secretariat sees it on its dashboard."""

import pytest
from playwright.sync_api import expect

from matchmaking.services import match_confirm
from tests.matchmaking.cases import build_boras_case

from .conftest import SCREENSHOTS
from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_partner_declines_with_a_reason_and_the_request_reopens(
    page, screenshot, browser, live_server, boras, centre_val_de_loire, alice, charlie, secretariat
):
    case = build_boras_case(boras, centre_val_de_loire)
    match = match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)

    sign_in(page, alice.email)
    page.goto(f"/matches/{match.pk}/")
    # Declining ends the match for everyone: it asks on a page of its own.
    page.get_by_role("link", name="Decline the match").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("ends this match for every")
    screenshot("asked-first")
    page.get_by_role("button", name="Decline the match").click()
    # Said twice: in the error summary at the top and beside the field.
    expect(page.get_by_text("Tell the others why you decline.").first).to_be_visible()
    screenshot("reason-required")
    page.get_by_label("Reason for declining").fill("Our hosts are fully booked in January.")
    page.get_by_role("button", name="Decline the match").click()
    expect(
        page.get_by_text("You declined the match. The secretariat and the other")
    ).to_be_visible()
    expect(page.get_by_test_id("match-status")).to_have_text("Declined")
    screenshot("declined")

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    staff = context.new_page()
    sign_in(staff, secretariat.email, next_url="/admin/")
    staff.goto(f"/admin/matchmaking/match/{match.pk}/change/")
    expect(staff.locator(".field-timeline")).to_contain_text("Our hosts are fully booked")
    staff.goto(f"/admin/matchmaking/match/curate/{case.request.pk}/")
    # Borås declined: it is not proposed again for this request.
    expect(staff.get_by_test_id(f"candidate-{case.boras_offer.reference}")).to_have_count(0)
    expect(staff.get_by_test_id(f"candidate-{case.escola_offer.reference}")).to_be_visible()
    staff.screenshot(path=str(_path("find-partners-again")), full_page=True)
    context.close()


def _path(name):
    return SCREENSHOTS / f"test_partner_declines_with_a_reason-{name}.png"
