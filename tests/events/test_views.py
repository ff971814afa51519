import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventStatus, MeetingRequest, MeetingRequestStatus, Registration
from events.services import event_register, meeting_answer, meeting_request, schedule_build
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.matchmaking.cases import build_boras_case


def test_event_list_shows_published_events_only(client, event, django_assert_max_num_queries):
    Event.objects.create(
        title="Not ready yet",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        registration_deadline=event.registration_deadline,
    )
    for n in range(5):
        Event.objects.create(
            title=f"Matchmaking {n}",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            registration_deadline=event.registration_deadline,
            status=EventStatus.PUBLISHED,
        )
    with django_assert_max_num_queries(8):
        page = client.get(reverse("events:list"))
    assert "RSP matchmaking day in Borås" in page.content.decode()
    assert "Not ready yet" not in page.content.decode()


def test_event_page_hides_attendees_from_visitors(client, event, register, boras, alice):
    register(event, boras, alice)
    page = client.get(event.get_absolute_url())
    assert page.status_code == 200
    assert "Alice Andersson" not in page.content.decode()
    assert client.get(reverse("events:agenda", args=[event.pk])).status_code == 302


def test_event_page_hides_attendees_from_members_not_registered(
    client, event, register, boras, alice, charlie
):
    register(event, boras, alice)
    client.force_login(charlie)
    page = client.get(event.get_absolute_url())
    assert "Alice Andersson" not in page.content.decode()
    assert client.get(reverse("events:agenda", args=[event.pk])).status_code == 404


def test_draft_event_is_not_found(client, event):
    event.status = EventStatus.DRAFT
    event.save()
    assert client.get(event.get_absolute_url()).status_code == 404


def test_register_form_registers_the_current_organisation(alice_client, event, alice, bob):
    page = alice_client.post(
        reverse("events:register", args=[event.pk]), {"people": [alice.pk, bob.pk]}
    )
    assert page.status_code == 302
    registration = Registration.objects.get(event=event)
    assert set(registration.people.all()) == {alice, bob}


def test_register_form_shows_the_refusal(alice_client, event, alice):
    event.registration_deadline = event.starts_at - datetime.timedelta(days=400)
    event.save()
    page = alice_client.post(reverse("events:register", args=[event.pk]), {"people": [alice.pk]})
    assert "Registration for this event has closed." in page.content.decode()
    assert not Registration.objects.exists()


@pytest.fixture
def boras_case(event, boras, alice, centre_val_de_loire, charlie):
    """Centre-Val de Loire brings its request, Borås its offer, and three others come."""
    case = build_boras_case(boras, centre_val_de_loire)
    event_register(
        event=event,
        organisation=centre_val_de_loire,
        people=[charlie],
        listings=[case.request],
        by=charlie,
    )
    event_register(
        event=event, organisation=boras, people=[alice], listings=[case.boras_offer], by=alice
    )
    for offer in case.distractors[:3]:
        person = UserFactory()
        MembershipFactory(user=person, organisation=offer.organisation)
        event_register(
            event=event,
            organisation=offer.organisation,
            people=[person],
            listings=[offer],
            by=person,
        )
    return case


def test_registered_member_sees_whom_to_meet_with_reasons(
    client, event, boras_case, charlie, django_assert_max_num_queries
):
    client.force_login(charlie)
    client.get(event.get_absolute_url())  # the rankings are stored on first sight
    with django_assert_max_num_queries(40):
        page = client.get(event.get_absolute_url())
    html = page.content.decode()
    assert "People you should meet" in html
    first = html.index('data-testid="to-meet"')
    assert "Working Life Department of the municipality of Borås" in html[first : first + 600]
    assert "Alice Andersson" in html  # attendees, seen by those registered


def test_borås_sees_the_request_that_fits_its_offer(client, event, boras_case, alice):
    client.force_login(alice)
    html = client.get(event.get_absolute_url()).content.decode()
    first = html.index('data-testid="to-meet"')
    assert "Centre-Val de Loire" in html[first : first + 600]


def test_ask_accept_schedule_and_download_the_agenda(
    client, event, register, boras, alice, centre_val_de_loire, charlie
):
    mine = register(event, boras, alice)
    theirs = register(event, centre_val_de_loire, charlie)
    client.force_login(alice)
    client.post(reverse("events:meeting-ask", args=[event.pk, theirs.pk]))
    asked = MeetingRequest.objects.get(requester=mine, invitee=theirs)
    client.force_login(charlie)
    client.post(reverse("events:meeting-answer", args=[event.pk, asked.pk]), {"answer": "accept"})
    asked.refresh_from_db()
    assert asked.status == MeetingRequestStatus.ACCEPTED
    schedule_build(event=event)
    page = client.get(reverse("events:agenda", args=[event.pk]))
    assert "Working Life Department" in page.content.decode()
    ics = client.get(reverse("events:agenda-ics", args=[event.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert all(line == "" or len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_agenda_page_query_count(
    client, event, register, boras, alice, django_assert_max_num_queries
):
    mine = register(event, boras, alice)
    for _ in range(3):
        org = OrganisationFactory()
        person = UserFactory()
        MembershipFactory(user=person, organisation=org)
        theirs = register(event, org, person)
        meeting_answer(
            meeting_request=meeting_request(requester=mine, invitee=theirs, by=alice),
            accept=True,
            by=person,
        )
    schedule_build(event=event)
    client.force_login(alice)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("events:agenda", args=[event.pk]))
    assert page.content.decode().count('data-testid="agenda-meeting"') == 3


def test_calendar_times_are_in_utc_from_the_event_zone(
    client, event, register, boras, alice, centre_val_de_loire, charlie
):
    # 09:00 in Stockholm in January (UTC+1) and in July (UTC+2).
    for month, utc_hour in ((1, "08"), (7, "07")):
        event.starts_at = datetime.datetime(2027, month, 14, 9, 0, tzinfo=event.zone)
        event.ends_at = event.starts_at + datetime.timedelta(hours=4)
        event.save()
        if not Registration.objects.exists():
            register(event, boras, alice)
        client.force_login(alice)
        body = client.get(reverse("events:agenda-ics", args=[event.pk])).content.decode()
        assert f"DTSTART:2027{month:02d}14T{utc_hour}0000Z" in body


def test_after_the_meeting_each_side_marks_follow_up_on_its_agenda(
    client, event, register, boras, alice, centre_val_de_loire, charlie
):
    from events.models import MeetingSeat

    asked = meeting_request(
        requester=register(event, boras, alice),
        invitee=register(event, centre_val_de_loire, charlie),
        by=alice,
    )
    meeting_answer(meeting_request=asked, accept=True, by=charlie)
    schedule_build(event=event)
    client.force_login(alice)
    agenda_url = reverse("events:agenda", args=[event.pk])
    assert "Follow up</button>" not in client.get(agenda_url).content.decode()
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - datetime.timedelta(days=40),
        ends_at=event.ends_at - datetime.timedelta(days=40),
    )
    assert "Follow up</button>" in client.get(agenda_url).content.decode()
    meeting = asked.meeting
    client.post(
        reverse("events:meeting-follow-up", args=[event.pk, meeting.pk]), {"follow_up": "yes"}
    )
    assert MeetingSeat.objects.get(meeting=meeting, organisation=boras).follow_up is True
    assert (
        MeetingSeat.objects.get(meeting=meeting, organisation=centre_val_de_loire).follow_up is None
    )


def test_an_event_past_its_deadline_says_registration_closed_instead_of_offering_it(
    alice_client, event, alice
):
    # The 2024 session still offered "Register your organisation": the form was
    # filled in, then refused.
    event.registration_deadline = timezone.now() - datetime.timedelta(days=1)
    event.save()

    page = alice_client.get(event.get_absolute_url()).content.decode()
    assert "Registration for this event has closed." in page
    assert reverse("events:register", args=[event.pk]) not in page

    form = alice_client.get(reverse("events:register", args=[event.pk]), follow=True)
    assert form.redirect_chain[-1][0] == event.get_absolute_url()
    assert "Registration for this event has closed." in form.content.decode()
    assert not Registration.objects.exists()


def test_an_open_event_offers_registration(client, event):
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:register", args=[event.pk]) in page
    assert "has closed" not in page


def test_events_that_took_place_are_listed_apart_after_those_to_come(client, event):
    # The 2024 session headed the list as if it were still to come.
    Event.objects.create(
        title="Session of last year",
        starts_at=timezone.now() - datetime.timedelta(days=400),
        ends_at=timezone.now() - datetime.timedelta(days=400, hours=-3),
        registration_deadline=timezone.now() - datetime.timedelta(days=407),
        status=EventStatus.PUBLISHED,
    )

    html = client.get(reverse("events:list")).content.decode()

    upcoming, past = html.split('data-testid="past-events"')
    assert "RSP matchmaking day in Borås" in upcoming
    assert "Session of last year" not in upcoming
    assert "Session of last year" in past


def test_an_organisation_already_registered_is_told_so_before_the_form(
    alice_client, event, register, boras, alice
):
    # Opened by its address, the form was shown, filled in, then refused.
    register(event, boras, alice)
    form = alice_client.get(reverse("events:register", args=[event.pk]), follow=True)
    assert form.redirect_chain[-1][0] == event.get_absolute_url()
    assert "Your organisation is already registered for this event." in form.content.decode()
    assert Registration.objects.filter(event=event, organisation=boras).count() == 1
