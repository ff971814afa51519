"""Matchmaking events: the secretariat's events, the organisations registered for
them, the meetings they ask each other for and the schedule of those meetings."""

import datetime
import zoneinfo

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Event(models.Model):
    # From each status, the statuses it may move to: core.workflow.change_status
    # refuses any other.
    transitions = {
        "status": {
            EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
            EventStatus.PUBLISHED: {EventStatus.CANCELLED},
            EventStatus.CANCELLED: set(),
        },
    }

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. Europe/Stockholm."),
    )
    registration_deadline = models.DateTimeField(_("registration deadline"))
    slot_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=20)
    slots = models.PositiveSmallIntegerField(
        _("meeting slots"),
        default=12,
        help_text=_("One after the other from the start of the event."),
    )
    breaks = models.JSONField(
        _("breaks"),
        default=list,
        blank=True,
        help_text=_(
            "The slots without meetings (a coffee or lunch break), counted from 0, e.g. [4, 8]."
        ),
    )
    tables = models.PositiveSmallIntegerField(_("tables or rooms"), default=10)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (organisations)"),
        default=50,
        help_text=_("Organisations registered beyond this wait for a place."),
    )
    people_per_organisation = models.PositiveSmallIntegerField(
        _("people per organisation"), default=2
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.DRAFT,
        db_index=True,
    )
    # The languages the meetings are held in: "people you should meet" notes a
    # pair that shares none of them (events.selectors.language_note).
    languages = models.ManyToManyField(
        "taxonomy.Language",
        verbose_name=_("working languages"),
        blank=True,
        related_name="+",
        help_text=_("The languages the meetings are held in."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def slot_start(self, slot: int) -> datetime.datetime:
        """Slots follow each other from the start of the event, without breaks."""
        return self.starts_at + datetime.timedelta(minutes=self.slot_minutes * slot)

    def slot_end(self, slot: int) -> datetime.datetime:
        return self.slot_start(slot + 1)

    @property
    def meeting_slots(self) -> list[int]:
        """The slots in which people can meet: all but the breaks."""
        return [s for s in range(self.slots) if s not in set(self.breaks or ())]

    def clean(self):
        super().clean()
        if not isinstance(self.breaks, list) or not all(
            isinstance(s, int) and 0 <= s < (self.slots or 0) for s in self.breaks
        ):
            raise ValidationError(
                {"breaks": _("List slot numbers from 0 to the last slot, e.g. [4, 8].")}
            )


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")


class Registration(models.Model):
    """An organisation's place at an event, the people who come and the
    requests and offers they bring to talk about."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="event_registrations"
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("people"), related_name="event_registrations"
    )
    listings = models.ManyToManyField(
        "listings.Listing", verbose_name=_("requests and offers brought"), blank=True
    )
    # The slots (counted from 0) in which this organisation cannot meet: the
    # scheduler leaves them free (events.scheduler.placements).
    unavailable_slots = models.JSONField(_("slots it cannot meet in"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # The waiting list is served in the order people registered.
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="registration_one_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.event}"


class MeetingRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MeetingRequest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_made"
    )
    invitee = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_received"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingRequestStatus.choices,
        default=MeetingRequestStatus.REQUESTED,
        db_index=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("invitee")), name="meeting_request_not_with_oneself"
            ),
            models.UniqueConstraint(
                fields=["requester", "invitee"], name="meeting_request_once_per_pair"
            ),
        ]

    def __str__(self):
        return f"{self.requester.organisation} → {self.invitee.organisation}"

    @property
    def organisations_on_hold(self) -> list:
        """The organisations of this pair that may hold no meeting now (the rule
        events.hold_a_meeting: a suspended one). Reads the registrations'
        organisations: select them with the request."""
        # No one acts here: the rule asks only about the organisation.
        return [
            side.organisation
            for side in (self.requester, self.invitee)
            if not rules.test_rule("events.hold_a_meeting", None, side.organisation)
        ]

    @property
    def is_on_hold(self) -> bool:
        """Its meeting waits off the schedule while a party is suspended; the
        request stays as it is, so a reinstatement brings the meeting back."""
        return bool(self.organisations_on_hold)


class Meeting(models.Model):
    """An accepted request with its slot and table."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    slot = models.PositiveSmallIntegerField(_("slot"), help_text=_("Counted from 0."))
    table = models.PositiveSmallIntegerField(_("table"), help_text=_("Counted from 1."))
    # The match the secretariat confirmed because both organisations wanted to
    # follow up this meeting: the anchor from a meeting to what came of it.
    match = models.ForeignKey(
        "matchmaking.Match",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_meetings",
        verbose_name=_("match that followed"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["event", "slot", "table"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slot", "table"], name="meeting_table_once_per_slot"
            ),
        ]

    def __str__(self):
        return f"{self.request} · {self.slot + 1}/{self.table}"

    @property
    def starts_at(self):
        return self.event.slot_start(self.slot)

    @property
    def ends_at(self):
        return self.event.slot_end(self.slot)

    def held_by(self, now=None) -> list:
        """The one rule of a meeting on hold, which every reader follows at once,
        without waiting for the next schedule build: the suspended organisations
        (MeetingRequest.organisations_on_hold) of a meeting still to come, [] when
        it takes place. The agenda flags it, the calendar files and the
        day-before reminder leave it out, the grid and the exports name them, a
        move by hand is refused, and the next build takes it off the schedule. A
        meeting that has begun, or that a match came of, stays as the record of
        it. Reads the event and the organisations: select them with the meeting."""
        if self.match_id is not None or self.starts_at <= (now or timezone.now()):
            return []
        return self.request.organisations_on_hold

    def is_on_hold(self, now=None) -> bool:
        return bool(self.held_by(now))


class MeetingSeat(models.Model):
    """One organisation at one meeting. The database, not only the scheduler,
    refuses an organisation two meetings in the same slot; a person comes for one
    organisation only (events.services.event_register), so nobody is double-booked."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField()
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # After the meeting: does this organisation want to go on with the other?
    # None until it says; both True makes the pair one the secretariat follows up.
    follow_up = models.BooleanField(_("follow up"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slot", "organisation"], name="meeting_seat_once_per_slot"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.slot + 1}"
