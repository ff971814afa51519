"""Finding 5: the join form is no longer a way to flood the secretariat, to take
over someone's account, or to mail strangers before approval; findings 2 and 7
for the uploads a stranger could send."""

import pytest
from django.core import mail

from members import services
from members.models import Invitation, MembershipStatus, Organisation, User
from notifications.models import Notification
from tests.factories import OrganisationFactory

from .helpers import application_data, image_upload

pytestmark = pytest.mark.django_db


def test_join_from_one_address_is_throttled(client, secretariat):
    answers = [
        client.post(
            "/members/join/", application_data(name=f"Spam School {n}", oid="", email=f"s{n}@x.org")
        ).status_code
        for n in range(7)
    ]
    assert answers[:5] == [302] * 5
    assert answers[5:] == [429, 429]
    assert Organisation.objects.count() == 5


def test_join_ignores_what_a_robot_sends(client, secretariat):
    response = client.post("/members/join/", application_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert response.url == "/members/join/thanks/"
    assert not Organisation.objects.exists()
    assert list(User.objects.all()) == [secretariat]
    assert not Notification.objects.exists()


def test_join_stores_no_uploaded_file(client):
    poly = image_upload("poly.html")
    poly.file.write(b"<html><script>alert(document.cookie)</script></html>")
    poly.file.seek(0)
    client.post("/members/join/", {**application_data(), "logo": poly})
    organisation = Organisation.objects.get()
    assert not organisation.logo


def test_join_with_a_members_address_asks_that_member_first(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/join/", application_data(email="alice@boras.example"))
    organisation = Organisation.objects.get(oid="E10123456")
    assert not organisation.memberships.exists()
    confirmation = next(m for m in mail.outbox if m.to == ["alice@boras.example"])
    assert "Confirm that you coordinate Vocational School of Tampere" in confirmation.subject
    assert "If it was not you, ignore this email" in confirmation.body

    # Alice confirms from her account: then she coordinates it.
    link = next(line for line in confirmation.body.splitlines() if "/members/invitation/" in line)
    client.force_login(alice)
    response = client.post(link.split("8000", 1)[-1])
    assert response.status_code == 302
    assert organisation.memberships.get().user == alice


def test_join_with_a_members_address_cannot_be_confirmed_by_the_applicant(client, bob, alice):
    client.post("/members/join/", application_data(email="alice@boras.example"))
    invitation = Invitation.objects.get()
    client.force_login(bob)
    response = client.post(f"/members/invitation/{services.invitation_token(invitation)}/")
    assert response.status_code == 400
    assert not Organisation.objects.get(oid="E10123456").memberships.exists()


def test_the_same_application_sent_many_times_flags_the_secretariat_once(
    client, secretariat, django_capture_on_commit_callbacks
):
    OrganisationFactory(name="Vocational School of Tampere", country="FI", oid="E10123456")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            client.post("/members/join/", application_data())
    assert Notification.objects.filter(kind="membership_duplicate").count() == 1


def test_a_double_posted_application_records_one_organisation(client, secretariat, monkeypatch):
    """The second POST of a double click runs while the first is being written:
    its duplicate check sees nothing, and its insert then meets the first
    applicant's unique e-mail (an IntegrityError, once a 500)."""
    from django.db import IntegrityError

    client.post("/members/join/", application_data(oid=""))
    original, calls = services.application_duplicate_of, []

    def racing(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else original(**kwargs)

    def unique_email_taken(applicant):
        raise IntegrityError("UNIQUE constraint failed: members_user.email")

    monkeypatch.setattr(services, "application_duplicate_of", racing)
    monkeypatch.setattr(services, "applicant_account", unique_email_taken)
    response = client.post("/members/join/", application_data(oid=""))
    assert response.status_code == 302
    assert Organisation.objects.count() == 1
    assert User.objects.filter(email="tuula@tampere.example").count() == 1
    assert Notification.objects.filter(kind="membership_duplicate").count() == 1


def test_an_applicant_organisation_cannot_send_invitations(client, alice, boras):
    boras.status = MembershipStatus.APPLICANT
    boras.save()
    client.force_login(alice)
    response = client.post(
        "/members/manage/boras/invite/", {"email": "victim@example.org", "role": "contact"}
    )
    assert response.status_code == 200
    assert "once the secretariat has approved the organisation" in response.text
    assert not Invitation.objects.exists()
    assert not mail.outbox
