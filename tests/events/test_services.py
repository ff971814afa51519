import datetime

import pytest
from django.utils import timezone

from core.workflow import StaleState
from events.models import Meeting, MeetingRequestStatus, RegistrationStatus
from events.services import (
    EventError,
    event_register,
    meeting_answer,
    meeting_request,
    schedule_build,
)
from members.models import MembershipStatus
from notifications.models import Notification
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def member_of(organisation):
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation)
    return user


def test_register_gives_a_place_and_emails_each_person_once(
    event, boras, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        registration = event_register(
            event=event, organisation=boras, people=[alice, bob], by=alice
        )
    assert registration.status == RegistrationStatus.REGISTERED
    sent = Notification.objects.filter(kind="event_registered")
    assert sorted(n.email for n in sent) == ["alice@boras.example", "bob@boras.example"]


def test_register_beyond_capacity_puts_the_organisation_on_the_waiting_list(
    event, register, boras, alice, centre_val_de_loire, charlie
):
    event.capacity = 1
    event.save()
    register(event, boras, alice)
    waiting = register(event, centre_val_de_loire, charlie)
    assert waiting.status == RegistrationStatus.WAITING
    assert not Notification.objects.filter(recipient=charlie).exists()


def test_register_refuses_after_the_deadline(event, register, boras, alice):
    with pytest.raises(EventError, match="closed"):
        register(event, boras, alice, now=event.registration_deadline + datetime.timedelta(1))


def test_register_refuses_an_organisation_not_yet_approved(event, register):
    applicant = OrganisationFactory(status=MembershipStatus.APPLICANT)
    with pytest.raises(EventError, match="member organisations"):
        register(event, applicant, member_of(applicant))


def test_register_refuses_people_of_another_organisation(event, boras, alice, charlie):
    with pytest.raises(EventError, match="Only people of your organisation"):
        event_register(event=event, organisation=boras, people=[alice, charlie], by=alice)


def test_register_refuses_a_second_registration(event, register, boras, alice, bob):
    register(event, boras, alice)
    with pytest.raises(EventError, match="already registered"):
        register(event, boras, bob)


@pytest.fixture
def two(event, register, boras, alice, centre_val_de_loire, charlie):
    return register(event, boras, alice), register(event, centre_val_de_loire, charlie)


def test_meeting_request_accepted_by_the_one_asked(two, alice, charlie):
    mine, theirs = two
    asked = meeting_request(requester=mine, invitee=theirs, by=alice)
    meeting_answer(meeting_request=asked, accept=True, by=charlie)
    asked.refresh_from_db()
    assert asked.status == MeetingRequestStatus.ACCEPTED
    assert asked.answered_by == charlie


def test_meeting_request_is_answered_once(two, alice, charlie):
    asked = meeting_request(requester=two[0], invitee=two[1], by=alice)
    meeting_answer(meeting_request=asked, accept=False, by=charlie)
    with pytest.raises(StaleState):
        meeting_answer(meeting_request=asked, accept=True, by=charlie)


def test_meeting_request_cannot_be_answered_by_the_requester(two, alice):
    asked = meeting_request(requester=two[0], invitee=two[1], by=alice)
    with pytest.raises(EventError):
        meeting_answer(meeting_request=asked, accept=True, by=alice)


def test_meeting_request_not_with_oneself(two, alice):
    with pytest.raises(EventError, match="your own organisation"):
        meeting_request(requester=two[0], invitee=two[0], by=alice)


def test_meeting_request_not_twice_in_either_direction(two, alice, charlie):
    meeting_request(requester=two[0], invitee=two[1], by=alice)
    with pytest.raises(EventError, match="already asked"):
        meeting_request(requester=two[1], invitee=two[0], by=charlie)


def test_meeting_request_refused_to_an_organisation_on_the_waiting_list(
    event, register, two, alice
):
    event.capacity = 2
    event.save()
    late = OrganisationFactory()
    waiting = register(event, late, member_of(late))
    with pytest.raises(EventError, match="waiting list"):
        meeting_request(requester=two[0], invitee=waiting, by=alice)


def _accepted(event, register, n):
    """n organisations registered; the first asks each of the others, all accept."""
    regs = []
    for _ in range(n):
        org = OrganisationFactory()
        person = member_of(org)
        regs.append((register(event, org, person), person))
    (first, alice), others = regs[0], regs[1:]
    for reg, person in others:
        asked = meeting_request(requester=first, invitee=reg, by=alice)
        meeting_answer(meeting_request=asked, accept=True, by=person)
    return regs


def test_schedule_never_books_an_organisation_twice_in_a_slot(event, register):
    _accepted(event, register, 4)  # three meetings, all with the first organisation
    result = schedule_build(event=event)
    assert (result.placed, result.unplaced) == (3, 0)
    assert sorted(Meeting.objects.values_list("slot", flat=True)) == [0, 1, 2]


def test_schedule_leaves_unplaced_what_finds_no_slot(event, register):
    _accepted(event, register, 5)  # four meetings with the first, three slots
    result = schedule_build(event=event)
    assert (result.placed, result.unplaced) == (3, 1)


def test_schedule_rerun_keeps_placed_meetings_and_mails_once(
    event, register, django_capture_on_commit_callbacks
):
    regs = _accepted(event, register, 3)
    schedule_build(event=event)
    before = list(Meeting.objects.values_list("pk", "slot", "table"))
    mails = Notification.objects.filter(kind="event_meeting_scheduled").count()
    # A newcomer accepted between runs is placed around the others.
    org = OrganisationFactory()
    person = member_of(org)
    late = register(event, org, person)
    meeting_answer(
        meeting_request=meeting_request(requester=regs[1][0], invitee=late, by=regs[1][1]),
        accept=True,
        by=person,
    )
    assert schedule_build(event=event).placed == 1
    assert schedule_build(event=event).placed == 0
    after = list(Meeting.objects.values_list("pk", "slot", "table"))
    assert set(before) <= set(after)
    assert mails == 4  # two meetings, two people each
    assert Notification.objects.filter(kind="event_meeting_scheduled").count() == 6


def test_schedule_emails_both_sides_with_the_local_time(event, register):
    event.starts_at = datetime.datetime(2027, 1, 14, 8, 0, tzinfo=datetime.UTC)
    event.ends_at = event.starts_at + datetime.timedelta(hours=4)
    event.registration_deadline = timezone.now() + datetime.timedelta(days=1)
    event.save()
    _accepted(event, register, 2)
    schedule_build(event=event)
    contexts = [n.context for n in Notification.objects.filter(kind="event_meeting_scheduled")]
    assert len(contexts) == 2
    # 08:00 UTC in January is 09:00 in Stockholm.
    assert all("9 a.m." in c["meeting_starts"] or "09:00" in c["meeting_starts"] for c in contexts)


def test_follow_up_when_both_say_yes_after_the_meeting(event, register, boras, alice):
    from events.selectors import follow_ups
    from events.services import meeting_follow_up

    (first, alice_), (second, person) = _accepted(event, register, 2)
    schedule_build(event=event)
    meeting = Meeting.objects.get()
    later = meeting.starts_at + datetime.timedelta(minutes=5)
    with pytest.raises(EventError, match="once the meeting has taken place"):
        meeting_follow_up(
            meeting=meeting, organisation=first.organisation, follow_up=True, by=alice_
        )
    meeting_follow_up(
        meeting=meeting, organisation=first.organisation, follow_up=True, by=alice_, now=later
    )
    assert follow_ups(event) == []
    meeting_follow_up(
        meeting=meeting, organisation=second.organisation, follow_up=True, by=person, now=later
    )
    assert follow_ups(event) == [meeting]
    with pytest.raises(EventError):
        meeting_follow_up(meeting=meeting, organisation=boras, follow_up=True, by=alice, now=later)


def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list_who_is_told(
    event, register, boras, alice, centre_val_de_loire, charlie
):
    from events.services import registration_cancel

    event.capacity = 1
    event.save()
    first = register(event, boras, alice)
    waiting = register(event, centre_val_de_loire, charlie)
    later = OrganisationFactory()
    register(event, later, member_of(later))
    assert registration_cancel(registration=first) == waiting
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert Notification.objects.filter(kind="event_registered", recipient=charlie).count() == 1
