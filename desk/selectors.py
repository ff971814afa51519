"""Reads: everything that waits for the secretariat, as piles with a count, the
age of the oldest item and the first few items, each linked to the page where
the decision is taken.

Every pile costs two queries (its count and its first rows), whatever the data.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudy, CaseStudyStatus
from casestudies.services import MEMBER_EDIT
from events.selectors import follow_ups_waiting
from exchanges.models import Exchange, ExchangeStatus
from listings.models import Listing, ListingKind, ListingStatus
from matchmaking.models import Answer, Match, MatchParty, MatchStatus
from members.models import MembershipStatus, Organisation
from notifications.models import Notification, NotificationState

# Rows shown in each pile; the pile's link lists them all.
SHOWN = 5


@dataclass
class Item:
    text: str
    url: str
    since: datetime.datetime | datetime.date | None
    detail: str = ""


@dataclass
class Pile:
    key: str
    title: str
    count: int
    list_url: str
    items: list = field(default_factory=list)

    @property
    def oldest(self):
        return self.items[0].since if self.items else None


def _admin(name: str, *args, query: str = "") -> str:
    url = reverse(f"admin:{name}", args=args)
    return f"{url}?{query}" if query else url


def _pile(key, title, queryset, list_url, item) -> Pile:
    return Pile(key, title, queryset.count(), list_url, [item(o) for o in queryset[:SHOWN]])


def unmatched_after_days() -> int:
    return settings.SECRETARIAT_UNMATCHED_AFTER_DAYS


def applications() -> Pile:
    qs = Organisation.objects.filter(status=MembershipStatus.APPLICANT).order_by("created_at")
    return _pile(
        "applications",
        _("Membership applications"),
        qs,
        _admin("members_organisation_changelist", query="status__exact=applicant"),
        lambda o: Item(
            f"{o.name} ({o.country.name})",
            _admin("members_organisation_change", o.pk),
            o.created_at,
        ),
    )


def _submitted(kind: str, key: str, title) -> Pile:
    qs = (
        Listing.objects.filter(kind=kind, status=ListingStatus.SUBMITTED)
        .select_related("organisation")
        .order_by("submitted_at")
    )
    return _pile(
        key,
        title,
        qs,
        _admin(f"listings_{kind}_changelist", query="status__exact=submitted"),
        lambda o: Item(
            f"{o.reference} {o.title}",
            _admin(f"listings_{kind}_change", o.pk),
            o.submitted_at,
            o.organisation.name,
        ),
    )


def unmatched_requests(*, now) -> Pile:
    days = unmatched_after_days()
    qs = (
        Listing.objects.filter(
            kind=ListingKind.REQUEST,
            status=ListingStatus.OPEN,
            published_at__lte=now - datetime.timedelta(days=days),
        )
        .select_related("organisation")
        .annotate(interest_total=Count("interests"))
        .order_by("published_at")
    )
    return _pile(
        "unmatched",
        _("Requests with no match after %(days)d days") % {"days": days},
        qs,
        _admin("listings_request_changelist", query="status__exact=open"),
        lambda o: Item(
            f"{o.reference} {o.title}",
            _admin("matchmaking_match_curate", o.pk),
            o.published_at,
            _("%(organisation)s; expressions of interest: %(n)d")
            % {"organisation": o.organisation.name, "n": o.interest_total},
        ),
    )


def waiting_matches() -> Pile:
    pending = MatchParty.objects.filter(answer=Answer.PENDING).select_related("organisation")
    qs = (
        Match.objects.filter(status=MatchStatus.CONFIRMED)
        .select_related("request")
        .prefetch_related(Prefetch("parties", queryset=pending, to_attr="not_answered"))
        .order_by("confirmed_at")
    )
    return _pile(
        "waiting",
        _("Matches waiting for answers"),
        qs,
        _admin("matchmaking_match_changelist", query="status__exact=confirmed"),
        lambda m: Item(
            f"{m.request.reference} {m.request.title}",
            _admin("matchmaking_match_change", m.pk),
            m.confirmed_at,
            _("not answered: %(names)s")
            % {"names": ", ".join(p.organisation.name for p in m.not_answered)},
        ),
    )


def event_follow_ups() -> Pile:
    """Meetings at an event after which both organisations want to go on:
    each one click from confirming the match it proposes."""
    return _pile(
        "event_follow_ups",
        _("Event meetings both want to follow up"),
        follow_ups_waiting(),
        _admin("events_meeting_changelist", query="follow_up=waiting"),
        lambda m: Item(
            f"{m.request.requester.organisation} – {m.request.invitee.organisation}",
            _admin("events_meeting_follow_up_match", m.pk),
            m.starts_at,
            m.event.title,
        ),
    )


def accepted_without_exchange() -> Pile:
    qs = (
        Match.objects.filter(status=MatchStatus.ACCEPTED, exchange__isnull=True)
        .select_related("request__organisation")
        .order_by("answered_at")
    )
    return _pile(
        "accepted",
        _("Accepted matches without an exchange"),
        qs,
        _admin("matchmaking_match_changelist", query="status__exact=accepted"),
        lambda m: Item(
            f"{m.request.reference} {m.request.title}",
            _admin("matchmaking_match_change", m.pk),
            m.answered_at,
            m.request.organisation.name,
        ),
    )


def exchanges_to_report(*, today) -> Pile:
    # The same rule as the report requests the organisations receive
    # (exchanges.reminders): planned, and over.
    qs = Exchange.objects.filter(status=ExchangeStatus.PLANNED, end_date__lt=today).order_by(
        "end_date"
    )
    return _pile(
        "to_report",
        _("Exchanges to report"),
        qs,
        _admin("exchanges_exchange_changelist", query="status__exact=planned"),
        lambda e: Item(
            e.title,
            _admin("exchanges_exchange_change", e.pk),
            e.end_date,
            f"{e.city}, {e.start_date:%Y-%m-%d} – {e.end_date:%Y-%m-%d}",
        ),
    )


def case_study_drafts_ready() -> Pile:
    """Drafts the organisations have worked on; an untouched draft is not ready."""
    edits = CaseStudy.history.filter(id=OuterRef("pk"), history_change_reason=MEMBER_EDIT)
    qs = (
        CaseStudy.objects.filter(status=CaseStudyStatus.DRAFT)
        .annotate(edited_at=Subquery(edits.order_by("-history_date").values("history_date")[:1]))
        .filter(edited_at__isnull=False)
        .order_by("edited_at")
    )
    return _pile(
        "case_studies",
        _("Case-study drafts ready"),
        qs,
        _admin("casestudies_casestudy_changelist", query="status__exact=draft"),
        lambda c: Item(c.title, _admin("casestudies_casestudy_change", c.pk), c.edited_at),
    )


def failed_emails() -> Pile:
    qs = Notification.objects.filter(state=NotificationState.FAILED).order_by("created_at")
    return _pile(
        "failed_emails",
        _("Failed e-mails"),
        qs,
        _admin("notifications_notification_changelist", query="state__exact=failed"),
        lambda n: Item(
            f"{n.kind.replace('_', ' ')} → {n.email}",
            _admin("notifications_notification_change", n.pk),
            n.created_at,
            n.last_error[:120],
        ),
    )


def what_waits(*, now=None) -> list[Pile]:
    """Every pile, in the order the work flows: members, submissions, matching,
    exchanges, case studies, then the outbox."""
    now = now or timezone.now()
    return [
        applications(),
        _submitted(ListingKind.REQUEST, "requests", _("Submitted requests")),
        _submitted(ListingKind.OFFER, "offers", _("Submitted offers")),
        unmatched_requests(now=now),
        event_follow_ups(),
        waiting_matches(),
        accepted_without_exchange(),
        exchanges_to_report(today=timezone.localdate(now)),
        case_study_drafts_ready(),
        failed_emails(),
    ]
