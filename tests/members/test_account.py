"""A person keeps their own account: name, email, language, notifications,
their personal data, and the right to be forgotten."""

import json

import pytest

from members import services
from members.models import Invitation, Membership, Role, User
from notifications.models import Notification
from tests.factories import MembershipFactory, RequestFactory

pytestmark = pytest.mark.django_db


def account_data(**overrides):
    data = {
        "full_name": "Alice Andersson",
        "job_title": "Project manager",
        "email": "alice@boras.example",
        "language": "en",
    }
    data.update(overrides)
    return data


def confirm_url(mailoutbox):
    message = next(m for m in mailoutbox if "Confirm your new email address" in m.subject)
    line = next(line for line in message.body.splitlines() if "/account/email/" in line)
    return line.replace("http://127.0.0.1:8000", "")


def test_a_person_edits_name_and_language(alice_client, alice):
    response = alice_client.post(
        "/members/account/", account_data(full_name="Alice A. Andersson", language="sv")
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.full_name == "Alice A. Andersson"
    assert alice.language == "sv"


def test_account_page_links_to_the_one_notification_preferences_page(alice_client):
    response = alice_client.get("/members/account/")
    assert 'href="/inbox/preferences/"' in response.text
    assert "weekly_digest" not in response.text


def test_a_new_email_is_used_only_once_confirmed(
    alice_client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post("/members/account/", account_data(email="alice@newmail.example"))
    alice.refresh_from_db()
    assert alice.email == "alice@boras.example"
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@boras.example", "alice@newmail.example"]
    confirmation = next(m for m in mailoutbox if m.to == ["alice@newmail.example"])
    assert "Confirm your new email address" in confirmation.subject

    url = confirm_url(mailoutbox)
    # Opening the link changes nothing: the password confirms, by POST.
    assert "Give your password to confirm" in alice_client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url, {"password": "correct-horse-battery"})
    assert "Your new email address is confirmed" in response.text
    alice.refresh_from_db()
    assert alice.email == "alice@newmail.example"

    reused = alice_client.post(url, {"password": "correct-horse-battery"})
    assert reused.status_code == 400
    assert "This link has already been used" in reused.text


def test_an_email_change_link_tampered_with_changes_nothing(alice_client, alice):
    response = alice_client.get("/members/account/email/1:forged:xyz/")
    assert response.status_code == 400
    assert "This link is not valid." in response.text
    alice.refresh_from_db()
    assert alice.email == "alice@boras.example"


def test_an_email_of_another_account_is_not_revealed_nor_taken(
    alice_client, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            "/members/account/",
            account_data(email="BOB@boras.example", full_name="Changed"),
            follow=True,
        )
    # The same answer as for a free address; Bob is told, nothing changes.
    assert "Open the link we sent to bob@boras.example" in response.text
    assert "Another account" not in response.text
    alice.refresh_from_db()
    assert alice.email == "alice@boras.example"
    assert [m.to for m in mailoutbox] == [["bob@boras.example"]]
    assert "Someone tried to use your email address" in mailoutbox[0].subject


def test_a_person_downloads_their_personal_data(alice_client, boras):
    RequestFactory(organisation=boras, contact=User.objects.get(email="alice@boras.example"))
    response = alice_client.get("/members/account/data/")
    assert response["Content-Disposition"] == 'attachment; filename="my-personal-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@boras.example"
    assert data["memberships"][0]["organisation"] == boras.name
    assert len(data["contact_for_listings"]) == 1


def test_deleting_an_account_anonymises_the_person_and_keeps_contributions(
    client, alice, bob, boras, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=bob).update(role=Role.COORDINATOR)
    listing = RequestFactory(organisation=boras, contact=alice, created_by=alice)
    alice.full_name = "Alice Renamed"
    alice.save()
    Notification.objects.create(key="k", kind="x", recipient=alice, email=alice.email)
    Invitation.objects.create(organisation=boras, email="alice@boras.example", invited_by=bob)
    client.force_login(alice)

    response = client.post("/members/account/delete/", {"password": "correct-horse-battery"})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.full_name == "Former member"
    assert alice.email.startswith("former-member-")
    assert not alice.is_active
    assert not alice.has_usable_password()
    assert not alice.memberships.exists()
    listing.refresh_from_db()
    assert listing.contact == alice
    assert str(listing.contact) == "Former member"
    history = alice.history.all()
    assert history.count() >= 3
    assert {h.full_name for h in history} == {"Former member"}
    assert not User.history.filter(email__icontains="alice").exists()
    assert not Notification.objects.filter(email__icontains="alice").exists()
    assert not Invitation.objects.exists()
    assert client.get("/my/").status_code == 302


def test_account_deletion_needs_the_password(alice_client, alice):
    response = alice_client.post("/members/account/delete/", {"password": "wrong"})
    assert "This is not your password." in response.text
    alice.refresh_from_db()
    assert alice.is_active and alice.full_name == "Alice Andersson"


def test_the_last_coordinator_with_colleagues_cannot_delete_their_account(alice_client, alice, bob):
    response = alice_client.post("/members/account/delete/", {"password": "correct-horse-battery"})
    assert "You are the last coordinator of" in response.text
    alice.refresh_from_db()
    assert alice.is_active


def test_two_former_members_do_not_collide(alice, charlie):
    services.account_delete(user=alice)
    services.account_delete(user=charlie)
    assert User.objects.filter(full_name="Former member").count() == 2


def test_sign_ins_do_not_fill_the_history(client, alice):
    before = alice.history.count()
    client.login(username="alice@boras.example", password="correct-horse-battery")
    assert alice.history.count() == before


def test_account_pages_need_sign_in(client):
    for url in ["/members/account/", "/members/account/data/", "/members/account/delete/"]:
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_a_sole_member_can_delete_their_account(client, db):
    member = MembershipFactory(role=Role.COORDINATOR).user
    services.account_delete(user=member)
    member.refresh_from_db()
    assert member.full_name == "Former member"
