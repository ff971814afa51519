"""The e-mails of matchmaking events, recorded in the outbox (one per person and
occasion, by the outbox's key): registered, meeting scheduled, moved or
cancelled, event cancelled, and the reminder the day before."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from notifications.emails import absolute_url
from notifications.services import notification_record

from . import selectors
from .models import Event, EventStatus, Meeting, Registration, RegistrationStatus


def event_context(event: Event) -> dict:
    local = timezone.localtime(event.starts_at, event.zone)
    return {
        "event_title": event.title,
        "event_starts": date_format(local, "DATETIME_FORMAT"),
        "time_zone": event.time_zone,
        "place": event.place or event.online_link,
        "event_url": absolute_url(event.get_absolute_url()),
        "agenda_url": absolute_url(reverse("events:agenda", args=[event.pk])),
    }


def _record_for(people, *, kind: str, about, event: str, context: dict) -> None:
    """One e-mail to each person, addressed by name, once per `event` (the outbox's key)."""
    for person in people:
        notification_record(
            kind=kind,
            recipient=person,
            about=about,
            event=event,
            context={**context, "name": person.get_short_name()},
        )


def _meeting_context(meeting: Meeting, *, partner) -> dict:
    when = timezone.localtime(meeting.starts_at, meeting.event.zone)
    return {
        **event_context(meeting.event),
        "partner": str(partner),
        "meeting_starts": date_format(when, "DATETIME_FORMAT"),
        "table": meeting.table,
    }


def notify_registered(registration: Registration, people: list) -> None:
    context = {**event_context(registration.event), "organisation": str(registration.organisation)}
    _record_for(
        people, kind="event_registered", about=registration, event="registered", context=context
    )


def notify_scheduled(meeting: Meeting) -> None:
    notify_meeting(meeting, kind="event_meeting_scheduled", event="scheduled")


def notify_meeting(meeting: Meeting, *, kind: str, event: str, extra=None) -> None:
    """Each person of both organisations, once per `event` (the outbox's key)."""
    request = meeting.request
    for mine, theirs in (
        (request.requester, request.invitee),
        (request.invitee, request.requester),
    ):
        context = {**_meeting_context(meeting, partner=theirs.organisation), **(extra or {})}
        _record_for(mine.people.all(), kind=kind, about=meeting, event=event, context=context)


def event_reminders_record(*, now=None) -> int:
    """The day before: each person coming to an event that starts within the
    next 24 hours is reminded once (the outbox's key), with their meetings but
    those on hold (Meeting.is_on_hold); beat runs this every hour. Returns the
    people reminded by this run or before."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(days=1),
        status=RegistrationStatus.REGISTERED,
    ).select_related("event", "organisation")
    reminded = 0
    for registration in registrations.prefetch_related("people"):
        context = {
            **event_context(registration.event),
            "organisation": str(registration.organisation),
            "meetings": [
                {
                    "starts": date_format(
                        timezone.localtime(m.starts_at, registration.event.zone), "TIME_FORMAT"
                    ),
                    "partner": str(selectors.partner_of(m, registration).organisation),
                    "table": m.table,
                }
                for m in selectors.agenda(registration)
                # On hold (a party suspended): neither side is reminded of it.
                if not m.is_on_hold(now)
            ],
        }
        people = registration.people.all()
        _record_for(
            people, kind="event_reminder", about=registration, event="day-before", context=context
        )
        reminded += len(people)
    return reminded


def notify_partner_cancelled(meeting: Meeting, leaving: Registration) -> None:
    partner = selectors.partner_of(meeting, leaving)
    _record_for(
        partner.people.all(),
        kind="event_meeting_cancelled",
        about=meeting,
        event="cancelled",
        context=_meeting_context(meeting, partner=leaving.organisation),
    )


def notify_meeting_on_hold(meeting: Meeting, *, told: Registration) -> None:
    """The partner of a suspended organisation: their meeting leaves the schedule."""
    partner = selectors.partner_of(meeting, told)
    _record_for(
        told.people.all(),
        kind="event_meeting_on_hold",
        about=meeting,
        event="on-hold",
        context=_meeting_context(meeting, partner=partner.organisation),
    )


def notify_event_cancelled(event: Event, *, reason: str = "") -> None:
    context = {**event_context(event), "reason": reason}
    registrations = Registration.objects.filter(event=event).prefetch_related("people")
    for registration in registrations:
        _record_for(
            registration.people.all(),
            kind="event_cancelled",
            about=event,
            event="cancelled",
            context=context,
        )
