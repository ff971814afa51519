"""Writes for matchmaking events: registering, asking for and answering
meetings, building the schedule. Views, admin actions and commands call these."""

from dataclasses import dataclass

import rules
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.refusals import Refusal
from core.workflow import StaleState, change_status
from matchmaking.models import Match
from matchmaking.services import match_confirm
from members.models import Membership, MembershipStatus
from members.permissions import is_member_of

from . import notices, selectors
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
from .scheduler import placements


class EventError(Refusal):
    """A refusal, in words the person can act on."""


def registration_refusal(*, event: Event, organisation=None, now=None) -> str | None:
    """Why the event takes no registration now (from this organisation, if
    given), in words for its page; None when open."""
    try:
        _check_open(event, now or timezone.now())
        if organisation is not None:
            _check_not_registered(event, organisation)
    except EventError as refusal:
        return str(refusal)
    return None


def _check_not_registered(event: Event, organisation) -> None:
    if Registration.objects.filter(event=event, organisation=organisation).exists():
        raise EventError(_("Your organisation is already registered for this event."))


def _check_open(event: Event, now) -> None:
    if event.status != EventStatus.PUBLISHED:
        raise EventError(_("This event is not open for registration."))
    if now > event.registration_deadline:
        raise EventError(_("Registration for this event has closed."))


def _check_people(event: Event, organisation, people: list) -> None:
    if not people:
        raise EventError(_("Choose at least one person who will come."))
    if len(people) > event.people_per_organisation:
        raise EventError(
            ngettext(
                "At most %(n)s person per organisation can come.",
                "At most %(n)s people per organisation can come.",
                event.people_per_organisation,
            )
            % {"n": event.people_per_organisation}
        )
    ids = {p.pk for p in people}
    members = set(
        Membership.objects.filter(organisation=organisation, user_id__in=ids).values_list(
            "user_id", flat=True
        )
    )
    if members != ids:
        raise EventError(_("Only people of your organisation can come for it."))
    # A person comes for one organisation: then no organisation booked once per
    # slot means no person booked twice.
    if Registration.objects.filter(event=event, people__in=ids).exists():
        raise EventError(_("One of these people already comes for another organisation."))


@transaction.atomic
def event_register(
    *, event: Event, organisation, people: list, listings=(), by, now=None
) -> Registration:
    """Register an organisation: a place while the event has room, else the
    waiting list. Confirmed registrations are e-mailed to the people coming."""
    now = now or timezone.now()
    # Locked so that two organisations registering at once cannot both take the last place.
    event = Event.objects.select_for_update().get(pk=event.pk)
    _check_open(event, now)
    if organisation.status != MembershipStatus.ACTIVE:
        raise EventError(_("Only member organisations of the partnership can register."))
    if not rules.test_rule("events.register_organisation", by, organisation):
        raise EventError(_("Only people of the organisation can register it."))
    _check_not_registered(event, organisation)
    _check_people(event, organisation, people)
    listings = list(listings)
    for listing in listings:
        _check_brought(listing, organisation)
    # A place left free while the organisations waiting for it were suspended
    # goes to them first, reinstated, in their turn.
    free = _places_free(event)
    free -= len(_fill_free_places(event, free=free))
    status = RegistrationStatus.REGISTERED if free > 0 else RegistrationStatus.WAITING
    registration = Registration.objects.create(
        event=event, organisation=organisation, status=status
    )
    registration.people.set(people)
    registration.listings.set(listings)
    if status == RegistrationStatus.REGISTERED:
        notices.notify_registered(registration, people)
    return registration


def _check_brought(listing, organisation) -> None:
    if listing.organisation_id != organisation.pk or listing.status not in selectors.BRINGABLE:
        raise EventError(_("Bring only open or draft requests and offers of your organisation."))


def registration_bring(*, registration: Registration, listing, by) -> None:
    """Add a request or offer of the organisation to its registration."""
    _acting_for(registration.organisation, by)
    _check_brought(listing, registration.organisation)
    registration.listings.add(listing)


def acting_refusal(*, user, organisation, rule: str = "events.act_for_organisation") -> str | None:
    """Why this person may not act for the organisation at an event (the rule,
    events.permissions), in words for them; None when they may."""
    if rules.test_rule(rule, user, organisation):
        return None
    if not organisation.is_active_member and is_member_of(user, organisation):
        return _(
            "%(organisation)s is not an active member of the partnership: it no longer "
            "acts at events. Its registration and agenda stay readable."
        ) % {"organisation": organisation}
    return _("Only people of %(organisation)s can do this.") % {"organisation": organisation}


def _acting_for(organisation, by, rule: str = "events.act_for_organisation") -> None:
    refusal = acting_refusal(user=by, organisation=organisation, rule=rule)
    if refusal:
        raise EventError(refusal)


def _check_pair(requester: Registration, invitee: Registration) -> None:
    if requester.event_id != invitee.event_id:
        raise EventError(_("Both organisations must be registered for the same event."))
    if requester.organisation_id == invitee.organisation_id:
        raise EventError(_("You cannot ask your own organisation for a meeting."))
    if RegistrationStatus.WAITING in (requester.status, invitee.status):
        raise EventError(_("Organisations on the waiting list cannot meet yet."))
    for side in (requester, invitee):
        # It could answer none (events.permissions).
        if not side.organisation.is_active_member:
            raise EventError(
                _(
                    "%(organisation)s is not an active member of the partnership: "
                    "it takes no meeting requests."
                )
                % {"organisation": side.organisation}
            )
    if requester.event.status != EventStatus.PUBLISHED:
        raise EventError(_("This event is not open."))
    either_way = MeetingRequest.objects.filter(
        requester__in=[requester, invitee], invitee__in=[requester, invitee]
    )
    if either_way.exists():
        raise EventError(_("You have already asked each other for a meeting."))


@transaction.atomic
def meeting_request(*, requester: Registration, invitee: Registration, by) -> MeetingRequest:
    """Ask another registered organisation for a meeting at the event."""
    _acting_for(requester.organisation, by)
    _check_pair(requester, invitee)
    return MeetingRequest.objects.create(
        event_id=requester.event_id, requester=requester, invitee=invitee, requested_by=by
    )


@transaction.atomic
def meeting_propose(*, requester: Registration, invitee: Registration, by) -> MeetingRequest:
    """The secretariat proposes that two registered organisations meet: a request
    in the first one's name, marked as the secretariat's, that the second
    accepts or declines like any other."""
    if not by.is_staff:
        raise EventError(_("Only the secretariat can propose meetings."))
    _check_pair(requester, invitee)
    return MeetingRequest.objects.create(
        event_id=requester.event_id, requester=requester, invitee=invitee, requested_by=by
    )


@transaction.atomic
def meeting_answer(*, meeting_request: MeetingRequest, accept: bool, by) -> MeetingRequest:
    """Accept or decline a request; the one asked answers, once."""
    _acting_for(meeting_request.invitee.organisation, by)
    status = MeetingRequestStatus.ACCEPTED if accept else MeetingRequestStatus.DECLINED
    now = timezone.now()
    # Conditional so that two colleagues answering at once cannot both win.
    changed = MeetingRequest.objects.filter(
        pk=meeting_request.pk, status=MeetingRequestStatus.REQUESTED
    ).update(status=status, answered_by=by, answered_at=now)
    if changed != 1:
        raise StaleState(_("This request has already been answered."))
    meeting_request.refresh_from_db()
    return meeting_request


@dataclass
class Schedule:
    placed: int  # newly placed by this run
    unplaced: int  # accepted meetings still without a slot
    on_hold: int = 0  # accepted meetings kept off it while an organisation is suspended


def _take_off_held(event: Event, meetings: list[Meeting], now) -> list[Meeting]:
    """The meetings on hold (Meeting.is_on_hold: a party suspended, still to
    come) leave the schedule: the slot and table are free again, and the
    partner's people are told once (the suspended organisation acts for nobody
    and is told nothing). The request stays accepted, so the build after a
    reinstatement places it again. Returns the meetings that stay."""
    staying = []
    for meeting in meetings:
        meeting.event = event  # read already, for the rule and the notice's times
        held = meeting.held_by(now)
        if not held:
            staying.append(meeting)
            continue
        for side in (meeting.request.requester, meeting.request.invitee):
            if side.organisation not in held:
                notices.notify_meeting_on_hold(meeting, told=side)
        meeting.delete()  # its seats with it; the history keeps the placement
    return staying


@transaction.atomic
def schedule_build(*, event: Event) -> Schedule:
    """Give every accepted meeting without a place a slot and a table.

    Deterministic greedy (events.scheduler.placements): accepted requests in the
    order they were accepted (then by id); each takes the earliest slot in which
    neither organisation already meets and a table is free, and the lowest free
    table. Meetings already on the schedule stay where they are, since people
    may have planned around them: re-running places only the newcomers, and
    the secretariat may move a meeting by hand in the admin in between. Each
    person of both organisations is e-mailed once when a meeting is placed.
    Meetings with a suspended organisation are kept off the schedule
    (_take_off_held), and placed by the first build after its reinstatement.
    """
    now = timezone.now()
    # Locked: two builds at once would hand out the same tables.
    event = Event.objects.select_for_update().get(pk=event.pk)
    meetings = _take_off_held(
        event,
        list(
            Meeting.objects.filter(event=event).select_related(
                "request__requester__organisation", "request__invitee__organisation"
            )
        ),
        now,
    )
    placed = [
        (m.slot, m.table, (m.request.requester.organisation_id, m.request.invitee.organisation_id))
        for m in meetings
    ]
    accepted = MeetingRequest.objects.filter(
        event=event, status=MeetingRequestStatus.ACCEPTED, meeting__isnull=True
    ).select_related("requester__organisation", "invitee__organisation")
    waiting, on_hold = [], 0
    for request in accepted.order_by("answered_at", "pk"):
        if request.is_on_hold:
            on_hold += 1
        else:
            waiting.append(request)
    unavailable = [
        (slot, organisation)
        for organisation, slots in Registration.objects.filter(event=event).values_list(
            "organisation_id", "unavailable_slots"
        )
        for slot in slots or ()
    ]
    found = placements(
        ((r.pk, (r.requester.organisation_id, r.invitee.organisation_id)) for r in waiting),
        slots=event.slots,
        tables=event.tables,
        placed=placed,
        breaks=event.breaks or (),
        unavailable=unavailable,
    )
    for request in waiting:
        if request.pk not in found:
            continue
        slot, table = found[request.pk]
        meeting = Meeting.objects.create(request=request, event=event, slot=slot, table=table)
        MeetingSeat.objects.bulk_create(
            MeetingSeat(meeting=meeting, event=event, slot=slot, organisation=side.organisation)
            for side in (request.requester, request.invitee)
        )
        notices.notify_scheduled(meeting)
    return Schedule(placed=len(found), unplaced=len(waiting) - len(found), on_hold=on_hold)


def meeting_move_check(meeting: Meeting, *, slot: int, table: int) -> None:
    """The rules a hand-made move keeps: not a meeting on hold, inside the grid,
    a free table, and neither organisation already meeting someone else in that
    slot."""
    event = meeting.event
    held = meeting.held_by()
    if held:
        raise EventError(
            _(
                "This meeting is on hold: %(organisations)s is not an active member of the "
                "partnership, so it is not moved. The next schedule build takes it off the "
                "schedule; after a reinstatement, the build places it again."
            )
            % {"organisations": ", ".join(str(o) for o in held)}
        )
    if not 0 <= slot < event.slots:
        raise EventError(_("This event has slots 0 to %(last)s.") % {"last": event.slots - 1})
    if not 1 <= table <= event.tables:
        raise EventError(_("This event has tables 1 to %(last)s.") % {"last": event.tables})
    if slot in (event.breaks or ()):
        raise EventError(_("That slot is a break."))
    sides = (meeting.request.requester, meeting.request.invitee)
    if any(slot in (side.unavailable_slots or ()) for side in sides):
        raise EventError(_("One of the organisations cannot meet in that slot."))
    others = Meeting.objects.filter(event=event, slot=slot).exclude(pk=meeting.pk)
    if others.filter(table=table).exists():
        raise EventError(_("Table %(t)s is taken in that slot.") % {"t": table})
    organisations = [
        meeting.request.requester.organisation_id,
        meeting.request.invitee.organisation_id,
    ]
    if MeetingSeat.objects.filter(meeting__in=others, organisation_id__in=organisations).exists():
        raise EventError(_("One of the organisations already has a meeting in that slot."))


@transaction.atomic
def meeting_move(*, meeting: Meeting, slot: int, table: int) -> Meeting:
    """Move a meeting to another slot or table by hand; its people are told once
    for each move, with the old and the new time."""
    # The same lock as schedule_build: a move and a build cannot hand out one table twice.
    Event.objects.select_for_update().get(pk=meeting.event_id)
    meeting = Meeting.objects.select_related(
        "event", "request__requester__organisation", "request__invitee__organisation"
    ).get(pk=meeting.pk)
    if (meeting.slot, meeting.table) == (slot, table):
        return meeting
    meeting_move_check(meeting, slot=slot, table=table)
    before = timezone.localtime(meeting.starts_at, meeting.event.zone)
    was = {
        "previous_starts": date_format(before, "DATETIME_FORMAT"),
        "previous_table": meeting.table,
    }
    meeting.slot, meeting.table = slot, table
    meeting.save(update_fields=["slot", "table"])
    MeetingSeat.objects.filter(meeting=meeting).update(slot=slot)
    # The history row of this move names it: one notice per person per move.
    move = meeting.history.latest().history_id
    notices.notify_meeting(meeting, kind="event_meeting_moved", event=f"moved:{move}", extra=was)
    return meeting


@transaction.atomic
def registration_availability_set(*, registration: Registration, unavailable: list, by) -> None:
    """The slots in which the organisation cannot meet; the next schedule build
    leaves them free. A slot where it already meets stays its own: the
    secretariat moves that meeting first."""
    _acting_for(registration.organisation, by)
    event = registration.event
    unavailable = sorted(set(unavailable))
    if any(slot not in event.meeting_slots for slot in unavailable):
        raise EventError(_("Choose among the event's meeting slots."))
    taken = set(
        MeetingSeat.objects.filter(
            event=event, organisation=registration.organisation, slot__in=unavailable
        ).values_list("slot", flat=True)
    )
    if taken:
        raise EventError(
            _("You already have a meeting at %(times)s: ask the secretariat to move it first.")
            % {
                "times": ", ".join(
                    date_format(timezone.localtime(event.slot_start(s), event.zone), "TIME_FORMAT")
                    for s in sorted(taken)
                )
            }
        )
    registration.unavailable_slots = unavailable
    registration.save(update_fields=["unavailable_slots"])


@transaction.atomic
def meeting_follow_up(*, meeting: Meeting, organisation, follow_up: bool, by, now=None) -> None:
    """After the meeting has begun, each organisation says whether it wants to go on.
    A pair where both say yes appears to the secretariat (selectors.follow_ups)."""
    now = now or timezone.now()
    _acting_for(organisation, by)
    if now < meeting.starts_at:
        raise EventError(_("You can say whether to follow up once the meeting has taken place."))
    changed = MeetingSeat.objects.filter(meeting=meeting, organisation=organisation).update(
        follow_up=follow_up
    )
    if changed != 1:
        raise EventError(_("Your organisation was not at this meeting."))


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None) -> Registration | None:
    """Withdraw a registration with its meetings and requests. If it held a
    place, the first active organisation on the waiting list takes it and is
    told; that registration is returned. `by`, when given, must be the secretariat
    or a person of the organisation."""
    if by is not None:
        _acting_for(registration.organisation, by, rule="events.register_organisation")
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    if by is not None and not by.is_staff and timezone.now() >= event.starts_at:
        raise EventError(_("The event has begun: ask the secretariat to cancel."))
    held_a_place = registration.status == RegistrationStatus.REGISTERED
    # Told before the meetings go with the registration: the partners planned around them.
    for meeting in selectors.agenda(registration):
        notices.notify_partner_cancelled(meeting, registration)
    registration.delete()
    if not held_a_place:
        return None
    promoted = _fill_free_places(event, free=_places_free(event))
    return promoted[0] if promoted else None


def places_give_back(organisation) -> list[Registration]:
    """A reinstated organisation waiting for events to come takes the places left
    free while it was suspended, in its turn (with anyone reinstated before it and
    still waiting ahead of it), and is told; those registrations."""
    waiting_for = Registration.objects.filter(
        organisation=organisation,
        status=RegistrationStatus.WAITING,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=timezone.now(),
    ).values_list("event_id", flat=True)
    promoted = []
    for event_id in list(waiting_for):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            promoted += _fill_free_places(event, free=_places_free(event))
    return promoted


def _places_free(event: Event) -> int:
    """The places nobody registered holds (the caller holds the event's lock)."""
    return (
        event.capacity
        - Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
    )


def _fill_free_places(event: Event, *, free: int) -> list[Registration]:
    """Up to `free` organisations of the waiting list take a place, in the order
    they registered, and are told. A suspended one takes none (the rule
    events.take_a_place) and keeps its turn for when it is reinstated. The
    caller holds the event's lock."""
    if free <= 0:
        return []
    waiting = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    # No one acts here: the rule asks only whether the organisation may take it.
    promoted = [r for r in waiting if rules.test_rule("events.take_a_place", None, r.organisation)]
    for registration in promoted[:free]:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        notices.notify_registered(registration, list(registration.people.all()))
    return promoted[:free]


@transaction.atomic
def event_cancel(*, event: Event, by, reason: str = "") -> Event:
    """Cancel an event: its page says so, and everyone registered or waiting
    is told once. Registrations and meetings stay, as the record of it."""
    was = event.status
    event = change_status(event, to=EventStatus.CANCELLED, by=by, reason=reason)
    if was != EventStatus.PUBLISHED:
        return event  # a draft had no one to tell
    notices.notify_event_cancelled(event, reason=reason)
    return event


def follow_up_message(meeting: Meeting) -> str:
    """The match's message to the parties: the meeting is why they are paired."""
    when = timezone.localtime(meeting.starts_at, meeting.event.zone)
    return _(
        "You met at %(event)s on %(when)s (table %(table)s) and both said you want to "
        "follow up: here is the match."
    ) % {
        "event": meeting.event.title,
        "when": date_format(when, "DATETIME_FORMAT"),
        "table": meeting.table,
    }


@transaction.atomic
def follow_up_match_confirm(*, meeting: Meeting, by, message: str = "") -> Match:
    """Turn a meeting both organisations want to follow up into a match, through
    the matchmaking service's own confirmation (the same rules, e-mails and
    history as the curation page), and keep the meeting as the match's origin."""
    # Locked: two members of the secretariat confirming the same pair at once
    # would otherwise both reach match_confirm.
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("event", "request__requester", "request__invitee")
        .get(pk=meeting.pk)
    )
    if meeting.match_id is not None:
        raise StaleState(_("Someone else was faster: a match has already come of this meeting."))
    if list(meeting.seats.values_list("follow_up", flat=True)) != [True, True]:
        raise EventError(_("Only a meeting both organisations want to follow up becomes a match."))
    pairing = selectors.follow_up_pairing(meeting)
    if pairing is None:
        raise EventError(
            _(
                "Neither organisation brought an open request the other's listings could "
                "answer: find partners from a request's page instead."
            )
        )
    match = match_confirm(
        request=pairing.request,
        partners=[pairing.partner],
        by=by,
        message=message or follow_up_message(meeting),
    )
    meeting.match = match
    meeting.save(update_fields=["match"])
    return match
