"""Reminders that time causes in matchmaking: parties that have not answered a
confirmed match after 7 and 14 days, and the secretariat's alert about matches
still unanswered after 21. Beat runs them (matchmaking.tasks); each may run any
number of times, because a notification's key (kind, object, event, recipient)
records it once."""

import datetime

from django.db import transaction
from django.utils import timezone

from members.selectors import coordinators_by_organisation, responsible_for
from notifications.emails import link
from notifications.services import notification_record, notify_secretariat

from .models import Answer, Match, MatchParty, MatchStatus

# (days since confirmation, event): the latest stage reached is the one sent, so
# a beat that was down for a week does not send both reminders at once.
REMINDER_STAGES = ((14, "14d"), (7, "7d"))
# A week after the last reminder, the secretariat steps in.
UNANSWERED_AFTER_DAYS = 21


def match_url(match) -> str:
    return link("matchmaking:detail", match.pk)


def match_reminders_record(*, now=None) -> int:
    """Remind each party that has not answered a confirmed match after 7 and 14
    days, and tell the secretariat about matches still unanswered after 21."""
    now = now or timezone.now()
    first = now - datetime.timedelta(days=REMINDER_STAGES[-1][0])
    parties = list(
        # Not a suspended organisation's: it may not answer. The secretariat's
        # alert after 21 days still names it among those the match waits for.
        MatchParty.objects.awaiting_answer()
        .filter(match__confirmed_at__lte=first)
        .select_related("match__request", "organisation", "listing__contact")
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
            for person in responsible_for(
                organisation_id=party.organisation_id,
                listing=party.listing,
                coordinators=coordinators,
            ):
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
