"""Members cancel their own registration (the waiting list moves up); the
secretariat proposes meetings that the organisations answer."""

import datetime

import pytest
from django.urls import reverse

from events.models import MeetingRequest, MeetingRequestStatus, Registration, RegistrationStatus
from events.services import (
    EventError,
    meeting_answer,
    meeting_propose,
    meeting_request,
    registration_cancel,
    schedule_build,
)
from notifications.models import Notification
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def test_member_sees_what_cancelling_gives_up_then_cancels_and_the_first_waiting_takes_the_place(
    client,
    event,
    register,
    boras,
    alice,
    centre_val_de_loire,
    charlie,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    event.capacity = 2
    event.save()
    mine = register(event, boras, alice)
    theirs = register(event, centre_val_de_loire, charlie)
    late = OrganisationFactory()
    dora = UserFactory(full_name="Dora Dahl")
    MembershipFactory(user=dora, organisation=late)
    waiting = register(event, late, dora)
    assert waiting.status == RegistrationStatus.WAITING
    meeting_answer(
        meeting_request=meeting_request(requester=mine, invitee=theirs, by=alice),
        accept=True,
        by=charlie,
    )
    schedule_build(event=event)
    client.force_login(alice)
    url = reverse("events:cancel", args=[event.pk])
    with django_assert_max_num_queries(20):
        page = client.get(url).text
    assert "Centre-Val de Loire" in page.split('data-testid="meetings-lost"')[1]
    assert Registration.objects.filter(pk=mine.pk).exists()  # looking cancels nothing

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    assert not Registration.objects.filter(pk=mine.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert Notification.objects.filter(kind="event_registered", recipient=dora).count() == 1
    assert not MeetingRequest.objects.exists()
    # The partner is told once that the meeting will not take place.
    (told,) = Notification.objects.filter(kind="event_meeting_cancelled")
    assert told.recipient == charlie
    assert told.context["partner"] == str(boras)
    (mail,) = [m for m in mailoutbox if m.to == [charlie.email]]
    assert mail.subject.startswith("Meeting cancelled:")
    assert "will not take place" in mail.body
    assert "will not take place" in mail.alternatives[0][0]


def test_only_the_organisations_people_cancel_its_registration(
    event, register, boras, alice, charlie
):
    mine = register(event, boras, alice)
    with pytest.raises(EventError, match="Only people of"):
        registration_cancel(registration=mine, by=charlie)
    assert Registration.objects.filter(pk=mine.pk).exists()


def test_cancel_page_is_not_found_for_someone_not_registered(
    client, event, register, boras, alice, charlie
):
    register(event, boras, alice)
    client.force_login(charlie)
    assert client.get(reverse("events:cancel", args=[event.pk])).status_code == 404
    assert client.post(reverse("events:cancel", args=[event.pk])).status_code == 404
    assert Registration.objects.count() == 1


def test_members_cannot_cancel_once_the_event_has_begun(event, register, boras, alice):
    mine = register(event, boras, alice)
    event.starts_at = event.starts_at.replace(year=2020)
    event.ends_at = event.starts_at + datetime.timedelta(hours=3)
    event.save()
    with pytest.raises(EventError, match="has begun"):
        registration_cancel(registration=mine, by=alice)


def test_secretariat_proposes_meetings_between_selected_organisations(
    secretariat_client, event, register, boras, alice, centre_val_de_loire, charlie
):
    first = register(event, boras, alice)
    second = register(event, centre_val_de_loire, charlie)
    page = secretariat_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "propose_meetings", "_selected_action": [first.pk, second.pk]},
        follow=True,
    ).text
    assert "1 meetings proposed" in page
    proposed = MeetingRequest.objects.get()
    assert (proposed.requester, proposed.invitee) == (first, second)
    assert proposed.status == MeetingRequestStatus.REQUESTED


def test_the_organisation_asked_sees_the_secretariats_proposal_and_accepts(
    client, event, register, boras, alice, centre_val_de_loire, charlie, secretariat
):
    first = register(event, boras, alice)
    second = register(event, centre_val_de_loire, charlie)
    proposed = meeting_propose(requester=first, invitee=second, by=secretariat)
    client.force_login(charlie)
    page = client.get(event.get_absolute_url()).text
    received = page.split('data-testid="request-received"')[1]
    assert "proposed by the secretariat" in received
    client.post(
        reverse("events:meeting-answer", args=[event.pk, proposed.pk]), {"answer": "accept"}
    )
    proposed.refresh_from_db()
    assert proposed.status == MeetingRequestStatus.ACCEPTED


def test_members_cannot_propose_meetings_between_others(
    event, register, boras, alice, centre_val_de_loire, charlie
):
    first = register(event, boras, alice)
    second = register(event, centre_val_de_loire, charlie)
    with pytest.raises(EventError, match="secretariat"):
        meeting_propose(requester=first, invitee=second, by=alice)
