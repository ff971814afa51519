"""The secretariat approves or rejects applications in the admin."""

import pytest
from django.contrib.auth.tokens import default_token_generator

from members import services
from members.models import MembershipStatus, Organisation, Role, User
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/members/organisation/"


@pytest.fixture
def application(db):
    organisation = OrganisationFactory(
        name="Vocational School of Tampere",
        country="FI",
        status=MembershipStatus.APPLICANT,
        joined_on=None,
    )
    person = UserFactory(email="tuula@tampere.example", full_name="Tuula Toivonen", is_active=False)
    person.set_unusable_password()
    person.save()
    MembershipFactory(user=person, organisation=organisation, role=Role.COORDINATOR)
    return organisation


def test_approval_activates_the_organisation_and_the_account_and_sends_a_password_link(
    secretariat_client, secretariat, application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            CHANGELIST,
            {"action": "approve_applications", "_selected_action": [application.pk]},
            follow=True,
        )

    assert "1 application(s) approved." in response.text
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE
    assert application.joined_on is not None
    assert application.history.first().history_user == secretariat
    person = User.objects.get(email="tuula@tampere.example")
    assert person.is_active
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["tuula@tampere.example"]
    assert "Vocational School of Tampere is approved" in email.subject
    html = email.alternatives[0][0]
    assert "Choose your password" in html
    link = next(line for line in email.body.splitlines() if "/accounts/password/reset/" in line)
    uid, token = link.rstrip("/").split("/")[-2:]
    assert default_token_generator.check_token(person, token)


def test_the_approval_link_lets_the_new_member_set_a_password_and_sign_in(
    client, application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(organisation=application)
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.replace("http://127.0.0.1:8000", "")
    response = client.get(path, follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a-long-new-password", "new_password2": "a-long-new-password"},
    )
    assert response.status_code == 302
    assert client.login(username="tuula@tampere.example", password="a-long-new-password")


def test_rejection_asks_for_a_reason_then_emails_it(
    secretariat_client, application, mailoutbox, django_capture_on_commit_callbacks
):
    selected = {"action": "reject_applications", "_selected_action": [application.pk]}
    response = secretariat_client.post(CHANGELIST, selected)
    assert "The applicants receive this reason by email." in response.text
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLICANT

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            CHANGELIST, {**selected, "reason": "We only admit public bodies."}, follow=True
        )

    assert "1 application(s) rejected." in response.text
    application.refresh_from_db()
    assert application.status == MembershipStatus.REJECTED
    assert not User.objects.get(email="tuula@tampere.example").is_active
    assert [m.to for m in mailoutbox] == [["tuula@tampere.example"]]
    assert "We only admit public bodies." in mailoutbox[0].body
    assert "We only admit public bodies." in mailoutbox[0].alternatives[0][0]


def test_bulk_approval_reports_what_it_could_not_do(secretariat_client, application, boras):
    response = secretariat_client.post(
        CHANGELIST,
        {"action": "approve_applications", "_selected_action": [application.pk, boras.pk]},
        follow=True,
    )
    assert "1 application(s) approved." in response.text
    assert "Only an application can be approved." in response.text
    assert Organisation.objects.filter(status=MembershipStatus.ACTIVE).count() == 2


def test_the_secretariat_suspends_and_reinstates_a_member(secretariat_client, client, boras):
    selected = {"_selected_action": [boras.pk]}
    response = secretariat_client.post(
        CHANGELIST, {"action": "suspend_memberships", **selected}, follow=True
    )
    assert "1 member(s) suspended." in response.text
    boras.refresh_from_db()
    assert boras.status == MembershipStatus.SUSPENDED
    assert client.get("/members/organisations/boras/").status_code == 404

    secretariat_client.post(CHANGELIST, {"action": "reinstate_memberships", **selected})
    boras.refresh_from_db()
    assert boras.status == MembershipStatus.ACTIVE


def test_an_applicant_cannot_be_reinstated_instead_of_approved(application):
    with pytest.raises(services.TransitionNotAllowed):
        services.membership_reinstate(organisation=application)
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLICANT


def test_the_status_is_not_editable_in_the_admin_form(secretariat_client, application):
    response = secretariat_client.get(f"{CHANGELIST}{application.pk}/change/")
    assert 'name="status"' not in response.text


def test_rejection_needs_a_reason(application):
    with pytest.raises(services.ValidationError):
        services.application_reject(organisation=application, reason=" ")
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLICANT


def test_members_cannot_approve(alice_client, application):
    alice_client.post(
        CHANGELIST, {"action": "approve_applications", "_selected_action": [application.pk]}
    )
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLICANT


def test_the_admin_list_of_organisations_has_bounded_queries(
    secretariat_client, django_assert_max_num_queries
):
    for n in range(30):
        OrganisationFactory(status=MembershipStatus.APPLICANT, name=f"Applicant {n}")
    with django_assert_max_num_queries(15):
        response = secretariat_client.get(CHANGELIST)
    assert response.status_code == 200


def test_the_secretariat_may_manage_invitations(secretariat):
    assert secretariat.has_perm("members.change_invitation")
    assert secretariat.has_perm("members.view_historicaluser")


def test_a_second_rejection_after_a_new_application_is_emailed_again(
    application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(organisation=application, reason="Incomplete.")
    application.status = MembershipStatus.APPLICANT
    application.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(organisation=application, reason="Still incomplete.")
    assert ["Still incomplete." in m.body for m in mailoutbox] == [False, True]


def test_the_secretariat_sees_a_persons_history(secretariat_client, alice):
    alice.full_name = "Alice Andersson-Berg"
    alice.save()
    assert secretariat_client.get(f"/admin/members/user/{alice.pk}/change/").status_code == 200
    response = secretariat_client.get(f"/admin/members/user/{alice.pk}/history/")
    assert "Alice Andersson-Berg" in response.text


def test_the_admin_list_of_invitations_answers(secretariat_client, alice, boras):
    services.invitation_send(
        organisation=boras, email="dana@boras.example", role="contact", by=alice
    )
    response = secretariat_client.get("/admin/members/invitation/")
    assert "dana@boras.example" in response.text


def test_view_on_site_is_offered_for_active_members_only(secretariat_client, application, boras):
    # An applicant has no public page: the button led the secretariat to a 404.
    page = secretariat_client.get(f"{CHANGELIST}{application.pk}/change/")
    assert page.status_code == 200
    assert "View on site" not in page.text

    member = secretariat_client.get(f"{CHANGELIST}{boras.pk}/change/")
    assert f'href="{boras.get_absolute_url()}"' in member.text
    assert "View on site" in member.text
    assert secretariat_client.get(boras.get_absolute_url()).status_code == 200
