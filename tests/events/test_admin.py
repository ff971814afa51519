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
