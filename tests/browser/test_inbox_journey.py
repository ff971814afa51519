"""A member reads her notifications in the inbox and turns email off."""

import pytest
from playwright.sync_api import expect

from tests.factories import NotificationFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_reads_notifications_and_changes_preferences(page, screenshot, alice):
    NotificationFactory(recipient=alice, context={"reference": "REQ-4F2A9C", "days": 7})
    NotificationFactory(recipient=alice, context={"reference": "REQ-93B1D0", "days": 14})
    sign_in(page, "alice@boras.example")

    nav = page.get_by_role("navigation")
    expect(nav.get_by_test_id("unread-count")).to_have_text("2 unread")
    nav.get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    expect(page.get_by_test_id("notification")).to_have_count(2)
    screenshot("inbox")

    page.get_by_role("link", name="Reminder: your answer to the match for REQ-4F2A9C").click()
    expect(page.get_by_test_id("notification-body")).to_contain_text("7 days ago")
    screenshot("notification")
    expect(nav.get_by_test_id("unread-count")).to_have_text("1 unread")

    page.get_by_role("link", name="Back to the inbox").click()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("1 notification marked as read.")).to_be_visible()
    expect(nav.get_by_test_id("unread-count")).to_have_count(0)

    page.get_by_role("link", name="Notification preferences").click()
    page.get_by_label("Email me notifications").uncheck()
    page.get_by_label("Weekly digest of new opportunities").check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Your notification preferences are saved.")).to_be_visible()
    expect(page.get_by_label("Email me notifications")).not_to_be_checked()
    screenshot("preferences")
    alice.refresh_from_db()
    assert (alice.email_notifications, alice.weekly_digest) == (False, True)
