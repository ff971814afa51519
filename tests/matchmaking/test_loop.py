"""The loop closes in people's inboxes: everyone accepted (to every party and the
secretariat), the exchange planned, a decline told to the other partners, and
reminders that stop when nobody has to answer any more. Each email once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchanges.services import exchange_create_from_match
from matchmaking.models import Answer, MatchStatus
from matchmaking.reminders import match_reminders_record
from matchmaking.services import MatchError, match_answer, match_confirm
from members.models import Membership, MembershipStatus
from notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def albert(case):
    user = UserFactory(email="albert@escola.example", full_name="Albert Peiró")
    MembershipFactory(user=user, organisation=case.escola)
    return user


@pytest.fixture
def match(case, secretariat, alice, charlie, albert):
    return match_confirm(
        request=case.request, partners=[case.boras_offer, case.escola_offer], by=secretariat
    )


def party_of(match, user):
    return match.parties.get(organisation__memberships__user=user)


def accept(match, *users):
    for user in users:
        match_answer(party=party_of(match, user), answer=Answer.ACCEPTED, by=user)


def sent(kind):
    return Notification.objects.filter(kind=kind)


def test_nobody_hears_everyone_accepted_before_everyone_has(match, alice, charlie):
    accept(match, alice, charlie)
    assert not sent("match_accepted").exists()
    assert not sent("match_accepted_to_secretariat").exists()


def test_the_last_acceptance_tells_every_party_and_the_secretariat_once(
    match, alice, charlie, albert, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accept(match, alice, charlie, albert)

    to_parties = [m for m in mailoutbox if "next steps" in m.subject]
    assert sorted(m.to[0] for m in to_parties) == sorted([alice.email, charlie.email, albert.email])
    to_alice = next(m for m in to_parties if m.to == [alice.email])
    assert "Everyone accepted the match for" in to_alice.subject
    assert "charlie@centre-valdeloire.example" in to_alice.body  # her partners' contacts
    assert "albert@escola.example" in to_alice.body
    assert "alice@boras.example" not in to_alice.body
    assert "Get in touch with your partners" in to_alice.alternatives[0][0]
    (to_secretariat,) = [m for m in mailoutbox if "create the exchange" in m.subject]
    assert to_secretariat.to == [secretariat.email]
    assert f"/admin/matchmaking/match/{match.pk}/change/" in to_secretariat.body
    assert sent("match_accepted").count() == 3
    assert sent("match_accepted_to_secretariat").count() == 1


def test_everyone_accepted_is_recorded_once_whatever_retries_happen(match, alice, charlie, albert):
    from matchmaking.services import _notify_accepted

    accept(match, alice, charlie, albert)
    _notify_accepted(match)  # as if the step ran again
    assert sent("match_accepted").count() == 3
    assert sent("match_accepted_to_secretariat").count() == 1


def test_creating_the_exchange_tells_every_party_it_is_planned_once(
    match,
    case,
    alice,
    charlie,
    albert,
    secretariat,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    accept(match, alice, charlie, albert)
    with django_capture_on_commit_callbacks(execute=True):
        exchange = exchange_create_from_match(match=match, by=secretariat)

    planned = [m for m in mailoutbox if m.subject.startswith("Your exchange is planned")]
    assert sorted(m.to[0] for m in planned) == sorted([alice.email, charlie.email, albert.email])
    to_charlie = next(m for m in planned if m.to == [charlie.email])
    start = exchange.start_date
    assert f"from {start.day} {start:%b} {start.year}" in to_charlie.subject
    assert "hosted by Working Life Department of the municipality of Borås" in to_charlie.body
    assert f"Reporting opens on {start.day} {start:%b} {start.year}" in to_charlie.body
    assert reverse("exchanges:report", args=[exchange.pk]) in to_charlie.body
    assert sent("exchange_planned").count() == 3


def test_a_decline_tells_the_other_partners_with_the_reason(
    match, alice, charlie, albert, mailoutbox, django_capture_on_commit_callbacks
):
    accept(match, charlie)
    with django_capture_on_commit_callbacks(execute=True):
        match_answer(
            party=party_of(match, alice), answer=Answer.DECLINED, by=alice, reason="Fully booked"
        )
    told = [m for m in mailoutbox if "will not go ahead" in m.subject]
    assert sorted(m.to[0] for m in told) == sorted([charlie.email, albert.email])
    assert "Fully booked" in told[0].body
    assert "Working Life Department of the municipality of Borås declined" in told[0].body


def test_the_hosts_match_email_says_why_it_was_proposed(
    case, secretariat, alice, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    to_alice = next(m for m in mailoutbox if m.to == [alice.email])
    assert "Why the secretariat proposed you:" in to_alice.body
    assert "both work on Gender equality" in to_alice.body
    to_charlie = next(m for m in mailoutbox if m.to == [charlie.email])
    assert "Why the secretariat proposed you" not in to_charlie.body  # the requester asked


def remind(match, days):
    return match_reminders_record(now=match.confirmed_at + datetime.timedelta(days=days))


def test_reminders_go_only_to_those_who_have_not_answered(match, alice, charlie, albert):
    accept(match, alice)
    remind(match, 8)
    reminded = set(sent("match_reminder").values_list("email", flat=True))
    assert reminded == {charlie.email, albert.email}


def test_reminders_stop_once_the_match_is_agreed_or_off(match, alice, charlie, albert):
    accept(match, alice, charlie, albert)
    assert remind(match, 8) == 0
    assert remind(match, 22) == 0
    assert not sent("match_reminder").exists()
    assert not sent("match_unanswered").exists()


def test_reminders_stop_after_a_decline(match, alice):
    match_answer(party=party_of(match, alice), answer=Answer.DECLINED, by=alice, reason="No")
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED
    assert remind(match, 15) == 0


def test_a_removed_colleague_is_reminded_no_more(match, case, alice, bob):
    from members.services import colleague_remove

    case.boras_offer.contact = bob
    case.boras_offer.save()
    colleague_remove(membership=Membership.objects.get(user=bob), by=alice)
    remind(match, 8)
    reminded = set(sent("match_reminder").values_list("email", flat=True))
    assert bob.email not in reminded
    assert alice.email in reminded  # the coordinator answers for Borås now


def test_a_late_match_reaches_the_secretariat_once_then_stops(match, secretariat):
    late = timezone.now() + datetime.timedelta(days=22)
    match_reminders_record(now=late)
    match_reminders_record(now=late + datetime.timedelta(days=1))
    assert sent("match_unanswered").count() == 1


def test_a_suspended_party_is_not_reminded_and_the_secretariat_hears_it_waits(
    match, case, alice, charlie, albert, secretariat
):
    accept(match, alice, charlie)
    case.escola.status = MembershipStatus.SUSPENDED
    case.escola.save()
    assert remind(match, 8) == 0  # Escola may not answer: its people are not asked to
    remind(match, 22)
    [alert] = sent("match_unanswered")
    assert alert.email == secretariat.email
    assert "Institut Escola del Treball" in str(alert.context["waiting"])


def test_a_suspended_organisation_cannot_be_matched(case, secretariat):
    case.escola.status = MembershipStatus.SUSPENDED
    case.escola.save()
    with pytest.raises(MatchError, match="is not an active member: it cannot be matched now"):
        match_confirm(
            request=case.request, partners=[case.boras_offer, case.escola_offer], by=secretariat
        )
    assert not case.request.matches.exists()
    case.boras_offer.refresh_from_db()
    assert case.boras_offer.status == "open"
