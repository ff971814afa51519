"""An organisation's agenda as an iCalendar file (RFC 5545), written by hand:
a few events need no library. Times are written in UTC (form 2 of §3.3.5, the
trailing "Z"), which every calendar shows in its reader's own zone; the event's
zone is named in each description for the people who travel."""

import datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import Event, Registration


def _escape(text: str) -> str:
    # §3.3.11: backslash first, then the separators, newlines as \n.
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        # A lone carriage return ends a line for some readers: a name typed with
        # one must not add a property to someone else's calendar.
        .replace("\r", "\\n")
    )


def _fold(line: str) -> list[str]:
    """§3.1: lines of at most 75 octets, continued with a leading space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return [out[0]] + [" " + part for part in out[1:]]


def _utc(moment) -> str:
    return timezone.localtime(moment, datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _vevent(uid: str, start, end, summary: str, location: str, description: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
    ]


def agenda_ics(*, event: Event, items: list[tuple]) -> str:
    """`items` are (uid, start, end, summary, description) for each meeting."""
    host = settings.SITE_URL.split("://")[-1].split("/")[0] or "rsp"
    where = event.place or event.online_link
    zone_note = f"Times in {event.time_zone}: see the event page."
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//EARLALL RSP//Mobility Matchmaking//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *_vevent(
            f"event-{event.pk}@{host}",
            event.starts_at,
            event.ends_at,
            event.title,
            where,
            f"{event.description}\n{zone_note}".strip(),
        ),
    ]
    for uid, start, end, summary, description in items:
        lines += _vevent(f"{uid}@{host}", start, end, summary, where, description)
    lines.append("END:VCALENDAR")
    return "".join(f"{part}\r\n" for line in lines for part in _fold(line))


def registration_ics(registration: Registration) -> str:
    """The event and this organisation's meetings, as its people download them
    and as the confirmation and the reminder attach them.

    A meeting on hold (Meeting.is_on_hold) is left out rather than sent with
    STATUS:CANCELLED: every calendar program removes an event that a refreshed
    subscription no longer holds, whereas a cancelled status is shown by some
    (Apple Calendar, Thunderbird) and ignored by others (Google Calendar and
    Outlook keep it as a plain event), which would send people to a table
    where nobody waits. Reinstated, the meeting comes back under the same UID."""
    items = []
    now = timezone.now()
    for meeting in selectors.agenda(registration):
        if meeting.is_on_hold(now):
            continue
        partner = selectors.partner_of(meeting, registration)
        items.append(
            (
                f"meeting-{meeting.pk}-{registration.organisation_id}",
                meeting.starts_at,
                meeting.ends_at,
                _("Meeting with %(o)s, table %(t)s")
                % {"o": partner.organisation, "t": meeting.table},
                ", ".join(str(p) for p in partner.people.all()),
            )
        )
    return agenda_ics(event=registration.event, items=items)


# A calendar app subscribes to the feed without signing in: the link itself is
# the key, signed so that nobody can make one for another person or event.
FEED_SALT = "events.agenda-feed"


def feed_token(*, user, event: Event) -> str:
    # Without a timestamp: a person's feed keeps one address, the one their
    # calendar subscribed to, whenever the agenda page is shown.
    return signing.Signer(salt=FEED_SALT).sign_object([user.pk, event.pk], compress=True)


def feed_reader(token: str) -> tuple[int, int] | None:
    """(user id, event id) of a genuine link, else None."""
    try:
        user_pk, event_pk = signing.Signer(salt=FEED_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return user_pk, event_pk
