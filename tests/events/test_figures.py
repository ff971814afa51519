"""The events' figures on the monitoring dashboard and in its exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from events.figures import event_figures
from events.services import follow_up_match_confirm
from matchmaking.models import MatchStatus
from tests.factories import ExchangeFactory

URL = reverse("monitoring:dashboard")


@pytest.fixture
def followed(met, say, boras, alice, centre_val_de_loire, charlie, secretariat):
    """Met, both wanted to follow up, the match was accepted and an exchange planned."""
    say(met, boras, alice)
    say(met, centre_val_de_loire, charlie)
    match = follow_up_match_confirm(meeting=met, by=secretariat)
    match.status = MatchStatus.ACCEPTED
    match.save()
    ExchangeFactory(match=match)
    return met


def test_figures_count_registrations_meetings_follow_ups_matches_and_exchanges(
    followed, event, django_assert_num_queries
):
    later = followed.starts_at.replace(year=followed.starts_at.year + 1)
    with django_assert_num_queries(3):
        (figures,) = event_figures(now=later)
    assert {k: v for k, v in figures.items() if k != "event"} == {
        "registered": 2,
        "meetings_held": 1,
        "follow_ups": 1,
        "matches": 1,
        "matches_accepted": 1,
        "exchanges": 1,
    }
    (before,) = event_figures(now=event.starts_at.replace(year=event.starts_at.year - 1))
    assert before["meetings_held"] == 0
    assert event_figures(year=event.starts_at.year + 3) == []


def test_one_organisations_figures_count_only_its_meetings(followed, event, register):
    (figures,) = event_figures(organisation_name="Nobody registered")
    assert (figures["registered"], figures["follow_ups"]) == (0, 0)


def test_dashboard_shows_the_events_table_and_exports_it(
    secretariat_client, followed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        page = secretariat_client.get(URL).text
    table = page.split('data-testid="table-events"')[1].split("</table>")[0]
    assert "RSP matchmaking day in Borås" in table
    assert "Exchanges that followed" in table
    csv = secretariat_client.get(reverse("monitoring:export-csv", args=["events"])).text
    assert csv.splitlines()[0].startswith("Event,Organisations registered,Meetings held")
    assert ",2,0,1,1,1,1" in csv.splitlines()[1]  # the meeting is still ahead: none held
    workbook = load_workbook(
        io.BytesIO(secretariat_client.get(reverse("monitoring:export-xlsx")).content)
    )
    sheet = workbook["Events"]
    assert [c.value for c in sheet[2]][1:] == [2, 0, 1, 1, 1, 1]


def test_a_coordinator_sees_only_their_organisations_events_figures(client, followed, boras, alice):
    from members.models import Membership, Role

    Membership.objects.filter(user=alice).update(role=Role.COORDINATOR)
    client.force_login(alice)
    csv = client.get(reverse("monitoring:export-csv", args=["events"])).text
    # Borås's own registration and its one meeting, not the other organisation's.
    assert ",1,0,1,1,1,1" in csv.splitlines()[1]
