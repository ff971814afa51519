"""The secretariat finds a notification that failed and sends it again."""

import pytest
from playwright.sync_api import expect

from notifications.models import NotificationState
from tests.factories import NotificationFactory, UserFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_secretariat_resends_a_failed_notification(page, screenshot, alice):
    # A superuser: a transactional test may run after another has flushed the
    # Secretariat group that a migration creates.
    UserFactory(email="staff@earlall.example", is_staff=True, is_superuser=True)
    failed = NotificationFactory(
        recipient=alice,
        state=NotificationState.FAILED,
        attempts=5,
        last_error="SMTPDataError: (451, b'4.3.0 Try again later')",
        context={"reference": "REQ-4F2A9C", "days": 7},
    )
    sign_in(page, "staff@earlall.example")
    page.goto("/admin/notifications/notification/?state__exact=failed")
    expect(page.get_by_text("SMTPDataError: (451")).to_be_visible()
    screenshot("failed")

    page.get_by_role("checkbox", name="Select this object for an action").first.check()
    page.get_by_role("combobox", name="Action").select_option(
        label="Resend the selected failed notifications"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 notification queued to be sent again.")).to_be_visible()
    screenshot("resent")
    failed.refresh_from_db()
    assert failed.state == NotificationState.SENT
