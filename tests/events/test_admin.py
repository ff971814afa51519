from django.urls import reverse

from events.models import Meeting
from events.services import meeting_answer, meeting_request


def test_secretariat_builds_the_schedule_from_the_admin(
    secretariat_client, event, register, boras, alice, centre_val_de_loire, charlie
):
    asked = meeting_request(
        requester=register(event, boras, alice),
        invitee=register(event, centre_val_de_loire, charlie),
        by=alice,
    )
    meeting_answer(meeting_request=asked, accept=True, by=charlie)
    page = secretariat_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "build_schedule", "_selected_action": [event.pk]},
        follow=True,
    )
    assert "1 meetings placed, 0 without a free slot" in page.content.decode()
    assert Meeting.objects.get(request=asked).slot == 0


def test_admin_lists_cost_the_same_queries_whatever_the_rows(
    secretariat_client, met, say, event, register, django_assert_max_num_queries
):
    from events.services import follow_up_match_confirm
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    say(met, met.request.requester.organisation, met.request.requester.people.first())
    say(met, met.request.invitee.organisation, met.request.invitee.people.first())
    follow_up_match_confirm(meeting=met, by=None)
    for _ in range(4):
        organisation = OrganisationFactory()
        person = UserFactory()
        MembershipFactory(user=person, organisation=organisation)
        theirs = register(event, organisation, person)
        asked = meeting_request(requester=theirs, invitee=met.request.requester, by=person)
        meeting_answer(meeting_request=asked, accept=True, by=met.request.requester.people.first())
    from events.services import schedule_build

    schedule_build(event=event)
    for name in ("event", "registration", "meetingrequest", "meeting"):
        with django_assert_max_num_queries(14):
            page = secretariat_client.get(reverse(f"admin:events_{name}_changelist"))
        assert page.status_code == 200


def test_secretariat_cancels_an_event_and_everyone_registered_is_told_once(
    secretariat_client,
    client,
    event,
    register,
    boras,
    alice,
    centre_val_de_loire,
    charlie,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from events.models import EventStatus

    register(event, boras, alice)
    register(event, centre_val_de_loire, charlie)
    mailoutbox.clear()
    cancel = {"action": "cancel_events", "_selected_action": [event.pk]}
    url = reverse("admin:events_event_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        page = secretariat_client.post(url, cancel, follow=True).text
    assert "RSP matchmaking day in Borås is cancelled." in page
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert sorted(m.to[0] for m in mailoutbox) == [alice.email, charlie.email]
    assert "is cancelled, with its meetings" in mailoutbox[0].body
    assert "is cancelled, with its meetings" in mailoutbox[0].alternatives[0][0]
    with django_capture_on_commit_callbacks(execute=True):
        again = secretariat_client.post(url, cancel, follow=True).text
    assert "cannot become" in again
    assert len(mailoutbox) == 2
    assert "Cancelled" in client.get(event.get_absolute_url()).text
