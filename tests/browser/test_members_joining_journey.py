"""A visitor applies, the secretariat approves in the admin, the new member sets a
password, invites a colleague, edits the profile, and the organisation appears in
the directory with its filters working."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.factories import LanguageFactory, OrganisationFactory, ThemeFactory, UserFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Vocational School of Tampere"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (160, 80), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def link_in(mailoutbox, fragment: str, live_server) -> str:
    line = next(
        line for m in reversed(mailoutbox) for line in m.body.splitlines() if fragment in line
    )
    return line.strip().replace("http://127.0.0.1:8000", live_server.url)


@pytest.fixture
def cast(db):
    ThemeFactory(name="Work-based learning")
    ThemeFactory(name="Gender equality")
    LanguageFactory(code="fi", name="Finnish")
    OrganisationFactory(name="Working Life Department of Borås", country="SE")
    # A superuser: a transactional test may run after another has flushed the
    # Secretariat group that a data migration created.
    return UserFactory(
        email="staff@earlall.example",
        full_name="Sara Secretariat",
        is_staff=True,
        is_superuser=True,
    )


def test_visitor_joins_is_approved_invites_a_colleague_and_is_listed(
    page, browser, live_server, screenshot, cast, mailoutbox
):
    # A visitor applies.
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Join").click()
    page.locator("#id_name").fill(NAME)
    page.get_by_label("Kind").select_option(label="VET provider")
    page.get_by_label("Country").select_option(label="Finland")
    page.get_by_label("Region (NUTS code)").fill("FI197")
    page.get_by_label("City").fill("Tampere")
    page.get_by_label("Erasmus+ Organisation ID").fill("E10123456")
    page.get_by_label("Work-based learning").check()
    page.get_by_label("Finnish").check()
    page.get_by_label("Your name").fill("Tuula Toivonen")
    page.get_by_label("Your email address").fill("tuula@tampere.example")
    page.get_by_label("Your role in the organisation").fill("International coordinator")
    screenshot("application-filled")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Please agree to the privacy notice to apply.").first).to_be_visible()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Send the application").click()
    expect(
        page.get_by_role("heading", name="Thank you: your application is received")
    ).to_be_visible()
    screenshot("application-received")
    page.goto("/members/")
    expect(page.get_by_test_id("directory")).not_to_contain_text(NAME)

    # The secretariat approves it in the admin.
    sign_in(page, "staff@earlall.example")
    page.goto("/admin/members/organisation/?status__exact=applicant")
    page.get_by_role("row", name=NAME).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Approve the selected applications")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 application(s) approved.")).to_be_visible()
    screenshot("approved-in-admin")
    page.context.clear_cookies()

    # The new member sets a password from the approval email and signs in.
    page.goto(link_in(mailoutbox, "/accounts/password/reset/", live_server))
    page.locator("#id_new_password1").fill("tampere-learns-2025")
    page.locator("#id_new_password2").fill("tampere-learns-2025")
    page.get_by_role("button", name="Save my password").click()
    expect(page.get_by_role("heading", name="Your password is saved")).to_be_visible()
    sign_in(page, "tuula@tampere.example", "tampere-learns-2025")
    page.get_by_role("link", name="My organisation").click()
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()

    # They invite a colleague.
    page.get_by_role("link", name="Invite a colleague").click()
    page.get_by_label("Colleague's email address").fill("timo@tampere.example")
    page.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text("The invitation is on its way to timo@tampere.example.")
    ).to_be_visible()
    expect(page.get_by_test_id("invitations")).to_contain_text("timo@tampere.example")

    # They edit the profile and add the logo (nothing is uploaded before approval).
    page.get_by_role("link", name="Edit the profile").click()
    page.get_by_label("Description").fill("We host study visits on work-based learning.")
    page.get_by_label("Logo").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.get_by_label("Gender equality").check()
    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_text("The profile is saved.")).to_be_visible()
    screenshot("my-organisation")

    # The colleague accepts the invitation.
    colleague = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    colleague.goto(link_in(mailoutbox, "/members/invitation/", live_server))
    colleague.get_by_label("Your name").fill("Timo Tanner")
    colleague.get_by_label("Choose a password").fill("timo-joins-tampere")
    colleague.get_by_label("The password again").fill("timo-joins-tampere")
    colleague.get_by_role("button", name="Accept the invitation").click()
    expect(colleague.get_by_text(f"Welcome to {NAME}.")).to_be_visible()
    expect(colleague.get_by_test_id("colleagues")).to_contain_text("Tuula Toivonen")
    colleague.context.close()

    # The organisation appears in the directory, and the filters find it.
    page.get_by_role("navigation").get_by_role("link", name="Member directory").click()
    expect(page.get_by_test_id("directory")).to_contain_text(NAME)
    page.get_by_label("Country").select_option(label="Finland")
    page.get_by_label("Theme").select_option(label="Gender equality")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("directory-count")).to_have_text("1 organisation")
    screenshot("directory-filtered")
    page.get_by_label("Country").select_option(label="Sweden")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("No organisation matches these filters.")).to_be_visible()
    page.get_by_label("Country").select_option(label="Finland")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_text("We host study visits on work-based learning.")).to_be_visible()
    expect(page.get_by_test_id("contacts")).to_contain_text("Timo Tanner")
    screenshot("organisation-page")
