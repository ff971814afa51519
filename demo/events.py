"""Demo matchmaking events (demo/data/events.yaml), written as they stand:
no service runs, so no e-mail leaves and loading twice adds nothing."""

import datetime
import zoneinfo

from django.utils import timezone

from events.models import (
    Event,
    EventStatus,
    Meeting,
    MeetingRequest,
    MeetingRequestStatus,
    MeetingSeat,
    Registration,
    RegistrationStatus,
)
from listings.models import Listing
from matchmaking.models import Match


def _starts(run, row) -> datetime.datetime:
    """`starts_at` (local time where the event is) or `starts_in_days`, at 09:00."""
    zone = zoneinfo.ZoneInfo(row["time_zone"])
    if "starts_at" in row:
        return row["starts_at"].replace(tzinfo=zone)
    day = run.today + datetime.timedelta(days=row["starts_in_days"])
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=zone)


def load_events(run, rows: list, orgs: dict) -> None:
    for row in rows:
        starts = _starts(run, row)
        event = run.get_or_create(
            Event,
            title=row["title"],
            defaults={
                "description": row["description"],
                "place": row.get("place", ""),
                "online_link": row.get("online_link", ""),
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=row["hours"]),
                "time_zone": row["time_zone"],
                "registration_deadline": starts
                - datetime.timedelta(days=row["deadline_days_before"]),
                "slot_minutes": row["slot_minutes"],
                "slots": row["slots"],
                "tables": row["tables"],
                "status": EventStatus.PUBLISHED,
            },
        )
        if not event.languages.exists():
            event.languages.set(run.terms_of("language", row.get("languages", [])))
        if not run.is_new(event):
            continue
        registrations = {}
        for item in row["registrations"]:
            registration = Registration.objects.create(
                event=event,
                organisation=orgs[item["organisation"]],
                status=RegistrationStatus.REGISTERED,
            )
            registration.people.set([run.coordinators[item["organisation"]]])
            registration.listings.set(Listing.objects.filter(external_ref__in=item["listings"]))
            registrations[item["organisation"]] = registration
        for item in row.get("meetings", []) + row.get("accepted", []):
            request = MeetingRequest.objects.create(
                event=event,
                requester=registrations[item["requester"]],
                invitee=registrations[item["invitee"]],
                status=MeetingRequestStatus.ACCEPTED,
                requested_by=run.coordinators[item["requester"]],
                answered_by=run.coordinators[item["invitee"]],
                answered_at=timezone.now(),
            )
            if "slot" not in item:
                continue
            # The match that came of the meeting, once both said "follow up".
            match = (
                Match.objects.filter(request__external_ref=item["match"]).first()
                if "match" in item
                else None
            )
            meeting = Meeting.objects.create(
                request=request, event=event, slot=item["slot"], table=item["table"], match=match
            )
            MeetingSeat.objects.bulk_create(
                MeetingSeat(
                    meeting=meeting,
                    event=event,
                    slot=item["slot"],
                    organisation=orgs[side],
                    follow_up=item.get("follow_up"),
                )
                for side in (item["requester"], item["invitee"])
            )
