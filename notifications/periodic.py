"""The notifications nobody's action causes, only the passing of time: reminders
of unanswered matches, requests for an ended exchange's figures, the weekly
digest. Beat runs them (settings.CELERY_BEAT_SCHEDULE); each may run any number
of times, because a notification's key (kind, object, event, recipient) records
it once."""

import datetime

from django.db import transaction
from django.utils import timezone

from exchanges.models import Exchange, ExchangeStatus
from listings.models import Listing
from matchmaking.models import Answer, Match, MatchParty, MatchStatus
from members.models import MembershipStatus
from members.selectors import coordinators_by_organisation, digest_subscribers

from .emails import link
from .services import notification_record, notify_secretariat

# (days since confirmation, event): the latest stage reached is the one sent, so
# a beat that was down for a week does not send both reminders at once.
REMINDER_STAGES = ((14, "14d"), (7, "7d"))
# A week after the last reminder, the secretariat steps in.
UNANSWERED_AFTER_DAYS = 21


def match_url(match) -> str:
    return link("matchmaking:detail", match.pk)


def party_recipients(party, coordinators) -> list:
    people = list(coordinators.get(party.organisation_id, []))
    contact = party.listing.contact if party.listing else None
    if contact and contact.is_active and contact not in people:
        people.append(contact)
    return people


def match_reminders_record(*, now=None) -> int:
    """Remind each party that has not answered a confirmed match after 7 and 14
    days, and tell the secretariat about matches still unanswered after 21."""
    now = now or timezone.now()
    first = now - datetime.timedelta(days=REMINDER_STAGES[-1][0])
    parties = list(
        MatchParty.objects.filter(
            answer=Answer.PENDING,
            match__status=MatchStatus.CONFIRMED,
            match__confirmed_at__lte=first,
        ).select_related("match__request", "organisation", "listing__contact")
    )
    coordinators = coordinators_by_organisation(p.organisation_id for p in parties)
    recorded = 0
    for party in parties:
        age = (now - party.match.confirmed_at).days
        days, event = next(stage for stage in REMINDER_STAGES if age >= stage[0])
        context = {
            "organisation": party.organisation.name,
            "reference": party.match.request.reference,
            "title": party.match.request.title,
            "days": days,
            "match_url": match_url(party.match),
        }
        with transaction.atomic():
            for person in party_recipients(party, coordinators):
                notification_record(
                    kind="match_reminder",
                    recipient=person,
                    about=party,
                    context=context,
                    event=event,
                )
                recorded += 1
    return recorded + _unanswered_matches_record(now=now)


def _unanswered_matches_record(*, now) -> int:
    late = now - datetime.timedelta(days=UNANSWERED_AFTER_DAYS)
    matches = (
        Match.objects.filter(
            status=MatchStatus.CONFIRMED, confirmed_at__lte=late, parties__answer=Answer.PENDING
        )
        .distinct()
        .select_related("request")
        .prefetch_related("parties__organisation")
    )
    recorded = 0
    for match in matches:
        waiting = [p.organisation.name for p in match.parties.all() if p.answer == Answer.PENDING]
        context = {
            "reference": match.request.reference,
            "title": match.request.title,
            "waiting": waiting,
            "days": UNANSWERED_AFTER_DAYS,
            "admin_url": link("admin:matchmaking_match_change", match.pk),
        }
        with transaction.atomic():
            recorded += len(
                notify_secretariat(
                    kind="match_unanswered", about=match, context=context, event="21d"
                )
            )
    return recorded


def exchange_report_requests_record(*, today=None) -> int:
    """Ask the organisations of an exchange that has ended for its figures and a
    case study."""
    today = today or timezone.localdate()
    exchanges = list(
        Exchange.objects.filter(status=ExchangeStatus.PLANNED, end_date__lt=today).prefetch_related(
            "parties__organisation"
        )
    )
    organisations = {p.organisation_id for e in exchanges for p in e.parties.all()}
    coordinators = coordinators_by_organisation(organisations)
    recorded = 0
    for exchange in exchanges:
        context = {
            "title": exchange.title,
            "end_date": exchange.end_date.isoformat(),
            "report_url": link("exchanges:report", exchange.pk),
            "case_study_url": link("exchanges:mine"),
        }
        with transaction.atomic():
            for party in exchange.parties.all():
                for person in coordinators.get(party.organisation_id, []):
                    notification_record(
                        kind="exchange_report_due",
                        recipient=person,
                        about=exchange,
                        context=context,
                    )
                    recorded += 1
    return recorded


def iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_digests_record(*, now=None) -> int:
    """Send each subscriber the open requests and offers published in the last
    seven days that share a theme with their organisations, except their own."""
    now = now or timezone.now()
    week = iso_week(timezone.localdate(now))
    listings = list(
        Listing.objects.open()
        .filter(published_at__gte=now - datetime.timedelta(days=7))
        .select_related("organisation")
        .prefetch_related("themes")
        .order_by("-published_at")
    )
    recorded = 0
    for user in digest_subscribers():
        organisations = [
            m.organisation
            for m in user.memberships.all()
            if m.organisation.status == MembershipStatus.ACTIVE
        ]
        own = {o.pk for o in organisations}
        themes = {t.pk for o in organisations for t in o.themes.all()}
        fitting = [
            listing
            for listing in listings
            if listing.organisation_id not in own and themes & {t.pk for t in listing.themes.all()}
        ]
        if not fitting:
            continue
        context = {"week": week, "listings": [digest_item(listing) for listing in fitting]}
        notification_record(kind="weekly_digest", recipient=user, context=context, event=week)
        recorded += 1
    return recorded


def digest_item(listing) -> dict:
    return {
        "reference": listing.reference,
        "kind": listing.kind,
        "title": listing.title,
        "organisation": listing.organisation.name,
        "url": link("listings:listing-detail", listing.reference),
    }
