"""The secretariat's workplace for events: the events, who registered, the
requests and the meetings, and the action that builds the schedule."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_decisions import staff_only
from core.history_admin import SimpleHistoryAdmin
from core.refusals import REFUSALS, refusal_text

from . import exports, selectors
from .models import Event, Meeting, MeetingRequest, Registration, RegistrationStatus
from .services import (
    event_cancel,
    follow_up_match_confirm,
    follow_up_message,
    meeting_move,
    meeting_move_check,
    meeting_propose,
    registration_cancel,
    schedule_build,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "starts_at",
        "time_zone",
        "status",
        "working_languages",
        "registered",
        "meetings_placed",
        "schedule_link",
    ]
    list_filter = ["status", "languages"]
    search_fields = ["title", "place"]
    filter_horizontal = ["languages"]
    actions = ["build_schedule", "cancel_events"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered_count=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.REGISTERED),
                    distinct=True,
                ),
                meetings_count=Count("meetings", distinct=True),
            )
            .prefetch_related("languages")
        )

    @admin.display(description=_("working languages"))
    def working_languages(self, obj):
        return ", ".join(language.name for language in obj.languages.all())

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, obj):
        return obj.registered_count

    @admin.display(description=_("meetings placed"), ordering="meetings_count")
    def meetings_placed(self, obj):
        return obj.meetings_count

    @admin.display(description=_("schedule and exports"))
    def schedule_link(self, obj):
        url = reverse("admin:events_event_schedule", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Schedule grid"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/schedule/",
                staff_only(self.admin_site, self.schedule_view),
                name="events_event_schedule",
            ),
            path(
                "<int:pk>/export/<str:what>.<str:fmt>",
                staff_only(self.admin_site, self.export_view),
                name="events_event_export",
            ),
            *super().get_urls(),
        ]

    def schedule_view(self, request, pk):
        """Slots down, tables across: who meets where, each meeting one click
        from its page (where it is moved)."""
        event = get_object_or_404(Event, pk=pk)
        if not self.has_view_permission(request, event):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Schedule of %(event)s") % {"event": event},
            "event": event,
            "grid": exports.schedule_grid(event),
            "tables": range(1, event.tables + 1),
            "unplaced": selectors.accepted_unscheduled(event),
        }
        return TemplateResponse(request, "events/admin/schedule_grid.html", context)

    def export_view(self, request, pk, what, fmt):
        event = get_object_or_404(Event, pk=pk)
        # Who comes, with their e-mail addresses: for those who may see the event.
        if not self.has_view_permission(request, event):
            raise PermissionDenied
        makers = {"agenda": exports.agenda_table, "attendees": exports.attendees_table}
        if what not in makers or fmt not in ("csv", "xlsx"):
            raise Http404
        headers, rows = makers[what](event)
        filename = f"event-{event.pk}-{what}.{fmt}"
        if fmt == "csv":
            response = HttpResponse(
                exports.as_csv(headers, rows), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(exports.as_xlsx(what, headers, rows), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description=_("Cancel (everyone registered is told)"), permissions=["change"])
    def cancel_events(self, request, queryset):
        for event in queryset:
            try:
                event_cancel(event=event, by=request.user)
            except REFUSALS as refusal:
                self.message_user(request, f"{event}: {refusal_text(refusal)}", messages.ERROR)
            else:
                self.message_user(
                    request, _("%(event)s is cancelled.") % {"event": event}, messages.SUCCESS
                )

    @admin.action(
        description=_("Build the schedule (places new accepted meetings only)"),
        permissions=["change"],
    )
    def build_schedule(self, request, queryset):
        for event in queryset:
            result = schedule_build(event=event)
            level = messages.WARNING if result.unplaced or result.on_hold else messages.SUCCESS
            text = _("%(event)s: %(placed)s meetings placed, %(unplaced)s without a free slot.") % {
                "event": event,
                "placed": result.placed,
                "unplaced": result.unplaced,
            }
            if result.on_hold:
                text += " " + _(
                    "%(on_hold)s on hold while an organisation is not an active member of the "
                    "partnership: the build after its reinstatement places them."
                ) % {"on_hold": result.on_hold}
            self.message_user(request, text, level)


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    list_select_related = ["organisation", "event"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "listings", "people"]
    actions = ["cancel_registrations", "propose_meetings"]

    @admin.action(
        description=_("Propose that the selected organisations meet (each pair)"),
        permissions=["change"],
    )
    def propose_meetings(self, request, queryset):
        chosen = list(queryset.select_related("organisation", "event").order_by("pk"))
        proposed, refused = 0, []
        for i, first in enumerate(chosen):
            for second in chosen[i + 1 :]:
                try:
                    meeting_propose(requester=first, invitee=second, by=request.user)
                except REFUSALS as refusal:
                    refused.append(
                        f"{first.organisation} – {second.organisation}: {refusal_text(refusal)}"
                    )
                else:
                    proposed += 1
        self.message_user(
            request,
            _("%(n)s meetings proposed; each organisation asked accepts or declines.")
            % {"n": proposed},
            messages.SUCCESS if proposed else messages.WARNING,
        )
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description=_("Cancel (the waiting list moves up)"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        for registration in queryset.select_related("organisation"):
            promoted = registration_cancel(registration=registration)
            text = _("%(o)s's registration is cancelled.") % {"o": registration.organisation}
            if promoted:
                text += " " + _("%(o)s takes the place and is told.") % {"o": promoted.organisation}
            self.message_user(request, text, messages.SUCCESS)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(SimpleHistoryAdmin):
    list_display = ["requester", "invitee", "event", "status", "created_at", "answered_at"]
    list_filter = ["status", "event"]
    list_select_related = [
        "requester__organisation",
        "requester__event",
        "invitee__organisation",
        "invitee__event",
        "event",
    ]
    raw_id_fields = ["requester", "invitee", "requested_by", "answered_by"]


class MeetingForm(forms.ModelForm):
    """A hand-made move keeps the scheduler's rules (events.services.meeting_move_check)."""

    class Meta:
        model = Meeting
        fields = ["slot", "table"]

    def clean(self):
        data = super().clean()
        if self.instance.pk and {"slot", "table"} & set(self.changed_data):
            try:
                meeting_move_check(self.instance, slot=data["slot"], table=data["table"])
            except REFUSALS as refusal:
                raise forms.ValidationError(refusal_text(refusal)) from refusal
        return data


class FollowUpFilter(admin.SimpleListFilter):
    title = _("follow up")
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Both want to, no match yet")),
            ("matched", _("A match followed")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(pk__in=selectors.follow_ups_waiting().values("pk"))
        if self.value() == "matched":
            return queryset.filter(match__isnull=False)
        return queryset


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["request", "event", "slot", "table", "on_hold", "both_follow_up", "match"]
    list_filter = [FollowUpFilter, "event"]
    form = MeetingForm
    fields = ["request", "on_hold", "slot", "table", "match"]
    readonly_fields = ["request", "on_hold", "match"]
    list_select_related = [
        "event",
        "request__requester__organisation",
        "request__invitee__organisation",
        "match__request",
    ]
    raw_id_fields = ["request"]

    def get_queryset(self, request):
        # Both seats said yes: a pair the secretariat may turn into a match.
        return (
            super()
            .get_queryset(request)
            .annotate(follow_ups=Count("seats", filter=Q(seats__follow_up=True)))
        )

    @admin.display(description=_("on hold"))
    def on_hold(self, obj):
        """Named here before anyone tries to move it (services.meeting_move_check refuses)."""
        held = obj.held_by() if obj.pk is not None else []
        if not held:
            return ""
        return _(
            "On hold: %(organisations)s is not an active member of the partnership. "
            "The next schedule build takes it off the schedule."
        ) % {"organisations": ", ".join(str(o) for o in held)}

    @admin.display(description=_("both want to follow up"), boolean=True, ordering="follow_ups")
    def both_follow_up(self, obj):
        return obj.follow_ups == 2

    def has_add_permission(self, request):
        # Meetings come from accepted requests, placed by the schedule build.
        return False

    def save_model(self, request, obj, form, change):
        # Through the service: the seats follow and the people are told once.
        meeting_move(meeting=obj, slot=obj.slot, table=obj.table)

    def get_urls(self):
        return [
            path(
                "<int:pk>/follow-up-match/",
                staff_only(self.admin_site, self.follow_up_match_view),
                name="events_meeting_follow_up_match",
            ),
            *super().get_urls(),
        ]

    def follow_up_match_view(self, request, pk):
        """The match a follow-up pair proposes, the meeting as its reason:
        confirmed here through the matchmaking service, or refined on the
        request's curation page."""
        meeting = get_object_or_404(
            Meeting.objects.select_related(
                "event",
                "match",
                "request__requester__organisation",
                "request__invitee__organisation",
            ),
            pk=pk,
        )
        if not self.has_view_permission(request, meeting):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, meeting):
                raise PermissionDenied
            try:
                match = follow_up_match_confirm(
                    meeting=meeting,
                    by=request.user,
                    message=request.POST.get("message", "").strip(),
                )
            except REFUSALS as refusal:
                self.message_user(request, refusal_text(refusal), messages.ERROR)
            else:
                self.message_user(
                    request, _("Match confirmed; the parties are notified."), messages.SUCCESS
                )
                return redirect("admin:matchmaking_match_change", match.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Match proposed by a meeting"),
            "meeting": meeting,
            "seats": list(meeting.seats.select_related("organisation")),
            "pairing": selectors.follow_up_pairing(meeting),
            "message": request.POST.get("message") or follow_up_message(meeting),
        }
        return TemplateResponse(request, "events/admin/follow_up_match.html", context)
