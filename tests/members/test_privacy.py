"""Findings 6 and 8: the export holds everything, erasure reaches every table
and log, retention is enforced, and an e-mail change needs the owner twice."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from listings.models import SavedSearch
from members import services
from members.models import EmailChange, Invitation
from members.retention import NOTIFICATION_CONTENT_DAYS, SIGN_IN_RECORDS_DAYS
from notifications.models import Notification
from notifications.services import notify_secretariat
from tests.factories import MembershipFactory, RequestFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_traces(alice, bob, boras, secretariat):
    """What the tool records about Alice as she uses it."""
    SavedSearch.objects.create(user=alice, name="Gender", query="theme=1", notify=True)
    RequestFactory(organisation=boras, created_by=alice, contact=bob, title="Written by Alice")
    Invitation.objects.create(organisation=boras, email="dana@boras.example", invited_by=alice)
    AccessLog.objects.create(username="alice@boras.example", ip_address="203.0.113.5")
    AccessFailureLog.objects.create(
        username="alice@boras.example", ip_address="203.0.113.5", locked_out=False
    )
    boras.name = "Borås renamed by Alice"
    boras._history_user = alice
    boras.save()
    services.notification_record(
        kind="match_confirmed", recipient=alice, about=boras, context={"partner": "Escola"}
    )
    # The secretariat's copy of her application names her.
    notify_secretariat(
        kind="membership_application",
        about=boras,
        context={"applicant": "Alice Andersson", "applicant_email": "alice@boras.example"},
    )
    return alice


def test_the_export_holds_every_trace_of_the_person(alice_client, alice_traces):
    data = alice_client.get("/members/account/data/").json()
    assert data["saved_searches"][0]["name"] == "Gender"
    assert data["listings_written"][0]["title"] == "Written by Alice"
    assert data["invitations_sent"][0]["email"] == "dana@boras.example"
    assert data["sign_ins"][0]["address"] == "203.0.113.5"
    assert data["failed_sign_ins"][0]["address"] == "203.0.113.5"
    assert any(row["change"] == "Changed" and "Borås" in row["record"] for row in data["history"])
    assert data["notifications"][0]["content"] == {"partner": "Escola"}


def test_erasure_reaches_notifications_logs_and_searches(alice_client, alice_traces, secretariat):
    Membership = alice_traces.memberships.model
    Membership.objects.filter(organisation__slug="boras").update(role="coordinator")
    alice_client.post("/members/account/delete/", {"password": "correct-horse-battery"})
    assert not Notification.objects.filter(key__icontains="alice").exists()
    assert not Notification.objects.filter(email__icontains="alice").exists()
    secretariat_copy = Notification.objects.get(kind="membership_application")
    assert "alice" not in str(secretariat_copy.context).lower()
    assert secretariat_copy.context["applicant"] == "Former member"
    assert not AccessLog.objects.exists() and not AccessFailureLog.objects.exists()
    assert not SavedSearch.objects.exists()


def test_retention_purges_old_sign_ins_and_notification_content(alice):
    old = timezone.now() - datetime.timedelta(days=SIGN_IN_RECORDS_DAYS + 1)
    AccessAttempt.objects.create(
        username="alice@boras.example", ip_address="203.0.113.5", failures_since_start=2
    )
    AccessAttempt.objects.update(attempt_time=old)
    AccessLog.objects.create(username="alice@boras.example", ip_address="203.0.113.5")
    note = services.notification_record(
        kind="x", recipient=alice, context={"partner": "Escola"}, event="old"
    )
    Notification.objects.filter(pk=note.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=NOTIFICATION_CONTENT_DAYS + 1)
    )
    call_command("purge_expired_data")
    assert not AccessAttempt.objects.exists()
    assert AccessLog.objects.count() == 1  # recent: kept
    note.refresh_from_db()
    assert note.context == {}


# --- Changing the e-mail address (finding 8) ----------------------------------------


def request_change(client, new_email, captured):
    with captured(execute=True):
        client.post(
            "/members/account/",
            {"full_name": "Alice Andersson", "email": new_email, "language": "en"},
        )
    return next(
        line.replace("http://127.0.0.1:8000", "")
        for m in mail.outbox
        if m.to == [new_email]
        for line in m.body.splitlines()
        if "/account/email/" in line
    )


def test_the_old_address_is_told_of_a_change_request(
    alice_client, alice, django_capture_on_commit_callbacks
):
    request_change(alice_client, "alice@newmail.example", django_capture_on_commit_callbacks)
    notice = next(m for m in mail.outbox if m.to == ["alice@boras.example"])
    assert "Someone asked to change the email address" in notice.subject
    assert "alice@newmail.example" not in notice.body  # masked: a•••@newmail.example
    assert "a•••@newmail.example" in notice.body


def test_the_link_carries_no_address(alice_client, alice, django_capture_on_commit_callbacks):
    url = request_change(alice_client, "alice@newmail.example", django_capture_on_commit_callbacks)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    # "<id>:<timestamp>:<signature>", where the old token was readable base64 JSON.
    assert token.split(":")[0].isdigit()
    assert "@" not in token and "newmail" not in token


def test_a_get_on_the_link_changes_nothing(alice_client, alice, django_capture_on_commit_callbacks):
    url = request_change(alice_client, "alice@newmail.example", django_capture_on_commit_callbacks)
    alice_client.get(url)
    alice.refresh_from_db()
    assert alice.email == "alice@boras.example"


def test_the_link_needs_the_password(alice_client, alice, django_capture_on_commit_callbacks):
    url = request_change(alice_client, "alice@newmail.example", django_capture_on_commit_callbacks)
    response = alice_client.post(url, {"password": "not-hers"})
    assert "This is not your password." in response.text
    alice.refresh_from_db()
    assert alice.email == "alice@boras.example"


def test_the_link_is_only_for_the_account_that_asked(
    alice_client, client, alice, charlie, django_capture_on_commit_callbacks
):
    url = request_change(alice_client, "alice@newmail.example", django_capture_on_commit_callbacks)
    client.force_login(charlie)
    response = client.post(url, {"password": "correct-horse-battery"})
    assert response.status_code == 400
    charlie.refresh_from_db()
    assert charlie.email == "charlie@centre-valdeloire.example"


def test_an_old_link_does_not_work_again_after_changing_back(
    alice_client, alice, django_capture_on_commit_callbacks
):
    first = request_change(
        alice_client, "alice@newmail.example", django_capture_on_commit_callbacks
    )
    alice_client.post(first, {"password": "correct-horse-battery"})
    back = request_change(alice_client, "alice@boras.example", django_capture_on_commit_callbacks)
    alice_client.post(back, {"password": "correct-horse-battery"})
    alice.refresh_from_db()
    assert alice.email == "alice@boras.example"
    response = alice_client.post(first, {"password": "correct-horse-battery"})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.email == "alice@boras.example"
    assert EmailChange.objects.filter(confirmed_at__isnull=False).count() == 2


def test_a_newer_request_voids_the_older_link(
    alice_client, alice, django_capture_on_commit_callbacks
):
    first = request_change(alice_client, "one@newmail.example", django_capture_on_commit_callbacks)
    request_change(alice_client, "two@newmail.example", django_capture_on_commit_callbacks)
    assert alice_client.post(first, {"password": "correct-horse-battery"}).status_code == 400


def test_someone_elses_change_cannot_be_confirmed_without_signing_in(
    client, alice, django_capture_on_commit_callbacks
):
    member = UserFactory(email="mallory@example.org")
    MembershipFactory(user=member)
    client.force_login(member)
    url = request_change(client, "mallory@newmail.example", django_capture_on_commit_callbacks)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
