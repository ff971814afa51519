"""Rows for what is under way: written directly, as the services would leave
them, without sending the notifications the services send."""

import datetime

from django.utils import timezone

from listings.models import Listing, SavedSearch
from matchmaking.models import Answer, Match, MatchParty, MatchStatus
from members.models import Invitation, Membership, User

from .activity import (
    DECLINED_MATCH,
    EXPIRING_SOON,
    EXTRA_MEMBERSHIPS,
    INVITATIONS,
    PENDING_MATCH,
    SAVED_SEARCHES,
)
from .case_loader import scored


def load_activity(*, orgs, people, by, today):
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(10)))
    save_pending_match(orgs, people, by, now)
    save_declined_match(orgs, people, by, now)
    for email, slug, role in EXTRA_MEMBERSHIPS:
        Membership.objects.update_or_create(
            user=User.objects.get(email=email), organisation=orgs[slug], defaults={"role": role}
        )
    for slug, email, role, inviter, days in INVITATIONS:
        invitation, _ = Invitation.objects.update_or_create(
            organisation=orgs[slug],
            email=email,
            accepted_at=None,
            defaults={"role": role, "invited_by": User.objects.get(email=inviter)},
        )
        # created_at is auto_now_add: backdate it to when the coordinator sent it.
        sent = now - datetime.timedelta(days=days)
        Invitation.objects.filter(pk=invitation.pk).update(created_at=sent)
    for email, name, query, notify in SAVED_SEARCHES:
        SavedSearch.objects.update_or_create(
            user=User.objects.get(email=email),
            name=name,
            defaults={"query": query, "notify": notify},
        )
    Listing.objects.filter(external_ref=EXPIRING_SOON["ref"]).update(
        expires_on=today + datetime.timedelta(days=EXPIRING_SOON["days"])
    )


def save_match(data, status, by, confirmed_at, answered_at=None):
    request = Listing.objects.get(external_ref=data["request"])
    match, _ = Match.objects.update_or_create(
        request=request,
        defaults={
            "status": status,
            "message": data["message"],
            "confirmed_by": by,
            "answered_at": answered_at,
        },
    )
    # confirmed_at is auto_now_add: backdate it to when the secretariat confirmed.
    Match.objects.filter(pk=match.pk).update(confirmed_at=confirmed_at)
    return match


def save_party(match, orgs, people, row, *, answered_at, decline_reason=""):
    slug, ref, role, answer = row[:4]
    score, reasons = scored(match.request, Listing.objects.get(external_ref=ref), role)
    MatchParty.objects.update_or_create(
        match=match,
        organisation=orgs[slug],
        defaults={
            "listing": Listing.objects.get(external_ref=ref),
            "role": role,
            "score": score,
            "reasons": reasons,
            "answer": answer,
            "answered_by": None if answer == Answer.PENDING else people[slug],
            "answered_at": None if answer == Answer.PENDING else answered_at,
            "decline_reason": decline_reason if answer == Answer.DECLINED else "",
        },
    )


def save_pending_match(orgs, people, by, now):
    data = PENDING_MATCH
    days = datetime.timedelta(days=1)
    match = save_match(data, MatchStatus.CONFIRMED, by, now - data["days_ago"] * days)
    for row in data["parties"]:
        answered = row[4]
        answered_at = now - answered * days if answered is not None else None
        save_party(match, orgs, people, row, answered_at=answered_at)
    return match


def save_declined_match(orgs, people, by, now):
    data = DECLINED_MATCH
    days = datetime.timedelta(days=1)
    answered_at = now - data["answered_days_ago"] * days
    match = save_match(
        data, MatchStatus.DECLINED, by, now - data["days_ago"] * days, answered_at=answered_at
    )
    for row in data["parties"]:
        save_party(
            match,
            orgs,
            people,
            row,
            answered_at=answered_at,
            decline_reason=data["decline_reason"],
        )
    return match
