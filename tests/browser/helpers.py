from tests.factories import UserFactory  # noqa: F401
from tests.otp import totp_token

PASSWORD = "correct-horse-battery"


def sign_in(page, email: str, password: str = PASSWORD, next_url: str = "") -> None:
    page.goto(f"/accounts/login/?next={next_url}" if next_url else "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    # The page that answers, not the one still shown (axe-core may hold the click
    # back until it has checked the sign-in page: tests.browser.axe).
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if "/accounts/two-factor/" in page.url:
        pass_second_factor(page, email)


def pass_second_factor(page, email: str) -> None:
    """Staff give the code of their authenticator app (enrolling one first if
    they have none), as a person would read it from their phone."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__email__iexact=email).order_by("-confirmed").first()
    page.get_by_label("Six-digit code from your authenticator app").fill(totp_token(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Verify").click()


def open_my_area_menu(page) -> None:
    """The member's own pages (My area, account, monitoring, sign-out) are in one
    menu of the navigation bar."""
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "button", name="My area"
    ).click()


def sign_out(page) -> None:
    open_my_area_menu(page)
    page.get_by_role("button", name="Sign out").click()
