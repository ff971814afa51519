"""The people of a suspended organisation registered for an event still read the
event and their agenda, and act at it no more (members.permissions
.is_active_organisation): no cancelling, no asking for or answering meetings, no
availability, no follow-up, no listing brought. Reinstated, they act again."""

import datetime

import pytest
from django.urls import reverse

from events.models import (
    Event,
    MeetingRequest,
    MeetingRequestStatus,
    MeetingSeat,
    Registration,
)
from events.services import (
    EventError,
    meeting_request,
    registration_bring,
    registration_cancel,
)
from tests.factories import RequestFactory, reinstate, suspend

pytestmark = pytest.mark.django_db

REFUSAL = "is not an active member of the partnership: it no longer acts at events"


def after_the_event_began(event):
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - datetime.timedelta(days=40),
        ends_at=event.ends_at - datetime.timedelta(days=40),
    )


def test_a_suspended_organisation_cannot_cancel_its_registration(
    alice_client, event, register, boras, alice
):
    register(event, boras, alice)
    suspend(boras)
    cancel = reverse("events:cancel", args=[event.pk])
    page = alice_client.get(cancel)
    assert page.status_code == 403
    assert REFUSAL in page.text
    assert alice_client.post(cancel).status_code == 403
    assert Registration.objects.filter(event=event, organisation=boras).exists()
    with pytest.raises(EventError, match=REFUSAL):
        registration_cancel(registration=Registration.objects.get(), by=alice)


def test_a_suspended_organisation_cannot_ask_for_a_meeting(
    alice_client, event, register, boras, alice, centre_val_de_loire, charlie
):
    mine = register(event, boras, alice)
    theirs = register(event, centre_val_de_loire, charlie)
    suspend(boras)
    response = alice_client.post(reverse("events:meeting-ask", args=[event.pk, theirs.pk]))
    assert response.status_code == 403
    assert REFUSAL in response.text
    assert not MeetingRequest.objects.exists()
    with pytest.raises(EventError, match=REFUSAL):
        meeting_request(requester=mine, invitee=theirs, by=alice)


def test_a_suspended_organisation_cannot_answer_a_meeting_request(
    alice_client, event, register, boras, alice, centre_val_de_loire, charlie
):
    mine = register(event, boras, alice)
    theirs = register(event, centre_val_de_loire, charlie)
    asked = meeting_request(requester=theirs, invitee=mine, by=charlie)
    suspend(boras)
    response = alice_client.post(
        reverse("events:meeting-answer", args=[event.pk, asked.pk]), {"answer": "accept"}
    )
    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.status == MeetingRequestStatus.REQUESTED


def test_a_suspended_organisation_cannot_say_when_it_cannot_meet(
    alice_client, event, register, boras, alice
):
    mine = register(event, boras, alice)
    suspend(boras)
    response = alice_client.post(
        reverse("events:availability", args=[event.pk]), {"unavailable": ["0"]}
    )
    assert response.status_code == 403
    mine.refresh_from_db()
    assert not mine.unavailable_slots


def test_a_suspended_organisation_cannot_follow_up_a_meeting(alice_client, event, scheduled, boras):
    after_the_event_began(event)
    suspend(boras)
    response = alice_client.post(
        reverse("events:meeting-follow-up", args=[event.pk, scheduled.pk]), {"follow_up": "yes"}
    )
    assert response.status_code == 403
    assert MeetingSeat.objects.get(meeting=scheduled, organisation=boras).follow_up is None


def test_a_suspended_organisation_brings_no_listing(event, register, boras, alice):
    mine = register(event, boras, alice)
    suspend(boras)
    with pytest.raises(EventError, match=REFUSAL):
        registration_bring(registration=mine, listing=RequestFactory(organisation=boras), by=alice)
    assert not mine.listings.exists()


def test_a_suspended_organisation_still_reads_the_event_and_its_agenda_without_buttons(
    alice_client, event, scheduled, boras, centre_val_de_loire, charlie, register
):
    # Someone else asks Borås for a meeting too: Borås sees it, and no answer buttons.
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    other, person = OrganisationFactory(), UserFactory()
    MembershipFactory(user=person, organisation=other)
    meeting_request(
        requester=register(event, other, person),
        invitee=Registration.objects.get(organisation=boras),
        by=person,
    )
    suspend(boras)
    page = alice_client.get(event.get_absolute_url()).text
    assert "is registered" in page
    assert reverse("events:agenda", args=[event.pk]) in page
    assert reverse("events:cancel", args=[event.pk]) not in page
    assert "Ask for a meeting" not in page
    assert 'value="accept"' not in page
    assert 'data-testid="describe-new"' not in page
    assert 'data-testid="attendee"' in page and 'data-testid="request-received"' in page
    after_the_event_began(event)
    agenda = alice_client.get(reverse("events:agenda", args=[event.pk]))
    assert agenda.status_code == 200
    assert 'data-testid="agenda-meeting"' in agenda.text
    assert "Follow up</button>" not in agenda.text
    assert alice_client.get(reverse("events:agenda-ics", args=[event.pk])).status_code == 200
    assert alice_client.get(reverse("events:agenda-print", args=[event.pk])).status_code == 200


def test_the_agenda_of_a_suspended_organisation_offers_no_availability(
    alice_client, event, register, boras, alice
):
    register(event, boras, alice)
    agenda = reverse("events:agenda", args=[event.pk])
    assert "Save when you cannot meet" in alice_client.get(agenda).text
    suspend(boras)
    assert "Save when you cannot meet" not in alice_client.get(agenda).text


def test_a_suspended_organisation_is_not_offered_registration(alice_client, event, boras):
    suspend(boras)
    page = alice_client.get(event.get_absolute_url()).text
    assert reverse("events:register", args=[event.pk]) not in page
    assert "Only member organisations of the partnership can register." in page
    assert alice_client.get(reverse("events:register", args=[event.pk])).status_code == 403


def test_an_active_organisation_acts_at_the_event(
    alice_client, event, register, boras, alice, centre_val_de_loire, charlie
):
    mine = register(event, boras, alice)
    theirs = register(event, centre_val_de_loire, charlie)
    page = alice_client.get(event.get_absolute_url()).text
    assert reverse("events:cancel", args=[event.pk]) in page and "Ask for a meeting" in page
    alice_client.post(reverse("events:meeting-ask", args=[event.pk, theirs.pk]))
    assert MeetingRequest.objects.filter(requester=mine, invitee=theirs).exists()
    alice_client.post(reverse("events:availability", args=[event.pk]), {"unavailable": ["0"]})
    mine.refresh_from_db()
    assert mine.unavailable_slots == [0]
    assert alice_client.post(reverse("events:cancel", args=[event.pk])).status_code == 302
    assert not Registration.objects.filter(organisation=boras).exists()


def test_a_reinstated_organisation_acts_at_the_event_again(
    alice_client, event, register, boras, alice, centre_val_de_loire, charlie
):
    mine = register(event, boras, alice)
    theirs = register(event, centre_val_de_loire, charlie)
    ask = reverse("events:meeting-ask", args=[event.pk, theirs.pk])
    suspend(boras)
    assert alice_client.post(ask).status_code == 403
    reinstate(boras)
    assert "Ask for a meeting" in alice_client.get(event.get_absolute_url()).text
    assert alice_client.post(ask).status_code == 302
    assert MeetingRequest.objects.filter(requester=mine, invitee=theirs).exists()


def test_nobody_asks_a_suspended_organisation_for_a_meeting(
    client, event, register, boras, alice, centre_val_de_loire, charlie, secretariat
):
    from events.services import meeting_propose
    from tests.matchmaking.cases import build_boras_case

    case = build_boras_case(boras, centre_val_de_loire)
    mine = register(event, centre_val_de_loire, charlie, listings=[case.request])
    theirs = register(event, boras, alice, listings=[case.boras_offer])
    client.force_login(charlie)
    assert 'data-testid="to-meet"' in client.get(event.get_absolute_url()).text
    suspend(boras)
    page = client.get(event.get_absolute_url()).text
    assert 'data-testid="to-meet"' not in page  # proposed to nobody, as by the matcher
    assert 'data-testid="attendee"' in page and "Ask for a meeting" not in page
    response = client.post(reverse("events:meeting-ask", args=[event.pk, theirs.pk]), follow=True)
    assert "is not an active member of the partnership: it takes no meeting requests" in (
        response.text
    )
    with pytest.raises(EventError):
        meeting_propose(requester=mine, invitee=theirs, by=secretariat)
    assert not MeetingRequest.objects.exists()
    reinstate(boras)
    assert 'data-testid="to-meet"' in client.get(event.get_absolute_url()).text


def test_a_suspended_organisations_request_proposes_no_one_to_meet(
    client, event, register, boras, alice, centre_val_de_loire, charlie
):
    from tests.matchmaking.cases import build_boras_case

    case = build_boras_case(boras, centre_val_de_loire)
    register(event, centre_val_de_loire, charlie, listings=[case.request])
    register(event, boras, alice, listings=[case.boras_offer])
    client.force_login(alice)
    assert 'data-testid="to-meet"' in client.get(event.get_absolute_url()).text
    suspend(centre_val_de_loire)
    assert 'data-testid="to-meet"' not in client.get(event.get_absolute_url()).text
