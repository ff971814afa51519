"""Reads for matchmaking events: the public pages, the attendees a registered
member sees, who they should meet and their agenda."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from listings.models import Listing, ListingKind, ListingStatus
from matchmaking.candidates import tag_ids
from matchmaking.rankings import ranking_for
from matchmaking.reasons import reason
from members.models import MembershipStatus

from .models import (
    Event,
    EventStatus,
    Meeting,
    MeetingRequest,
    MeetingRequestStatus,
    MeetingSeat,
    Registration,
    RegistrationStatus,
)

# A new draft can come to the event too: the member describes it from the
# registration (events.views.listing_bring) and publishes it later.
BRINGABLE = (ListingStatus.OPEN, ListingStatus.DRAFT, ListingStatus.SUBMITTED)


def listing_to_bring(organisation, reference: str) -> Listing:
    """A request or offer of this organisation that it can bring: 404 for
    anyone else's, so that nobody brings (or learns of) another's draft."""
    return get_object_or_404(
        Listing, organisation=organisation, reference=reference, status__in=BRINGABLE
    )


def events_public():
    """Published and cancelled events (a cancelled one says so); drafts stay in the admin."""
    return Event.objects.exclude(status=EventStatus.DRAFT).annotate(
        registered=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        )
    )


def event_public(pk: int, *, user) -> Event:
    events = Event.objects.all() if user.is_staff else events_public()
    return get_object_or_404(events, pk=pk)


def registration_for(event: Event, user) -> Registration | None:
    """The registration of an organisation this person belongs to, if any."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, organisation__memberships__user=user)
        .select_related("organisation", "event")
        .order_by("pk")
        .first()
    )


def registration_attending(event: Event, user) -> Registration:
    """The registration that lets this person see the attendees: 404 otherwise,
    so that nobody learns who comes without coming."""
    registration = registration_for(event, user)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        raise Http404
    return registration


def attendees(event: Event) -> list:
    return list(
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .select_related("organisation")
        .prefetch_related("people")
        .order_by("organisation__name")
    )


def _better(best: dict, registration, candidate, mine, theirs) -> None:
    kept = best.get(registration.pk)
    if kept is None or candidate.score > kept["score"]:
        best[registration.pk] = {
            "registration": registration,
            "score": candidate.score,
            "reasons": candidate.reasons,
            "mine": mine,
            "theirs": theirs,
        }


def _open_requests(listings) -> list:
    return [x for x in listings if x.kind == ListingKind.REQUEST and x.status == ListingStatus.OPEN]


def people_to_meet(registration: Registration, *, limit: int = 20) -> list[dict]:
    """The other registered organisations, best first, as the matching service
    ranks their listings against ours (either side's requests), with its reasons.
    Organisations whose listings the matcher does not pair with ours are left out:
    they stay in the list of attendees. So do suspended organisations, which take
    no meeting request (services._check_pair), as the matcher proposes them to no one."""
    others = list(
        Registration.objects.filter(
            event=registration.event,
            status=RegistrationStatus.REGISTERED,
            organisation__status=MembershipStatus.ACTIVE,
        )
        .exclude(pk=registration.pk)
        .select_related("organisation")
        .prefetch_related("listings")
    )
    mine = list(registration.listings.all())
    theirs = {x.pk: (r, x) for r in others for x in r.listings.all()}
    best: dict = {}
    for request in _open_requests(mine):
        for candidate in ranking_for(request):
            if candidate.listing.pk in theirs:
                other, listing = theirs[candidate.listing.pk]
                _better(best, other, candidate, request, listing)
    mine_by_pk = {x.pk: x for x in mine}
    for other in others:
        for request in _open_requests(other.listings.all()):
            for candidate in ranking_for(request):
                if candidate.listing.pk in mine_by_pk:
                    _better(best, other, candidate, mine_by_pk[candidate.listing.pk], request)
    ranked = sorted(best.values(), key=lambda b: (-b["score"], b["registration"].organisation.name))
    ranked = ranked[:limit]
    notes = language_notes(registration, [item["registration"] for item in ranked])
    for item in ranked:
        note = notes.get(item["registration"].pk)
        if note:
            item["reasons"] = [*item["reasons"], note]
    return ranked


def language_notes(registration: Registration, others: list) -> dict:
    """{other registration: the matcher's "no shared language" reason} for the
    organisations with which this one shares no working language that the event
    is held in (any language when the event names none). The matcher's rule: an
    organisation that states no language is not held to one."""
    # The matcher's own read of organisations' working languages, in one query.
    spoken = tag_ids(
        [],
        names=(),
        organisations={registration.organisation_id} | {o.organisation_id for o in others},
    )["organisations"]
    ours = spoken.get(registration.organisation_id, set())
    held_in = set(registration.event.languages.values_list("pk", flat=True))
    notes = {}
    for other in others:
        theirs = spoken.get(other.organisation_id, set())
        if not ours or not theirs:
            continue
        common = ours & theirs & held_in if held_in else ours & theirs
        if not common:
            notes[other.pk] = reason("no_language", fit=False)
    return notes


def meeting_requests_of(registration: Registration) -> dict:
    both = MeetingRequest.objects.filter(
        Q(requester=registration) | Q(invitee=registration)
    ).select_related("requester__organisation", "invitee__organisation", "meeting", "requested_by")
    found = list(both)
    notes = language_notes(
        registration,
        [r.invitee if r.requester_id == registration.pk else r.requester for r in found],
    )
    for asked in found:
        other = asked.invitee_id if asked.requester_id == registration.pk else asked.requester_id
        asked.language_note = notes.get(other)
    return {
        "received": [r for r in found if r.invitee_id == registration.pk],
        "made": [r for r in found if r.requester_id == registration.pk],
        "asked": {r.invitee_id for r in found} | {r.requester_id for r in found},
    }


def agenda(registration: Registration) -> list[Meeting]:
    """This organisation's meetings, in the order they happen, each with `mine`
    (this organisation's seat, which holds its follow-up answer)."""
    meetings = list(
        Meeting.objects.filter(
            seats__organisation=registration.organisation, event=registration.event
        )
        .select_related(
            "event", "request__requester__organisation", "request__invitee__organisation"
        )
        .prefetch_related(
            Prefetch("request__requester__people"),
            Prefetch("request__invitee__people"),
            Prefetch(
                "seats",
                queryset=MeetingSeat.objects.filter(organisation=registration.organisation),
                to_attr="own_seats",
            ),
        )
        .order_by("slot")
    )
    for meeting in meetings:
        meeting.mine = meeting.own_seats[0]
    return meetings


def partner_of(meeting: Meeting, registration: Registration) -> Registration:
    request = meeting.request
    return request.invitee if request.requester_id == registration.pk else request.requester


def accepted_unscheduled(event: Event) -> dict:
    """The accepted requests without a slot: those a build would place
    ("waiting") and those on hold while a party is suspended (MeetingRequest.is_on_hold)."""
    found = MeetingRequest.objects.filter(
        event=event, status=MeetingRequestStatus.ACCEPTED, meeting__isnull=True
    ).select_related("requester__organisation", "invitee__organisation")
    on_hold = sum(1 for asked in found if asked.is_on_hold)
    return {"waiting": len(found) - on_hold, "on_hold": on_hold}


def follow_ups(event: Event) -> list[Meeting]:
    """Meetings after which both organisations want to go on: candidates for a match."""
    return list(
        Meeting.objects.filter(event=event)
        .exclude(seats__follow_up__isnull=True)
        .exclude(seats__follow_up=False)
        .select_related("request__requester__organisation", "request__invitee__organisation")
        .order_by("slot", "table")
    )


def follow_ups_waiting():
    """Meetings after which both organisations want to go on and no match has
    come of them yet: what waits for the secretariat (desk.selectors)."""
    return (
        Meeting.objects.filter(match__isnull=True)
        .annotate(yes=Count("seats", filter=Q(seats__follow_up=True)))
        .filter(yes=2)
        .select_related(
            "event", "request__requester__organisation", "request__invitee__organisation"
        )
        .order_by("event__starts_at", "slot", "table")
    )


@dataclass
class Pairing:
    """The request and the partner's listing a follow-up's match would join."""

    request: Listing
    partner: Listing
    score: float | None


def follow_up_pairing(meeting: Meeting) -> Pairing | None:
    """Among the listings both organisations brought to the event: an open
    request of one and an open listing of the other, the pair the matcher ranks
    highest (a pair it does not rank comes after). None when neither brought a
    request the other could answer."""
    sides = [meeting.request.requester, meeting.request.invitee]
    brought = {
        side.pk: [x for x in side.listings.all() if x.status == ListingStatus.OPEN]
        for side in sides
    }
    best = None
    for mine, theirs in (sides, sides[::-1]):
        partners = {x.pk: x for x in brought[theirs.pk]}
        for request in _open_requests(brought[mine.pk]):
            scores = {
                c.listing.pk: c.score for c in ranking_for(request) if c.listing.pk in partners
            }
            for pk, partner in partners.items():
                if partner.pk == request.pk:
                    continue
                found = Pairing(request, partner, scores.get(pk))
                if best is None or _ranks_before(found, best):
                    best = found
    return best


def _ranks_before(one: Pairing, other: Pairing) -> bool:
    if other.score is None:
        return one.score is not None
    return one.score is not None and one.score > other.score
