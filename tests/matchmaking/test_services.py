"""Confirming, answering and turning a match into an exchange."""

import pytest

from core.workflow import StaleState
from exchanges.models import ExchangeRole
from exchanges.services import exchange_create_from_match
from listings.models import ListingStatus
from matchmaking.models import Answer, Match, MatchParty, MatchStatus, PartyRole
from matchmaking.services import (
    AlreadyMatched,
    MatchError,
    match_answer,
    match_confirm,
)
from notifications.emails import render
from notifications.models import Notification
from taxonomy.models import Theme
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def escola_user(case):
    user = UserFactory(email="albert@escola.example", full_name="Albert Peiró")
    MembershipFactory(user=user, organisation=case.escola)
    return user


@pytest.fixture
def confirmed(case, secretariat, alice, charlie, escola_user):
    return match_confirm(
        request=case.request,
        partners=[case.boras_offer, case.escola_offer],
        by=secretariat,
        message="Borås hosts in December; Escola joins.",
    )


def test_match_confirm_creates_the_match_with_parties_scores_and_reasons(confirmed, case):
    parties = {p.organisation.name: p for p in confirmed.parties.all()}
    assert confirmed.status == MatchStatus.CONFIRMED
    assert parties[case.request.organisation.name].role == PartyRole.REQUESTER
    boras = parties["Working Life Department of the municipality of Borås"]
    assert boras.role == PartyRole.HOST
    assert boras.score > 0
    assert {"code": "interest", "fit": True, "params": {}} in boras.reasons
    assert parties["Institut Escola del Treball"].role == PartyRole.PARTICIPANT
    assert all(p.answer == Answer.PENDING for p in parties.values())


def test_match_confirm_moves_the_listings_to_matched(confirmed, case):
    for listing in (case.request, case.boras_offer, case.escola_offer):
        listing.refresh_from_db()
        assert listing.status == ListingStatus.MATCHED


def test_match_confirm_records_who_and_the_message_in_the_history(confirmed, secretariat):
    created = confirmed.history.earliest()
    assert created.history_user == secretariat
    assert created.history_change_reason == "Borås hosts in December; Escola joins."


def test_match_confirm_notifies_each_partys_contact_with_partners_and_reasons(
    confirmed, alice, charlie, escola_user
):
    sent = Notification.objects.filter(kind="match_confirmed")
    assert sorted(n.email for n in sent) == sorted([alice.email, charlie.email, escola_user.email])
    to_charlie = sent.get(email=charlie.email).context
    partners = {p["organisation"]: p for p in to_charlie["partners"]}
    boras = partners["Working Life Department of the municipality of Borås"]
    assert {"name": "Alice Andersson", "email": alice.email} in boras["contacts"]
    themes = next(r for r in boras["reasons"] if r["code"] == "themes")
    # The ids name the theme in each recipient's language (matchmaking.reasons).
    gender = Theme.objects.get(slug="gender-equality")
    assert themes["params"] == {"themes": "Gender equality", "themes_ids": [gender.pk]}
    assert to_charlie["message"] == "Borås hosts in December; Escola joins."
    assert to_charlie["match_url"].endswith(f"/matches/{confirmed.pk}/")


def test_match_confirm_emails_after_commit_in_text_and_html(
    case, secretariat, alice, charlie, escola_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        match_confirm(
            request=case.request,
            partners=[case.boras_offer],
            by=secretariat,
            message="See you in Borås",
        )
    to_charlie = next(m for m in mailoutbox if m.to == [charlie.email])
    assert case.request.reference in to_charlie.subject
    assert "Working Life Department of the municipality of Borås" in to_charlie.body
    assert "alice@boras.example" in to_charlie.body
    assert "See you in Borås" in to_charlie.body
    assert "both work on Gender equality" in to_charlie.body
    # From the reader's side: Centre-Val de Loire brings the group.
    assert "Working Life Department of the municipality of Borås can host 12; you bring 8" in (
        to_charlie.body
    )
    html = to_charlie.alternatives[0][0]
    assert "Accept the match" in html and "/matches/" in html
    assert sorted(m.to[0] for m in mailoutbox) == sorted([alice.email, charlie.email])


def test_match_confirm_twice_for_one_request_refuses_the_second_and_says_why(
    confirmed, case, secretariat
):
    with pytest.raises(AlreadyMatched, match="Someone else was faster: Sara Secretariat"):
        match_confirm(request=case.request, partners=[case.distractors[0]], by=secretariat)
    assert Match.objects.filter(request=case.request).count() == 1


def test_match_confirm_refuses_a_partner_that_is_not_open(case, secretariat):
    closed = case.distractors[4]
    with pytest.raises(MatchError, match="only open listings"):
        match_confirm(request=case.request, partners=[closed], by=secretariat)
    assert not Match.objects.exists()
    case.request.refresh_from_db()
    assert case.request.status == ListingStatus.OPEN


def test_match_answer_all_accept_makes_the_match_accepted(confirmed, alice, charlie, escola_user):
    for user in (alice, charlie, escola_user):
        party = confirmed.parties.get(organisation__memberships__user=user)
        match_answer(party=party, answer=Answer.ACCEPTED, by=user)
    confirmed.refresh_from_db()
    assert confirmed.status == MatchStatus.ACCEPTED
    assert confirmed.answered_at is not None


def test_match_answer_decline_reopens_listings_and_notifies_the_secretariat(
    confirmed, case, alice, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    party = confirmed.parties.get(organisation=case.boras_offer.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        match_answer(party=party, answer=Answer.DECLINED, by=alice, reason="No room in December")
    confirmed.refresh_from_db()
    assert confirmed.status == MatchStatus.DECLINED
    for listing in (case.request, case.boras_offer, case.escola_offer):
        listing.refresh_from_db()
        assert listing.status == ListingStatus.OPEN
    declined = [m for m in mailoutbox if "declined" in m.subject]
    assert [m.to for m in declined] == [[secretariat.email]]
    assert "No room in December" in declined[0].body
    assert "No room in December" in declined[0].alternatives[0][0]


def test_match_answer_decline_without_reason_changes_nothing(confirmed, case, alice):
    party = confirmed.parties.get(organisation=case.boras_offer.organisation)
    with pytest.raises(MatchError, match="reason is required"):
        match_answer(party=party, answer=Answer.DECLINED, by=alice, reason="  ")
    party.refresh_from_db()
    assert party.answer == Answer.PENDING


def test_match_answer_twice_is_refused(confirmed, case, alice):
    party = confirmed.parties.get(organisation=case.boras_offer.organisation)
    match_answer(party=party, answer=Answer.ACCEPTED, by=alice)
    with pytest.raises(StaleState):
        match_answer(
            party=MatchParty.objects.get(pk=party.pk),
            answer=Answer.DECLINED,
            by=alice,
            reason="changed my mind",
        )


def accept_all(match):
    for party in match.parties.all():
        match_answer(party=party, answer=Answer.ACCEPTED, by=None)


def test_exchange_create_from_match_prefills_organisations_roles_dates_and_place(
    confirmed, case, secretariat
):
    accept_all(confirmed)
    exchange = exchange_create_from_match(match=confirmed, by=secretariat)
    roles = {p.organisation.name: p.role for p in exchange.parties.all()}
    assert roles == {
        "Centre-Val de Loire Region - Service Orientation": ExchangeRole.SENDING,
        "Working Life Department of the municipality of Borås": ExchangeRole.HOST,
        "Institut Escola del Treball": ExchangeRole.PARTICIPATING,
    }
    assert exchange.city == "Borås" and exchange.country.code == "SE"
    assert exchange.start_date == case.request.earliest_start
    assert exchange.duration_days == 6
    assert exchange.format.name == "Study visit"
    assert set(exchange.themes.all()) == set(case.request.themes.all())
    assert exchange.match == confirmed


def test_exchange_create_from_match_refuses_a_match_not_yet_accepted(confirmed, secretariat):
    with pytest.raises(MatchError, match="accepted by all parties"):
        exchange_create_from_match(match=confirmed, by=secretariat)


def test_exchange_create_from_match_refuses_a_second_exchange(confirmed, secretariat):
    accept_all(confirmed)
    exchange_create_from_match(match=confirmed, by=secretariat)
    with pytest.raises(MatchError, match="already has its exchange"):
        exchange_create_from_match(match=confirmed, by=secretariat)


def test_match_confirm_does_not_judge_a_co_participant_as_a_host(confirmed):
    escola = confirmed.parties.get(organisation__name="Institut Escola del Treball")
    assert escola.role == PartyRole.PARTICIPANT
    assert not [r for r in escola.reasons if r["code"].startswith("capacity")]


def test_the_exchange_planned_e_mail_names_the_country_in_the_readers_language(
    confirmed, secretariat, escola_user, alice
):
    # The Catalan partner read "a Borås (Sweden)" in an e-mail otherwise in Catalan.
    escola_user.language = "ca"
    escola_user.save(update_fields=["language"])
    accept_all(confirmed)
    exchange_create_from_match(match=confirmed, by=secretariat)

    def text_for(user):
        notification = Notification.objects.get(kind="exchange_planned", recipient=user)
        _, text, _ = render("exchange_planned", notification.context, notification.language)
        return text

    assert "Borås (Suècia)" in text_for(escola_user)
    assert "Borås (Sweden)" in text_for(alice)
