"""A member keeps their account: preferences, colleagues' roles, their data, and
finally deletes the account."""

import json

import pytest
from playwright.sync_api import expect

from .helpers import open_my_area_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_promotes_a_colleague_then_leaves_the_tool(page, screenshot, alice, bob):
    sign_in(page, "alice@boras.example")
    page.get_by_role("link", name="My organisation").click()
    page.get_by_label("Role of Bob Berg").select_option("coordinator")
    page.get_by_role("row", name="Bob Berg").get_by_role("button", name="Change").click()
    expect(page.get_by_text("Bob Berg's role is changed.")).to_be_visible()
    screenshot("colleague-promoted")

    open_my_area_menu(page)
    page.get_by_role("link", name="My area").click()
    page.get_by_role("main").get_by_role("link", name="My account", exact=True).click()
    page.get_by_label("Job title").fill("International coordinator")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your account is saved.")).to_be_visible()
    page.get_by_role("link", name="Notification preferences").click()
    page.get_by_label("Email me notifications").uncheck()
    page.get_by_label("Weekly digest of new opportunities").check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_label("Weekly digest of new opportunities")).to_be_checked()
    screenshot("account-saved")
    open_my_area_menu(page)
    page.get_by_role("link", name="My area").click()
    page.get_by_role("main").get_by_role("link", name="My account", exact=True).click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my personal data (JSON)").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["account"]["email"] == "alice@boras.example"

    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill("correct-horse-battery")
    screenshot("delete-account")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account is deleted.")).to_be_visible()
    sign_in(page, "alice@boras.example")
    expect(
        page.get_by_text("Please enter a correct email address and password").first
    ).to_be_visible()
