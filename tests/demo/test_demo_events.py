"""The demo's matchmaking events: the past one that led to the Borås match, and
an upcoming one open for registration."""

from django.utils import timezone

from events.models import Event, Meeting, MeetingRequestStatus
from events.services import schedule_build
from members.models import User


def test_demo_past_event_held_the_borås_meetings(demo):
    past = Event.objects.get(starts_at__lt=timezone.now())
    met = {
        (m.request.requester.organisation.slug, m.request.invitee.organisation.slug)
        for m in Meeting.objects.filter(event=past).select_related(
            "request__requester__organisation", "request__invitee__organisation"
        )
    }
    assert met == {("centre-val-de-loire", "boras"), ("centre-val-de-loire", "escola-del-treball")}
    boras = past.registrations.get(organisation__slug="boras")
    assert [x.external_ref for x in boras.listings.all()] == ["demo-boras-offer"]
    # Both sides said "follow up" and the Borås match came of the meetings.
    for meeting in Meeting.objects.filter(event=past):
        assert [s.follow_up for s in meeting.seats.all()] == [True, True]
        assert meeting.match.request.external_ref == "demo-boras-request"
    assert [x.code for x in past.languages.all()] == ["en"]


def test_demo_upcoming_event_is_open_and_its_accepted_meeting_can_be_scheduled(demo, client):
    upcoming = Event.objects.get(starts_at__gt=timezone.now())
    assert upcoming.registration_deadline > timezone.now()
    request = upcoming.meeting_requests.get()
    assert request.status == MeetingRequestStatus.ACCEPTED
    assert schedule_build(event=upcoming).placed == 1
    client.force_login(User.objects.get(email="giulia.fontana@cfp-lagorai.example"))
    page = client.get(f"/events/{upcoming.pk}/agenda/")
    assert page.status_code == 200
    assert 'data-testid="agenda-meeting"' in page.content.decode()
    page = client.get(upcoming.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="event-languages">Francese, Inglese</dd>' in page.content.decode()
    # Open for registration: a member not yet registered finds the way in.
    client.force_login(User.objects.get(email="nicholas.waller@boras.example"))
    page = client.get(upcoming.get_absolute_url())
    assert f'href="/events/{upcoming.pk}/register/"' in page.content.decode()
    assert client.get(f"/events/{upcoming.pk}/register/").status_code == 200
