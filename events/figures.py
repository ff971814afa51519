"""The events' figures for the monitoring dashboard and its exports: for each
event, the organisations registered, the meetings held, the pairs that wanted
to follow up, and the matches and exchanges that came of those meetings."""

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.figure_sections import figure_section
from matchmaking.models import MatchStatus

from .models import Event, EventStatus, Meeting, MeetingSeat, Registration, RegistrationStatus

FIGURES = ["registered", "meetings_held", "follow_ups", "matches", "matches_accepted", "exchanges"]


def event_figures(*, year=None, organisation_name=None, now=None) -> list[dict]:
    """One dict per published event, the latest first. With an organisation,
    only its registration and its meetings count. Three queries."""
    now = now or timezone.now()
    events = Event.objects.filter(status=EventStatus.PUBLISHED).order_by("-starts_at")
    if year:
        events = events.filter(starts_at__year=year)
    events = {event.pk: event for event in events}
    registrations = Registration.objects.filter(
        event__in=events, status=RegistrationStatus.REGISTERED
    )
    meetings = Meeting.objects.filter(event__in=events)
    if organisation_name:
        registrations = registrations.filter(organisation__name=organisation_name)
        # A subquery, not a join: the follow-up count below needs both seats.
        theirs = MeetingSeat.objects.filter(organisation__name=organisation_name)
        meetings = meetings.filter(pk__in=theirs.values("meeting"))
    counts = {pk: Counter() for pk in events}
    for row in registrations.values("event").annotate(n=Count("pk")):
        counts[row["event"]]["registered"] = row["n"]
    meetings = meetings.annotate(
        yes=Count("seats", filter=Q(seats__follow_up=True), distinct=True)
    ).select_related("match__exchange")
    for meeting in meetings:
        count, event = counts[meeting.event_id], events[meeting.event_id]
        # Held: its slot has begun (the event does not record attendance).
        count["meetings_held"] += event.slot_start(meeting.slot) <= now
        count["follow_ups"] += meeting.yes == 2
        if meeting.match is not None:
            count["matches"] += 1
            count["matches_accepted"] += meeting.match.status == MatchStatus.ACCEPTED
            count["exchanges"] += hasattr(meeting.match, "exchange")
    return [{"event": event, **{f: counts[pk][f] for f in FIGURES}} for pk, event in events.items()]


@figure_section("events")
def events_table(filters: dict) -> list[dict]:
    """The monitoring dashboard's table of events (core.figure_sections)."""
    rows = [
        [
            f"{figures['event'].title} ({figures['event'].starts_at:%Y-%m-%d})",
            *(figures[f] for f in FIGURES),
        ]
        for figures in event_figures(
            year=filters.get("year"), organisation_name=filters.get("organisation")
        )
    ]
    return [
        {
            "slug": "events",
            "title": _("Matchmaking events and what followed"),
            "headers": [
                _("Event"),
                _("Organisations registered"),
                _("Meetings held"),
                _("Both wanted to follow up"),
                _("Matches that followed"),
                _("Of which accepted"),
                _("Exchanges that followed"),
            ],
            "rows": rows,
            "sheet": _("Events"),
        }
    ]
