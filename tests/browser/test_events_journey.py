"""A matchmaking event from end to end: the secretariat creates it; Borås and
Centre-Val de Loire register with their offer and request, find each other
among the people they should meet, ask for and accept a meeting; the secretariat
builds the schedule; both download their agenda; after the event both want to
follow up, and the secretariat confirms the match that meeting proposes."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event
from matchmaking.models import Match, MatchStatus
from tests.matchmaking.cases import build_boras_case

from .conftest import SCREENSHOTS
from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "RSP matchmaking day in Borås"
BORAS = "Working Life Department of the municipality of Borås"
CVL = "Centre-Val de Loire Region - Service Orientation"


def member_page(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, email)
    return page


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"test_events_journey-{name}.png"), full_page=True)


def create_event(page, start):
    page.goto("/admin/events/event/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_place").fill("Borås, Textile Fashion Center")
    for field, moment in (
        ("starts_at", start),
        ("ends_at", start + datetime.timedelta(hours=4)),
        ("registration_deadline", start - datetime.timedelta(days=2)),
    ):
        local = timezone.localtime(moment)
        page.locator(f"#id_{field}_0").fill(local.strftime("%Y-%m-%d"))
        page.locator(f"#id_{field}_1").fill(local.strftime("%H:%M:%S"))
    page.locator("#id_time_zone").fill("Europe/Stockholm")
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def register(page, event, person, listing):
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Register your organisation").click()
    page.get_by_label(person).check()
    page.get_by_label(listing.title, exact=False).check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Registered. A confirmation is on its way.")).to_be_visible()


def download_agenda(page, event):
    page.goto(f"/events/{event.pk}/agenda/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download for your calendar (.ics)").click()
    return open(download.value.path(), encoding="utf-8").read()


def test_event_from_creation_to_the_match_its_meeting_proposes(
    page, screenshot, browser, live_server, boras, centre_val_de_loire, alice, charlie, secretariat
):
    case = build_boras_case(boras, centre_val_de_loire)

    # The secretariat creates and publishes the event.
    sign_in(page, secretariat.email, next_url="/admin/")
    create_event(page, timezone.now() + datetime.timedelta(days=20))
    event = Event.objects.get(title=TITLE)
    screenshot("event-created")

    # Both members register with what they bring.
    borås = member_page(browser, live_server, alice.email)
    register(borås, event, "Alice Andersson", case.boras_offer)
    centre = member_page(browser, live_server, charlie.email)
    register(centre, event, "Charlie Chartier", case.request)

    # Each finds the other among the people they should meet.
    centre.goto(event.get_absolute_url())
    expect(centre.get_by_test_id("to-meet").first).to_contain_text(BORAS)
    borås.goto(event.get_absolute_url())
    expect(borås.get_by_test_id("to-meet").first).to_contain_text(CVL)
    shot(borås, "people-to-meet")

    # Borås asks; Centre-Val de Loire accepts.
    borås.get_by_test_id("to-meet").first.get_by_role("button", name="Ask for a meeting").click()
    expect(borås.get_by_text(f"Meeting requested from {CVL}.")).to_be_visible()
    centre.reload()
    received = centre.get_by_test_id("request-received").filter(has_text=BORAS)
    received.get_by_role("button", name="Accept").click()
    expect(centre.get_by_text("Accepted.", exact=True)).to_be_visible()

    # The secretariat builds the schedule and sees it on the grid.
    page.goto("/admin/events/event/")
    page.get_by_role("row", name=TITLE).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("build_schedule")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 meetings placed, 0 without a free slot")
    page.get_by_role("row", name=TITLE).get_by_role("link", name="Schedule grid").click()
    expect(page.get_by_test_id("schedule-grid")).to_contain_text(f"{BORAS} – {CVL}")
    screenshot("schedule-grid")

    # Both download their agenda.
    for member in (borås, centre):
        ics = download_agenda(member, event)
        assert ics.count("BEGIN:VEVENT") == 2  # the event and the meeting
        assert "SUMMARY:Meeting with" in ics
    expect(borås.get_by_test_id("agenda-meeting")).to_contain_text(CVL)
    shot(borås, "agenda")

    # The day passes: the event is over.
    past = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(
        starts_at=past,
        ends_at=past + datetime.timedelta(hours=4),
        registration_deadline=past - datetime.timedelta(days=2),
    )
    for member in (borås, centre):
        member.reload()
        member.get_by_role("button", name="Follow up").click()
        expect(member.get_by_text("Noted.")).to_be_visible()
    shot(centre, "follow-up")

    # The pair waits on the secretariat's desk; it confirms the proposed match.
    page.goto("/admin/")
    pile = page.get_by_test_id("pile-event_follow_ups")
    expect(pile).to_have_attribute("data-count", "1")
    pile.get_by_role("link", name=f"{BORAS} – {CVL}").click()
    expect(page.get_by_test_id("proposed-match")).to_contain_text(case.request.reference)
    expect(page.get_by_test_id("meeting-reason")).to_contain_text(TITLE)
    screenshot("proposed-match")
    page.get_by_role("button", name="Confirm the match and notify the parties").click()
    expect(page.get_by_text("Match confirmed; the parties are notified.")).to_be_visible()
    match = Match.objects.get()
    assert match.status == MatchStatus.CONFIRMED
    assert match.request == case.request
    assert TITLE in match.message
    screenshot("match-confirmed")
