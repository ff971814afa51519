"""The in-app inbox and the notification preferences."""

import pytest
from django.urls import reverse

from notifications.models import Notification, NotificationState
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")
PREFERENCES = reverse("notifications:preferences")


def test_inbox_lists_my_notifications_with_their_subject(alice_client, alice, charlie):
    NotificationFactory(recipient=alice, context={"reference": "REQ-4F2A9C", "days": 7})
    NotificationFactory(recipient=charlie, context={"reference": "REQ-CHARLI", "days": 7})
    response = alice_client.get(INBOX)
    content = response.content.decode()
    assert "Reminder: your answer to the match for REQ-4F2A9C is awaited" in content
    assert "REQ-CHARLI" not in content


def test_inbox_shows_a_notification_whose_email_template_is_missing_by_its_kind(
    alice_client, alice
):
    NotificationFactory(recipient=alice, kind="kind_without_templates")
    assert "Kind without templates" in alice_client.get(INBOX).content.decode()


def test_nav_shows_the_count_of_unread_notifications(alice_client, alice):
    NotificationFactory.create_batch(3, recipient=alice)
    NotificationFactory(recipient=alice, read_at="2026-01-01T00:00Z")
    content = alice_client.get(reverse("myarea:home")).content.decode()
    assert 'data-testid="unread-count">3<' in content


def test_nav_shows_no_badge_when_everything_is_read(alice_client, alice):
    assert 'data-testid="unread-count"' not in alice_client.get(INBOX).content.decode()


def test_opening_a_notification_marks_it_read_and_shows_its_text(alice_client, alice):
    notification = NotificationFactory(
        recipient=alice, state=NotificationState.SKIPPED, context={"reference": "REQ-4F2A9C"}
    )
    response = alice_client.get(reverse("notifications:detail", args=[notification.pk]))
    content = response.content.decode()
    assert "The other parties are waiting" in content
    assert "Not emailed: you turned email notifications off." in content
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_answers_404(alice_client, charlie):
    notification = NotificationFactory(recipient=charlie)
    assert (
        alice_client.get(reverse("notifications:detail", args=[notification.pk])).status_code == 404
    )
    response = alice_client.post(reverse("notifications:mark-read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_read_and_mark_all_read(alice_client, alice, charlie):
    first, second, third = NotificationFactory.create_batch(3, recipient=alice)
    others = NotificationFactory(recipient=charlie)
    response = alice_client.post(reverse("notifications:mark-read", args=[first.pk]))
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 2

    response = alice_client.post(reverse("notifications:mark-all-read"), follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_inbox_filters_unread_only(alice_client, alice):
    NotificationFactory(recipient=alice, context={"reference": "REQ-UNREAD"})
    NotificationFactory(
        recipient=alice, context={"reference": "REQ-READ00"}, read_at="2026-01-01T00:00Z"
    )
    content = alice_client.get(INBOX, {"unread": "true"}).content.decode()
    assert "REQ-UNREAD" in content
    assert "REQ-READ00" not in content


def test_inbox_paginates_by_25_with_bounded_queries(
    alice_client, alice, django_assert_max_num_queries
):
    NotificationFactory.create_batch(30, recipient=alice)
    with django_assert_max_num_queries(8):
        response = alice_client.get(INBOX)
    assert len(response.context["page_obj"]) == 25
    assert "Page 1 of 2" in response.content.decode()
    second = alice_client.get(INBOX, {"page": 2})
    assert len(second.context["page_obj"]) == 5


def test_inbox_needs_signing_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_preferences_page_shows_and_saves_my_choices(alice_client, alice):
    response = alice_client.get(PREFERENCES)
    assert "Email me notifications" in response.content.decode()
    assert "Weekly digest of new opportunities" in response.content.decode()

    response = alice_client.post(PREFERENCES, {"weekly_digest": "on"}, follow=True)
    assert "Your notification preferences are saved." in response.content.decode()
    alice.refresh_from_db()
    assert alice.email_notifications is False
    assert alice.weekly_digest is True


def test_preferences_page_needs_signing_in(client):
    assert client.get(PREFERENCES).status_code == 302


def test_a_broken_email_template_does_not_take_the_inbox_down(alice_client, alice):
    # password_reset's template needs a uid and a token this context lacks.
    notification = NotificationFactory(recipient=alice, kind="password_reset", context={})
    assert alice_client.get(INBOX).status_code == 200
    response = alice_client.get(reverse("notifications:detail", args=[notification.pk]))
    assert response.status_code == 200
    assert "Password reset" in response.content.decode()


def test_member_area_links_the_inbox_and_the_preferences(alice_client):
    content = alice_client.get(reverse("myarea:home")).content.decode()
    assert f'href="{INBOX}"' in content
    assert f'href="{PREFERENCES}"' in content
