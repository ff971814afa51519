"""The notifications that time causes: match reminders, the secretariat's alert
about unanswered matches, report requests for ended exchanges, the weekly digest.
Content, recipients, language and links of each email."""

import datetime

import pytest
from django.utils import timezone

from exchanges.models import ExchangeStatus
from exchanges.reminders import exchange_report_requests_record
from listings.models import ListingStatus
from listings.reminders import weekly_digests_record
from matchmaking.models import Answer, Match
from matchmaking.reminders import match_reminders_record
from notifications.models import Notification
from tests.factories import (
    ExchangeFactory,
    ExchangeOrganisationFactory,
    MatchFactory,
    MatchPartyFactory,
    OfferFactory,
    RequestFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run a periodic job as beat would, with the emails it queues sent."""

    def run(job, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return job(**kwargs)

    return run


def confirmed_days_ago(days, *parties):
    match = MatchFactory(request=RequestFactory(title="Gender equality in guidance"))
    Match.objects.filter(pk=match.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=days)
    )
    for organisation, answer in parties:
        MatchPartyFactory(match=match, organisation=organisation, answer=answer)
    match.refresh_from_db()
    return match


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_match_reminder_reaches_the_party_that_has_not_answered_after_7_days(
    send, mailoutbox, alice, bob, charlie, boras, centre_val_de_loire
):
    match = confirmed_days_ago(8, (boras, Answer.PENDING), (centre_val_de_loire, Answer.ACCEPTED))
    send(match_reminders_record)
    assert [m.to for m in mailoutbox] == [["alice@boras.example"]]  # the coordinator only
    message = mailoutbox[0]
    reference = match.request.reference
    assert message.subject == f"Reminder: your answer to the match for {reference} is awaited"
    assert "8 days" not in message.body and "7 days ago" in message.body
    assert "Working Life Department of the municipality of Borås has not answered" in message.body
    assert "http://testserver" not in message.body
    assert f"/matches/{match.pk}/" in message.body
    assert "/inbox/preferences/" in message.body
    assert "/inbox/preferences/" in html_of(message)
    assert ":7d:alice@boras.example" in Notification.objects.get().key


def test_match_reminder_is_sent_once_whatever_how_often_beat_runs(
    send, mailoutbox, alice, boras, centre_val_de_loire
):
    confirmed_days_ago(9, (boras, Answer.PENDING))
    send(match_reminders_record)
    send(match_reminders_record)
    assert len(mailoutbox) == 1


def test_second_reminder_after_14_days_then_the_secretariat_after_21(
    send, mailoutbox, alice, secretariat, boras, centre_val_de_loire
):
    match = confirmed_days_ago(15, (boras, Answer.PENDING), (centre_val_de_loire, Answer.ACCEPTED))
    send(match_reminders_record)
    assert ["14 days ago" in m.body for m in mailoutbox] == [True]

    Match.objects.filter(pk=match.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=22)
    )
    send(match_reminders_record)
    to_secretariat = [m for m in mailoutbox if m.to == ["staff@earlall.example"]]
    assert len(to_secretariat) == 1
    message = to_secretariat[0]
    assert message.subject == (
        f"Match for {match.request.reference} still unanswered after 21 days"
    )
    assert "- Working Life Department of the municipality of Borås" in message.body
    assert "Centre-Val de Loire" not in message.body
    assert f"/admin/matchmaking/match/{match.pk}/change/" in message.body


def test_no_reminder_for_a_match_answered_or_younger_than_7_days(
    send, mailoutbox, alice, boras, centre_val_de_loire
):
    confirmed_days_ago(6, (boras, Answer.PENDING))
    confirmed_days_ago(10, (boras, Answer.ACCEPTED))
    assert send(match_reminders_record) == 0
    assert mailoutbox == []


def test_match_reminder_is_written_in_the_recipients_language(send, mailoutbox, alice, boras):
    alice.language = "fr"
    alice.save()
    confirmed_days_ago(8, (boras, Answer.PENDING))
    send(match_reminders_record)
    assert '<html lang="fr">' in html_of(mailoutbox[0])
    assert Notification.objects.get().language == "fr"


def test_ended_exchange_asks_each_organisation_for_figures_and_a_case_study(
    send, mailoutbox, alice, bob, charlie, boras, centre_val_de_loire
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    exchange = ExchangeFactory(
        title="Advancing Gender Equality", start_date=yesterday, end_date=yesterday
    )
    ExchangeOrganisationFactory(exchange=exchange, organisation=boras, role="host")
    ExchangeOrganisationFactory(exchange=exchange, organisation=centre_val_de_loire, role="sending")
    ExchangeFactory(end_date=yesterday, start_date=yesterday, status=ExchangeStatus.COMPLETED)
    ExchangeFactory(end_date=timezone.localdate(), start_date=yesterday)  # not over yet

    send(exchange_report_requests_record)
    send(exchange_report_requests_record)

    assert sorted(m.to[0] for m in mailoutbox) == [
        "alice@boras.example",
        "charlie@centre-valdeloire.example",
    ]
    message = mailoutbox[0]
    assert message.subject == 'How did "Advancing Gender Equality" go? Report the figures'
    # The date as the pages write it, the month named: never 12/01 for 1 December.
    assert f"ended on {yesterday.day} {yesterday:%b} {yesterday.year}" in message.body
    assert "fewer opportunities" in message.body
    assert "Propose a case study" in message.body
    assert "Propose a case study" in html_of(message)
    assert f"/exchanges/{exchange.pk}/report/" in message.body


@pytest.fixture
def gender(db):
    return ThemeFactory(name="Gender equality")


def test_weekly_digest_lists_new_open_listings_that_fit_the_organisations_themes(
    send, mailoutbox, alice, bob, boras, charlie, centre_val_de_loire, gender
):
    boras.themes.set([gender])
    alice.weekly_digest = True
    alice.save()
    now = timezone.now()
    fits = OfferFactory(
        organisation=centre_val_de_loire,
        title="Study visit on gender inclusion",
        themes=[gender],
        published_at=now - datetime.timedelta(days=2),
    )
    OfferFactory(
        organisation=centre_val_de_loire,
        title="Old offer",
        themes=[gender],
        published_at=now - datetime.timedelta(days=9),
    )
    OfferFactory(
        organisation=centre_val_de_loire,
        title="Green skills",
        themes=[ThemeFactory(name="Green skills")],
        published_at=now,
    )
    OfferFactory(organisation=boras, title="Our own offer", themes=[gender], published_at=now)
    OfferFactory(
        organisation=centre_val_de_loire,
        title="Draft offer",
        themes=[gender],
        published_at=now,
        status=ListingStatus.DRAFT,
    )

    assert send(weekly_digests_record) == 1
    send(weekly_digests_record)

    [message] = mailoutbox
    assert message.to == ["alice@boras.example"]
    assert message.subject == "One new opportunity for your organisation this week"
    assert f"Offer {fits.reference}: Study visit on gender inclusion" in message.body
    assert "Centre-Val de Loire" in message.body
    for absent in ("Old offer", "Green skills", "Our own offer", "Draft offer"):
        assert absent not in message.body
    assert "/inbox/preferences/" in html_of(message)
    year, week, _ = timezone.localdate().isocalendar()
    assert Notification.objects.get().key.startswith(f"weekly_digest:-:{year}-W{week:02d}:")


def test_weekly_digest_is_not_sent_when_nothing_new_fits(send, mailoutbox, alice, boras, gender):
    alice.weekly_digest = True
    alice.save()
    assert send(weekly_digests_record) == 0
    assert mailoutbox == []


def test_jobs_command_runs_the_periodic_jobs_once_each(
    mailoutbox, alice, boras, capsys, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    confirmed_days_ago(8, (boras, Answer.PENDING))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_notification_jobs", "reminders", "digest")
    assert capsys.readouterr().out.splitlines() == ["reminders: 1", "digest: 0"]
    assert [m.to for m in mailoutbox] == [["alice@boras.example"]]
