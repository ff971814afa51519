"""A member signs in, sees the member area, signs out."""

import pytest
from playwright.sync_api import expect

from .helpers import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_signs_in_sees_member_area_and_signs_out(page, screenshot, alice):
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill("alice@boras.example")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Welcome, Alice")).to_be_visible()
    expect(page.get_by_test_id("my-organisations")).to_contain_text(
        "Working Life Department of the municipality of Borås"
    )
    screenshot("member-area")

    sign_out(page)
    expect(page.get_by_role("heading", name="You are signed out")).to_be_visible()
    page.goto("/my/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_wrong_password_is_refused_with_a_message(page, screenshot, alice):
    sign_in(page, "alice@boras.example", "not-her-password")
    # Said twice: in the error summary at the top and in the form.
    expect(
        page.get_by_text("Please enter a correct email address and password").first
    ).to_be_visible()
    screenshot("refused")


def test_visitor_switches_the_language_with_the_selector(page, screenshot, db):
    # Moving through the menu does not reload the page (WCAG 3.2.2): a choice applies.
    page.goto("/")
    page.get_by_role("button", name="Language: EN").click()
    page.get_by_role("button", name="français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    screenshot("french")
