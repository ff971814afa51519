"""Event pages: the public list and event page, registering, whom to meet,
asking for and answering meetings, the agenda and its iCalendar file."""

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.workflow import StaleState
from members.selectors import current_organisation, places_of

from . import selectors, services
from .calendar import feed_reader, feed_token, registration_ics
from .forms import RegistrationForm
from .models import Meeting, MeetingRequest, Registration, RegistrationStatus


def event_list(request):
    # What is still to come first; the events that took place after it, latest first.
    now = timezone.now()
    events = sorted(selectors.events_public(), key=lambda event: event.starts_at)
    upcoming = [event for event in events if event.ends_at >= now]
    past = [event for event in reversed(events) if event.ends_at < now]
    return render(request, "events/list.html", {"events": upcoming, "past_events": past})


def _acting(request, registration, rule="events.act_for_organisation") -> None:
    """403 with the reason to a person who may not act for the registered
    organisation (a suspended one's people still read the event and agenda)."""
    refusal = services.acting_refusal(
        user=request.user, organisation=registration.organisation, rule=rule
    )
    if refusal:
        raise PermissionDenied(refusal)


def _registration_refusal(request, event, registration) -> str | None:
    refusal = services.registration_refusal(event=event)
    if refusal or registration is not None or not request.user.is_authenticated:
        return refusal
    if places_of(request.user) and not rules.test_rule("members.act_for_member", request.user):
        # Said on the page rather than by the form's 403 (event_register).
        return _("Only member organisations of the partnership can register.")
    return None


def event_detail(request, pk):
    event = selectors.event_public(pk, user=request.user)
    registration = selectors.registration_for(event, request.user)
    context = {
        "event": event,
        "registration": registration,
        "registration_refusal": _registration_refusal(request, event, registration),
        "may_act": registration is not None
        and rules.test_rule("events.act_for_organisation", request.user, registration.organisation),
    }
    if registration and registration.status == RegistrationStatus.REGISTERED:
        context.update(
            attendees=selectors.attendees(event),
            to_meet=selectors.people_to_meet(registration),
            requests=selectors.meeting_requests_of(registration),
            reader_organisation=registration.organisation,
        )
    return render(request, "events/detail.html", context)


@login_required
def event_register(request, pk):
    event = selectors.event_public(pk, user=request.user)
    organisation = current_organisation(request)
    if organisation is None and request.user.memberships.exists():
        # A suspended or not yet approved organisation acts for nobody.
        raise PermissionDenied(_("Only member organisations of the partnership can register."))
    if organisation is None:
        raise Http404
    # Back from describing a new request or offer: it comes ticked (another
    # organisation's is a 404, whatever else is said).
    brought = request.GET.get("listing")
    initial = {}
    if brought:
        initial["listings"] = [selectors.listing_to_bring(organisation, brought)]
    refusal = services.registration_refusal(event=event, organisation=organisation)
    if refusal and request.method != "POST":
        # Said before the form is filled in, not after.
        messages.error(request, refusal)
        return redirect(event)
    form = RegistrationForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.event_register(
                event=event,
                organisation=organisation,
                people=list(form.cleaned_data["people"]),
                listings=form.cleaned_data["listings"],
                by=request.user,
            )
        except services.EventError as refusal:
            form.add_error(None, str(refusal))
        else:
            if registration.status == RegistrationStatus.WAITING:
                messages.info(request, _("The event is full: you are on the waiting list."))
            else:
                messages.success(request, _("Registered. A confirmation is on its way."))
            return redirect(event)
    return render(
        request,
        "events/register.html",
        {"event": event, "form": form, "organisation": organisation},
    )


@login_required
def listing_bring(request, pk):
    """Where the listing form returns with a new request or offer: a registered
    organisation confirms that it brings it; one not yet registered registers
    with it ticked."""
    event = selectors.event_public(pk, user=request.user)
    organisation = current_organisation(request)
    if organisation is None:
        raise Http404
    listing = selectors.listing_to_bring(organisation, request.GET.get("listing", ""))
    registration = selectors.registration_for(event, request.user)
    if registration is None or registration.organisation_id != organisation.pk:
        url = reverse("events:register", args=[event.pk])
        return redirect(f"{url}?{urlencode({'listing': listing.reference})}")
    if request.method == "POST":
        try:
            services.registration_bring(registration=registration, listing=listing, by=request.user)
        except services.EventError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, _("%(listing)s comes to the event with you.") % {"listing": listing.title}
            )
        return redirect(event)
    return render(
        request,
        "events/bring.html",
        {"event": event, "listing": listing, "registration": registration},
    )


@login_required
def registration_cancel(request, pk):
    """GET: what cancelling gives up; POST: cancel, and the waiting list moves up."""
    event = selectors.event_public(pk, user=request.user)
    registration = selectors.registration_for(event, request.user)
    if registration is None:
        raise Http404
    _acting(request, registration, rule="events.register_organisation")
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, by=request.user)
        except services.EventError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("%(o)s's registration is cancelled.") % {"o": registration.organisation},
            )
        return redirect(event)
    return render(
        request,
        "events/cancel.html",
        {
            "event": event,
            "registration": registration,
            "meetings": selectors.agenda(registration),
        },
    )


@login_required
@require_POST
def meeting_ask(request, pk, registration_pk):
    event = selectors.event_public(pk, user=request.user)
    mine = selectors.registration_attending(event, request.user)
    _acting(request, mine)
    theirs = get_object_or_404(Registration, pk=registration_pk, event=event)
    try:
        services.meeting_request(requester=mine, invitee=theirs, by=request.user)
    except services.EventError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Meeting requested from %(o)s.") % {"o": theirs.organisation})
    return redirect(event)


@login_required
@require_POST
def meeting_answer(request, pk, request_pk):
    event = selectors.event_public(pk, user=request.user)
    mine = selectors.registration_attending(event, request.user)
    _acting(request, mine)
    asked = get_object_or_404(MeetingRequest, pk=request_pk, invitee=mine)
    accept = request.POST.get("answer") == "accept"
    try:
        services.meeting_answer(meeting_request=asked, accept=accept, by=request.user)
    except (services.EventError, StaleState) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Accepted.") if accept else _("Declined."))
    return redirect(event)


@login_required
@require_POST
def meeting_follow_up(request, pk, meeting_pk):
    event = selectors.event_public(pk, user=request.user)
    mine = selectors.registration_attending(event, request.user)
    _acting(request, mine)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, event=event)
    try:
        services.meeting_follow_up(
            meeting=meeting,
            organisation=mine.organisation,
            follow_up=request.POST.get("follow_up") == "yes",
            by=request.user,
        )
    except services.EventError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Noted."))
    return redirect("events:agenda", pk=event.pk)


def _agenda_rows(registration):
    return [
        {"meeting": m, "partner": selectors.partner_of(m, registration)}
        for m in selectors.agenda(registration)
    ]


@login_required
def agenda(request, pk):
    event = selectors.event_public(pk, user=request.user)
    registration = selectors.registration_attending(event, request.user)
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "registration": registration,
            "rows": _agenda_rows(registration),
            "now": timezone.now(),
            "may_act": rules.test_rule(
                "events.act_for_organisation", request.user, registration.organisation
            ),
            "slots": [
                {
                    "slot": slot,
                    "starts": event.slot_start(slot),
                    "unavailable": slot in (registration.unavailable_slots or ()),
                }
                for slot in event.meeting_slots
            ],
            "feed_url": request.build_absolute_uri(
                reverse("events:agenda-feed", args=[feed_token(user=request.user, event=event)])
            ),
        },
    )


@login_required
@require_POST
def availability(request, pk):
    event = selectors.event_public(pk, user=request.user)
    mine = selectors.registration_attending(event, request.user)
    _acting(request, mine)
    chosen = [int(v) for v in request.POST.getlist("unavailable") if v.isdigit()]
    try:
        services.registration_availability_set(
            registration=mine, unavailable=chosen, by=request.user
        )
    except services.EventError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Saved: no meeting will be placed when you cannot meet."))
    return redirect("events:agenda", pk=event.pk)


@login_required
def agenda_print(request, pk):
    """The agenda on paper: the meetings, their tables and the people, nothing else."""
    event = selectors.event_public(pk, user=request.user)
    registration = selectors.registration_attending(event, request.user)
    return render(
        request,
        "events/agenda_print.html",
        {"event": event, "registration": registration, "rows": _agenda_rows(registration)},
    )


def agenda_feed(request, token):
    """The person's agenda as a calendar subscription, by its signed link; it
    stops working when they no longer come to the event."""
    found = feed_reader(token)
    if found is None:
        raise Http404
    user = get_object_or_404(get_user_model(), pk=found[0], is_active=True)
    event = get_object_or_404(selectors.events_public(), pk=found[1])
    registration = selectors.registration_attending(event, user)
    return HttpResponse(registration_ics(registration), content_type="text/calendar; charset=utf-8")


@login_required
def agenda_calendar(request, pk):
    event = selectors.event_public(pk, user=request.user)
    registration = selectors.registration_attending(event, request.user)
    response = HttpResponse(
        registration_ics(registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-agenda.ics"'
    return response
