"""A coordinator keeps the profile and the colleagues; nobody else can."""

import datetime

import pytest
from django.core import signing

from members import services
from members.models import Invitation, Membership, Organisation, Role, User
from tests.factories import (
    ExchangeOrganisationFactory,
    MembershipFactory,
    OfferFactory,
    RequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def invite(client, email="dana@boras.example", role="contact"):
    return client.post("/members/manage/boras/invite/", {"email": email, "role": role})


def accept_url(mailoutbox):
    line = next(line for line in mailoutbox[-1].body.splitlines() if "/invitation/" in line)
    return line.replace("http://127.0.0.1:8000", "")


def test_my_organisation_leads_to_the_organisation_i_act_for(alice_client):
    response = alice_client.get("/members/my-organisation/")
    assert response["Location"] == "/members/manage/boras/"


def test_my_organisation_shows_profile_colleagues_listings_and_exchanges(alice_client, bob, boras):
    RequestFactory(organisation=boras, title="Gender equality in guidance")
    ExchangeOrganisationFactory(organisation=boras)
    response = alice_client.get("/members/manage/boras/")
    assert "Bob Berg" in response.text
    assert "Gender equality in guidance" in response.text
    assert "Advancing Gender Equality in Education Exchange" in response.text
    assert "Edit the profile" in response.text


def test_the_my_organisation_page_has_bounded_queries(
    alice_client, boras, django_assert_max_num_queries
):
    for _n in range(10):
        MembershipFactory(organisation=boras, role=Role.CONTACT)
        OfferFactory(organisation=boras)
        ExchangeOrganisationFactory(organisation=boras)
    with django_assert_max_num_queries(20):
        response = alice_client.get("/members/manage/boras/")
    assert response.text.count("We host a study visit") == 10


def test_another_organisations_page_is_not_found(alice_client, centre_val_de_loire):
    assert alice_client.get("/members/manage/centre-val-de-loire/").status_code == 404
    assert alice_client.get("/members/manage/centre-val-de-loire/edit/").status_code == 404
    assert invite_elsewhere(alice_client).status_code == 404


def invite_elsewhere(client):
    return client.post(
        "/members/manage/centre-val-de-loire/invite/", {"email": "x@y.example", "role": "contact"}
    )


def test_a_contact_cannot_edit_or_invite(client, bob):
    client.force_login(bob)
    assert client.get("/members/manage/boras/").status_code == 200
    assert "Edit the profile" not in client.get("/members/manage/boras/").text
    assert client.get("/members/manage/boras/edit/").status_code == 403
    assert invite(client).status_code == 403
    membership = Membership.objects.get(user=bob)
    assert (
        client.post(f"/members/manage/boras/colleagues/{membership.pk}/remove/").status_code == 403
    )
    assert not Invitation.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, boras):
    response = client.get("/members/manage/boras/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_coordinator_edits_the_profile(alice_client, boras):
    response = alice_client.post(
        "/members/manage/boras/edit/",
        {
            "name": boras.name,
            "kind": "local_authority",
            "country": "SE",
            "region": "SE232",
            "city": "Borås",
            "description": "The Working Life Department runs adult education and guidance.",
        },
    )
    assert response.status_code == 302
    boras.refresh_from_db()
    assert boras.description.startswith("The Working Life Department")


def test_a_profile_edit_with_a_region_of_another_country_changes_nothing(alice_client, boras):
    response = alice_client.post(
        "/members/manage/boras/edit/",
        {"name": "New name", "kind": "local_authority", "country": "SE", "region": "FRB"},
    )
    assert "The region FRB is not in the chosen country" in response.text
    boras.refresh_from_db()
    assert boras.name == "Working Life Department of the municipality of Borås"
    assert boras.region == "SE232"


def test_an_invitation_is_emailed_with_a_link(
    alice_client, boras, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(alice_client)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["dana@boras.example"]
    assert "Alice Andersson invites you to join Working Life Department" in email.subject
    assert "/members/invitation/" in email.alternatives[0][0]
    assert "Dana" not in email.body
    assert "dana@boras.example" in alice_client.get("/members/manage/boras/").text


def test_inviting_a_colleague_already_here_is_refused(alice_client, bob):
    response = invite(alice_client, email="BOB@boras.example")
    assert "This person is already a colleague here." in response.text
    assert not Invitation.objects.exists()


def test_a_new_colleague_accepts_the_invitation_and_chooses_a_password(
    alice_client, client, boras, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(alice_client)
    alice_client.logout()
    url = accept_url(mailoutbox)
    response = client.post(
        url,
        {
            "full_name": "Dana Dahl",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert response.status_code == 302
    dana = User.objects.get(email="dana@boras.example")
    assert dana.full_name == "Dana Dahl"
    assert Membership.objects.get(user=dana).role == Role.CONTACT
    assert client.get("/members/manage/boras/").status_code == 200

    reused = client.post(
        url,
        {"full_name": "Eve", "password1": "a-long-password-1", "password2": "a-long-password-1"},
    )
    assert reused.status_code == 400
    assert "This invitation has already been used." in reused.text
    assert Membership.objects.filter(organisation=boras).count() == 2


def test_an_existing_person_accepts_after_signing_in(
    alice_client, client, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(alice_client, email=charlie.email, role="coordinator")
    url = accept_url(mailoutbox)
    client.logout()
    response = client.get(url)
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(charlie)
    client.post(url)
    assert Membership.objects.get(user=charlie, organisation__slug="boras").role == Role.COORDINATOR


def test_an_invitation_for_someone_else_is_refused(
    alice_client, client, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(alice_client, email="charlie@centre-valdeloire.example")
    client.force_login(UserFactory(email="mallory@example.org"))
    response = client.post(accept_url(mailoutbox))
    assert response.status_code == 400
    assert "sign in as that person to accept it" in response.text
    assert not Membership.objects.filter(
        organisation__slug="boras", user__email="mallory@example.org"
    ).exists()


def test_a_tampered_invitation_is_refused(client, alice, boras):
    invitation = services.invitation_send(
        organisation=boras, email="dana@boras.example", role="coordinator", by=alice
    )
    token = services.invitation_token(invitation)
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    response = client.get(f"/members/invitation/{tampered}/")
    assert response.status_code == 400
    assert "This invitation link is not valid." in response.text
    forged = signing.TimestampSigner(salt="other").sign(str(invitation.pk))
    assert client.get(f"/members/invitation/{forged}/").status_code == 400
    assert not User.objects.filter(email="dana@boras.example").exists()


def test_an_expired_invitation_is_refused(client, alice, boras, monkeypatch):
    invitation = services.invitation_send(
        organisation=boras, email="dana@boras.example", role="contact", by=alice
    )
    token = services.invitation_token(invitation)
    later = datetime.datetime.now().timestamp() + services.INVITATION_MAX_AGE + 60
    monkeypatch.setattr("time.time", lambda: later)
    response = client.post(
        f"/members/invitation/{token}/",
        {"full_name": "Dana", "password1": "a-long-password-1", "password2": "a-long-password-1"},
    )
    assert response.status_code == 400
    assert "This invitation has expired." in response.text
    assert not User.objects.filter(email="dana@boras.example").exists()


def test_a_coordinator_changes_a_colleagues_role(alice_client, bob):
    membership = Membership.objects.get(user=bob)
    alice_client.post(
        f"/members/manage/boras/colleagues/{membership.pk}/role/", {"role": "coordinator"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


def test_the_last_coordinator_cannot_step_down_or_be_removed(alice_client, alice, bob):
    own = Membership.objects.get(user=alice)
    response = alice_client.post(
        f"/members/manage/boras/colleagues/{own.pk}/role/", {"role": "contact"}, follow=True
    )
    assert "The organisation needs a coordinator" in response.text
    response = alice_client.post(f"/members/manage/boras/colleagues/{own.pk}/remove/", follow=True)
    assert "The last coordinator cannot be removed" in response.text
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR


def test_a_coordinator_removes_a_colleague(alice_client, bob):
    membership = Membership.objects.get(user=bob)
    response = alice_client.post(
        f"/members/manage/boras/colleagues/{membership.pk}/remove/", follow=True
    )
    assert "Bob Berg is removed." in response.text
    assert not Membership.objects.filter(user=bob).exists()


def test_a_colleague_of_another_organisation_is_not_found(alice_client, charlie):
    membership = Membership.objects.get(user=charlie)
    response = alice_client.post(f"/members/manage/boras/colleagues/{membership.pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(user=charlie).exists()


def test_a_person_in_two_organisations_switches_between_them(
    alice_client, alice, centre_val_de_loire
):
    MembershipFactory(user=alice, organisation=centre_val_de_loire, role=Role.CONTACT)
    response = alice_client.post(
        "/members/my-organisation/switch/", {"organisation": centre_val_de_loire.pk}
    )
    assert response["Location"] == "/members/manage/centre-val-de-loire/"
    assert alice_client.get("/members/my-organisation/")["Location"] == (
        "/members/manage/centre-val-de-loire/"
    )


def test_switching_to_an_organisation_i_am_not_in_is_not_found(alice_client, centre_val_de_loire):
    response = alice_client.post(
        "/members/my-organisation/switch/", {"organisation": centre_val_de_loire.pk}
    )
    assert response.status_code == 404
    assert alice_client.get("/members/my-organisation/")["Location"] == "/members/manage/boras/"


def test_organisations_are_untouched_by_refused_actions(alice_client, boras):
    before = Organisation.objects.values().get(pk=boras.pk)
    alice_client.post("/members/manage/boras/edit/", {"name": "", "kind": "x"})
    assert Organisation.objects.values().get(pk=boras.pk) == before


def test_an_invitation_to_a_bad_address_is_refused_next_to_the_field(alice_client):
    response = invite(alice_client, email="not-an-address")
    assert "Enter a valid email address." in response.text
    assert not Invitation.objects.exists()


def test_a_new_colleague_with_mismatched_passwords_is_refused(
    client, alice, boras, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(
            organisation=boras, email="dana@boras.example", role="contact", by=alice
        )
    response = client.post(
        accept_url(mailoutbox),
        {"full_name": "Dana", "password1": "a-long-password-1", "password2": "another-one-22"},
    )
    assert "The two passwords differ." in response.text
    assert not User.objects.filter(email="dana@boras.example").exists()
    assert not Invitation.objects.get().accepted_at


def test_my_organisation_lists_its_matches(alice_client, boras, centre_val_de_loire):
    from matchmaking.models import Match, MatchParty

    request = RequestFactory(organisation=boras, title="Gender equality in guidance")
    match = Match.objects.create(request=request)
    MatchParty.objects.create(match=match, organisation=boras, listing=request, role="requester")
    MatchParty.objects.create(match=match, organisation=centre_val_de_loire, role="host")
    response = alice_client.get("/members/manage/boras/")
    assert "Confirmed, waiting for answers" in response.text


def test_a_withdrawn_invitation_no_longer_works(
    alice_client, client, alice, boras, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(alice_client)
    invitation = Invitation.objects.get()
    response = alice_client.post(
        f"/members/manage/boras/invitations/{invitation.pk}/withdraw/", follow=True
    )
    assert "The invitation to dana@boras.example is withdrawn." in response.text
    alice_client.logout()
    response = client.get(accept_url(mailoutbox))
    assert response.status_code == 400
    assert "This invitation has been withdrawn." in response.text


def test_only_a_coordinator_of_the_organisation_withdraws_an_invitation(
    client, alice, bob, charlie, boras
):
    invitation = services.invitation_send(
        organisation=boras, email="dana@boras.example", role="contact", by=alice
    )
    url = f"/members/manage/boras/invitations/{invitation.pk}/withdraw/"
    client.force_login(bob)
    assert client.post(url).status_code == 403
    client.force_login(charlie)
    assert client.post(url).status_code == 404
    assert Invitation.objects.exists()


def test_a_coordinator_replaces_then_removes_the_logo(alice_client, boras):
    from .helpers import image_upload, svg_upload

    profile = {"name": boras.name, "kind": "local_authority", "country": "SE", "region": "SE232"}
    alice_client.post("/members/manage/boras/edit/", {**profile, "logo": image_upload()})
    boras.refresh_from_db()
    stored = boras.logo.name
    assert stored.startswith("logos/") and stored.endswith(".png")

    response = alice_client.post("/members/manage/boras/edit/", {**profile, "logo": svg_upload()})
    assert "SVG logos are not accepted" in response.text
    boras.refresh_from_db()
    assert boras.logo.name == stored

    alice_client.post("/members/manage/boras/edit/", {**profile, "logo-clear": "on"})
    boras.refresh_from_db()
    assert not boras.logo


def test_removing_a_colleague_asks_first_on_a_page_of_its_own(alice_client, bob):
    membership = Membership.objects.get(user=bob)
    url = f"/members/manage/boras/colleagues/{membership.pk}/remove/"
    manage = alice_client.get("/members/manage/boras/").text
    assert f'href="{url}"' in manage  # a link to the question, not a button that acts

    response = alice_client.get(url)

    assert response.status_code == 200
    assert "Remove Bob Berg from Working Life Department" in response.text
    assert 'data-testid="consequences"' in response.text
    assert 'href="/members/manage/boras/"' in response.text  # the way back
    assert Membership.objects.filter(user=bob).exists()


def test_the_removal_question_is_only_for_a_coordinator_of_the_organisation(
    client, alice, bob, charlie
):
    url = f"/members/manage/boras/colleagues/{Membership.objects.get(user=alice).pk}/remove/"
    client.force_login(bob)
    assert client.get(url).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404


def test_a_removed_colleague_is_no_longer_the_contact_of_the_organisations_listings(
    alice_client, bob, boras
):
    listing = OfferFactory(organisation=boras, contact=bob)
    other = OfferFactory(contact=bob)  # a listing of another organisation they belong to
    membership = Membership.objects.get(user=bob)
    alice_client.post(f"/members/manage/boras/colleagues/{membership.pk}/remove/")
    listing.refresh_from_db()
    other.refresh_from_db()
    assert listing.contact is None
    assert other.contact == bob
