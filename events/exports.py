"""The secretariat's exports of an event: the agenda (every meeting) and the
attendees, as rows for a CSV or an XLSX file, and the schedule grid."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.spreadsheets import row_safe, sheet_title

from .models import Event, Meeting, Registration


def _people(registration) -> str:
    return "; ".join(f"{p} <{p.email}>" for p in registration.people.all())


def _meetings(event: Event) -> list[Meeting]:
    return list(
        Meeting.objects.filter(event=event)
        .select_related("request__requester__organisation", "request__invitee__organisation")
        .prefetch_related("request__requester__people", "request__invitee__people", "seats")
        .order_by("slot", "table")
    )


def agenda_table(event: Event) -> tuple[list, list]:
    headers = [
        _("Slot"),
        _("Starts (%(zone)s)") % {"zone": event.time_zone},
        _("Ends"),
        _("Table"),
        _("Organisation"),
        _("People"),
        _("Partner organisation"),
        _("Partner's people"),
        _("Both want to follow up"),
        _("On hold (not an active member)"),
    ]
    rows = []
    now = timezone.now()
    for m in _meetings(event):
        m.event = event  # read already, for the rule's times
        held = m.held_by(now)
        start = timezone.localtime(m.starts_at, event.zone)
        end = timezone.localtime(m.ends_at, event.zone)
        both = [s.follow_up for s in m.seats.all()] == [True, True]
        rows.append(
            [
                m.slot + 1,
                start.strftime("%Y-%m-%d %H:%M"),
                end.strftime("%H:%M"),
                m.table,
                str(m.request.requester.organisation),
                _people(m.request.requester),
                str(m.request.invitee.organisation),
                _people(m.request.invitee),
                _("yes") if both else "",
                ", ".join(str(o) for o in held),
            ]
        )
    return headers, rows


def attendees_table(event: Event) -> tuple[list, list]:
    headers = [
        _("Organisation"),
        _("Country"),
        _("Status"),
        _("People"),
        _("Requests and offers brought"),
        _("Registered"),
    ]
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("organisation")
        .prefetch_related("people", "listings")
        .order_by("status", "organisation__name")
    )
    rows = [
        [
            str(r.organisation),
            str(r.organisation.country.name),
            r.get_status_display(),
            _people(r),
            "; ".join(f"{x.reference} {x.title}" for x in r.listings.all()),
            timezone.localtime(r.created_at, event.zone).strftime("%Y-%m-%d %H:%M"),
        ]
        for r in registrations
    ]
    return headers, rows


def as_csv(headers: list, rows: list) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    # Names and titles typed by members: never run as formulas.
    writer.writerows(row_safe(row) for row in rows)
    return out.getvalue()


def as_xlsx(title: str, headers: list, rows: list) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title)
    sheet.append(headers)
    for row in rows:
        sheet.append(row_safe(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def schedule_grid(event: Event) -> list[dict]:
    """One row per slot, one cell per table: the meeting there, or None. Each
    meeting's `held` names the suspended organisations that keep it on hold
    (Meeting.held_by), empty when it takes place."""
    grid = [
        {"slot": s, "starts": event.slot_start(s), "cells": [None] * event.tables}
        for s in range(event.slots)
    ]
    now = timezone.now()
    for meeting in _meetings(event):
        meeting.event = event  # read already, for the rule's times
        meeting.held = meeting.held_by(now)
        if meeting.slot < event.slots and 1 <= meeting.table <= event.tables:
            grid[meeting.slot]["cells"][meeting.table - 1] = meeting
    return grid
