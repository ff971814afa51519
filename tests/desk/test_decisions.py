"""Decisions as buttons on each object's own admin page: the secretariat approves,
rejects, suspends and reinstates an organisation, publishes or returns a listing,
creates the exchange of an accepted match or cancels it, publishes and
unpublishes a case study, sends a failed e-mail again. Each goes through its service, leaves a
history entry, and is the secretariat's alone."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from casestudies.models import CaseStudyStatus
from exchanges.models import Exchange
from listings.models import ListingStatus
from listings.services import listing_submit
from matchmaking.models import Answer, MatchStatus
from matchmaking.services import match_answer, match_confirm
from members.models import MembershipStatus, Organisation, Role
from notifications.models import Notification, NotificationState
from tests.factories import (
    CaseStudyFactory,
    MatchFactory,
    MatchPartyFactory,
    MembershipFactory,
    NotificationFactory,
    OfferFactory,
    OrganisationFactory,
    PublishedCaseStudyFactory,
    RequestFactory,
    UserFactory,
)
from tests.matchmaking.cases import build_boras_case
from tests.otp import verified_login

pytestmark = pytest.mark.django_db


def decide(obj, name):
    info = obj._meta.app_label, obj._meta.model_name
    return reverse("admin:{}_{}_decide".format(*info), args=[obj.pk, name])


def change_page(obj):
    info = obj._meta.app_label, obj._meta.model_name
    return reverse("admin:{}_{}_change".format(*info), args=[obj.pk])


@pytest.fixture
def applicant(db):
    organisation = OrganisationFactory(
        name="Vocational School of Tampere", country="FI", status=MembershipStatus.APPLICANT
    )
    person = UserFactory(email="tuula@tampere.example", is_active=False)
    MembershipFactory(user=person, organisation=organisation, role=Role.COORDINATOR)
    return organisation


def test_applicant_page_shows_approve_and_reject_only(secretariat_client, applicant):
    page = secretariat_client.get(change_page(applicant)).text
    assert "Approve the application" in page
    assert "Reject the application" in page
    assert "Suspend the membership" not in page
    assert decide(applicant, "approve") in page


def test_approve_button_makes_a_member_with_a_history_entry_and_an_email(
    secretariat_client, secretariat, applicant
):
    response = secretariat_client.post(decide(applicant, "approve"), follow=True)

    assert "Vocational School of Tampere is now a member" in response.text
    assert response.redirect_chain[-1][0] == change_page(applicant)
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.ACTIVE
    entry = applicant.history.first()
    assert entry.history_user == secretariat
    assert entry.history_change_reason == "Application approved"
    assert Notification.objects.filter(
        kind="membership_approved", email="tuula@tampere.example"
    ).exists()


def test_reject_button_needs_a_reason_and_changes_nothing_without_one(
    secretariat_client, applicant
):
    response = secretariat_client.post(decide(applicant, "reject"), {"reason": " "}, follow=True)

    assert "Say why the application is rejected" in response.text
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.APPLICANT
    assert not Notification.objects.filter(kind="membership_rejected").exists()


def test_reject_button_keeps_the_reason_in_the_history_and_tells_the_applicant(
    secretariat_client, secretariat, applicant
):
    reason = "We accept public bodies and VET providers only."
    secretariat_client.post(decide(applicant, "reject"), {"reason": reason})

    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.REJECTED
    entry = applicant.history.first()
    assert (entry.history_user, entry.history_change_reason) == (secretariat, reason)
    rejection = Notification.objects.get(kind="membership_rejected")
    assert rejection.context["reason"] == reason


def test_suspend_then_reinstate_buttons_record_who_and_why(secretariat_client, secretariat, boras):
    secretariat_client.post(decide(boras, "suspend"), {"reason": "Membership fee unpaid"})
    boras.refresh_from_db()
    assert boras.status == MembershipStatus.SUSPENDED
    assert boras.history.first().history_change_reason == "Membership fee unpaid"
    assert "Reinstate the membership" in secretariat_client.get(change_page(boras)).text

    secretariat_client.post(decide(boras, "reinstate"))
    boras.refresh_from_db()
    assert boras.status == MembershipStatus.ACTIVE
    entry = boras.history.first()
    assert (entry.history_user, entry.history_change_reason) == (
        secretariat,
        "Membership reinstated",
    )


def test_a_decision_that_no_longer_applies_is_refused_with_the_reason(secretariat_client, boras):
    response = secretariat_client.post(decide(boras, "approve"), follow=True)

    assert "Only an application can be approved." in response.text
    boras.refresh_from_db()
    assert boras.status == MembershipStatus.ACTIVE


@pytest.fixture
def submitted_offer(boras, alice):
    """An offer Borås submitted, Alice its contact."""
    return OfferFactory(
        organisation=boras,
        contact=alice,
        title="We host a study visit on guidance",
        status=ListingStatus.SUBMITTED,
    )


def test_submitted_offer_page_shows_publish_and_return(secretariat_client, submitted_offer):
    page = secretariat_client.get(change_page(submitted_offer)).text
    assert decide(submitted_offer, "publish") in page
    assert decide(submitted_offer, "return") in page


def test_publish_button_opens_the_offer_with_a_history_entry_and_tells_its_contact(
    secretariat_client, secretariat, submitted_offer, alice
):
    response = secretariat_client.post(decide(submitted_offer, "publish"), follow=True)

    assert f"Published: {submitted_offer}" in response.text
    assert response.redirect_chain[-1][0] == change_page(submitted_offer)
    submitted_offer.refresh_from_db()
    assert submitted_offer.status == ListingStatus.OPEN
    assert submitted_offer.published_at is not None
    entry = submitted_offer.history.first()
    assert (entry.history_user, entry.history_change_reason) == (
        secretariat,
        "Published by the secretariat",
    )
    assert Notification.objects.filter(kind="listing_published", email=alice.email).exists()
    assert (
        decide(submitted_offer, "publish")
        not in secretariat_client.get(change_page(submitted_offer)).text
    )


def test_return_button_needs_a_comment_and_keeps_it_in_the_history(
    secretariat_client, secretariat, submitted_offer, alice
):
    response = secretariat_client.post(
        decide(submitted_offer, "return"), {"reason": ""}, follow=True
    )
    assert "Say what the organisation should change." in response.text
    submitted_offer.refresh_from_db()
    assert submitted_offer.status == ListingStatus.SUBMITTED

    comment = "Say which dates in December suit you."
    secretariat_client.post(decide(submitted_offer, "return"), {"reason": comment})

    submitted_offer.refresh_from_db()
    assert submitted_offer.status == ListingStatus.DRAFT
    assert submitted_offer.review_comment == comment
    entry = submitted_offer.history.first()
    assert (entry.history_user, entry.history_change_reason) == (
        secretariat,
        f"Returned by the secretariat: {comment}",
    )
    returned = Notification.objects.get(kind="listing_returned", email=alice.email)
    assert returned.context["comment"] == comment


def test_case_study_publish_and_unpublish_buttons(secretariat_client, secretariat):
    case_study = CaseStudyFactory(title="Gender equality in Borås")
    assert "Publish" in secretariat_client.get(change_page(case_study)).text

    response = secretariat_client.post(decide(case_study, "publish"), follow=True)
    assert "“Gender equality in Borås” is published" in response.text
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.PUBLISHED
    assert case_study.published_at is not None
    assert case_study.history.first().history_user == secretariat

    secretariat_client.post(decide(case_study, "unpublish"), {"reason": "Photo consent missing"})
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.UNPUBLISHED
    entry = case_study.history.first()
    assert (entry.history_user, entry.history_change_reason) == (
        secretariat,
        "Photo consent missing",
    )


def test_failed_email_can_be_sent_again_from_its_page(
    secretariat_client, django_capture_on_commit_callbacks
):
    failed = NotificationFactory(state=NotificationState.FAILED, attempts=5, last_error="refused")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        secretariat_client.post(decide(failed, "resend"))
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (NotificationState.PENDING, 0)
    assert len(queued) == 1


def test_create_the_exchange_button_records_who_created_it(
    secretariat_client, secretariat, boras, centre_val_de_loire, alice
):
    case = build_boras_case(boras, centre_val_de_loire)
    match = match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    for party in match.parties.all():
        match_answer(party=party, answer=Answer.ACCEPTED, by=alice)
    assert "Create the exchange" in secretariat_client.get(change_page(match)).text

    response = secretariat_client.post(decide(match, "create-exchange"), follow=True)

    exchange = Exchange.objects.get(match=match)
    assert response.redirect_chain[-1][0] == change_page(exchange)
    assert f"Exchange “{exchange.title}” created." in response.text
    entry = exchange.history.first()
    assert entry.history_user == secretariat
    assert entry.history_change_reason == f"Created from match {match.pk}"
    assert "Create the exchange" not in secretariat_client.get(change_page(match)).text


def test_cancel_button_keeps_the_reason_in_the_match_history(
    secretariat_client, secretariat, boras, centre_val_de_loire
):
    case = build_boras_case(boras, centre_val_de_loire)
    match = match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)

    secretariat_client.post(decide(match, "cancel"), {"reason": "Borås cannot host after all"})

    match.refresh_from_db()
    assert match.status == MatchStatus.CANCELLED
    entry = match.history.first()
    assert (entry.history_user, entry.history_change_reason) == (
        secretariat,
        "Borås cannot host after all",
    )


def _every_decision(boras):
    applicant = OrganisationFactory(status=MembershipStatus.APPLICANT)
    submitted = RequestFactory(status=ListingStatus.SUBMITTED)
    suspended = OrganisationFactory(status=MembershipStatus.SUSPENDED)
    draft = CaseStudyFactory()
    published = PublishedCaseStudyFactory()
    failed = NotificationFactory(state=NotificationState.FAILED)
    accepted = MatchFactory(status=MatchStatus.ACCEPTED)
    MatchPartyFactory(match=accepted, listing=OfferFactory(status=ListingStatus.MATCHED))
    confirmed = MatchFactory()
    return [
        (submitted, "publish"),
        (submitted, "return"),
        (accepted, "create-exchange"),
        (confirmed, "cancel"),
        (applicant, "approve"),
        (applicant, "reject"),
        (boras, "suspend"),
        (suspended, "reinstate"),
        (draft, "publish"),
        (published, "unpublish"),
        (failed, "resend"),
    ]


def _state(obj):
    obj.refresh_from_db()
    return getattr(obj, "status", None) or obj.state


def test_a_member_gets_403_from_every_decision_and_nothing_changes(client, alice, boras):
    client.force_login(alice)
    for obj, name in _every_decision(boras):
        before = _state(obj)
        response = client.post(decide(obj, name), {"reason": "because"})
        assert response.status_code == 403, name
        assert _state(obj) == before, name


def test_staff_without_the_permission_gets_403(client, boras):
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__startswith="view_")  # may look, not decide
    )
    verified_login(client, clerk)
    for obj, name in _every_decision(boras):
        before = _state(obj)
        assert client.post(decide(obj, name), {"reason": "because"}).status_code == 403, name
        assert _state(obj) == before, name
        assert 'data-testid="decisions"' not in client.get(change_page(obj)).text


def test_a_visitor_is_sent_to_sign_in_and_nothing_changes(client, boras):
    for obj, name in _every_decision(boras):
        before = _state(obj)
        response = client.post(decide(obj, name))
        assert response.status_code == 302 and "/login/" in response["Location"], name
        assert _state(obj) == before, name


def test_a_decision_is_taken_by_post_only(secretariat_client, applicant):
    assert secretariat_client.get(decide(applicant, "approve")).status_code == 405
    assert secretariat_client.post(decide(applicant, "no-such-thing")).status_code == 404
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.APPLICANT


def test_a_decision_taken_twice_from_a_stale_page_is_refused_the_second_time(
    secretariat_client, boras, django_capture_on_commit_callbacks
):
    """Two colleagues with the same page open, or a double click: the second
    click is told why nothing happened, never a server error, and leaves no
    second history entry, exchange or e-mail."""
    for obj, name in _every_decision(boras):
        with django_capture_on_commit_callbacks(execute=False):
            first = secretariat_client.post(decide(obj, name), {"reason": "because"})
        assert first.status_code == 302, name
        before = _state(obj)
        entries = obj.history.count() if hasattr(obj, "history") else None
        exchanges, notifications = Exchange.objects.count(), Notification.objects.count()

        with django_capture_on_commit_callbacks(execute=False):
            again = secretariat_client.post(decide(obj, name), {"reason": "because"}, follow=True)

        assert again.status_code == 200, name
        assert 'class="error"' in again.text, name
        assert _state(obj) == before, name
        if entries is not None:
            assert obj.history.count() == entries, name
        assert (Exchange.objects.count(), Notification.objects.count()) == (
            exchanges,
            notifications,
        ), name


def _link_in(mail, label: str) -> str:
    """The path of the link after `label` in an e-mail's text."""
    return urlsplit(mail.body.split(label, 1)[1].split()[0]).path


def test_the_application_emails_link_lands_on_the_approve_button(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    """The secretariat follows "Review it in the admin" from its e-mail and can
    decide there, without going through a bulk action."""
    from tests.members.helpers import application_data

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/join/", application_data())
    (to_secretariat,) = [m for m in mailoutbox if m.to == [secretariat.email]]
    verified_login(client, secretariat)

    page = client.get(_link_in(to_secretariat, "Review it in the admin:")).text

    organisation = Organisation.objects.get(status=MembershipStatus.APPLICANT)
    assert "Approve the application" in page
    assert decide(organisation, "approve") in page


def _admin_link(kind: str) -> str:
    return urlsplit(Notification.objects.get(kind=kind).context["admin_url"]).path


def test_the_submission_emails_link_lands_on_the_publish_button(
    secretariat_client, secretariat, boras, alice
):
    draft = OfferFactory(organisation=boras, contact=alice, status=ListingStatus.DRAFT)
    listing_submit(listing=draft, by=alice)

    page = secretariat_client.get(_admin_link("listing_submitted")).text

    assert 'data-testid="decisions"' in page
    assert "/decide/publish/" in page and "/decide/return/" in page


def test_the_all_accepted_emails_link_lands_on_create_the_exchange(
    secretariat_client, secretariat, boras, centre_val_de_loire, alice
):
    case = build_boras_case(boras, centre_val_de_loire)
    match = match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    for party in match.parties.all():
        match_answer(party=party, answer=Answer.ACCEPTED, by=alice)

    page = secretariat_client.get(_admin_link("match_accepted_to_secretariat")).text

    assert decide(match, "create-exchange") in page
