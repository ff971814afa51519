"""A meeting both organisations want to follow up becomes a match the
secretariat confirms from its desk, the meeting as the match's reason."""

import pytest
from django.urls import reverse

from core.workflow import StaleState
from events.services import (
    EventError,
    follow_up_match_confirm,
)
from matchmaking.models import Match, MatchStatus
from notifications.models import Notification


def test_both_saying_yes_puts_the_pair_on_the_desk(
    met, say, boras, alice, centre_val_de_loire, charlie, secretariat_client
):
    say(met, boras, alice)
    desk = secretariat_client.get(reverse("admin:index")).text
    assert 'data-testid="pile-event_follow_ups" data-count="0"' in desk
    say(met, centre_val_de_loire, charlie)
    desk = secretariat_client.get(reverse("admin:index")).text
    assert 'data-testid="pile-event_follow_ups" data-count="1"' in desk
    assert reverse("admin:events_meeting_follow_up_match", args=[met.pk]) in desk


def test_one_no_keeps_the_pair_off_the_desk(
    met, say, boras, alice, centre_val_de_loire, charlie, secretariat_client
):
    say(met, boras, alice)
    say(met, centre_val_de_loire, charlie, follow_up=False)
    desk = secretariat_client.get(reverse("admin:index")).text
    assert 'data-testid="pile-event_follow_ups" data-count="0"' in desk
    with pytest.raises(EventError):
        follow_up_match_confirm(meeting=met, by=None)


def test_secretariat_confirms_the_proposed_match_with_the_meeting_as_reason(
    met,
    say,
    boras,
    alice,
    centre_val_de_loire,
    charlie,
    secretariat,
    secretariat_client,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    say(met, boras, alice)
    say(met, centre_val_de_loire, charlie)
    url = reverse("admin:events_meeting_follow_up_match", args=[met.pk])
    # The page ranks the pair's listings; a process's first ranking also reads the
    # open listings' columns (matchmaking.snapshot), a fixed number of queries.
    with django_assert_max_num_queries(44):
        page = secretariat_client.get(url).text
    assert met.case.request.reference in page
    assert met.case.boras_offer.reference in page
    with django_capture_on_commit_callbacks(execute=True):
        done = secretariat_client.post(url, {"message": ""})
    match = Match.objects.get()
    assert done.url == reverse("admin:matchmaking_match_change", args=[match.pk])
    assert match.status == MatchStatus.CONFIRMED
    assert match.request == met.case.request
    assert met.case.boras_offer in [p.listing for p in match.parties.all()]
    assert "RSP matchmaking day in Borås" in match.message
    assert match.confirmed_by == secretariat
    met.refresh_from_db()
    assert met.match == match
    notified = Notification.objects.filter(kind__startswith="match").values_list("email", flat=True)
    assert {"alice@boras.example", "charlie@centre-valdeloire.example"} <= set(notified)
    desk = secretariat_client.get(reverse("admin:index")).text
    assert 'data-testid="pile-event_follow_ups" data-count="0"' in desk


def test_the_same_pair_is_not_matched_twice(
    met, say, boras, alice, centre_val_de_loire, charlie, secretariat
):
    say(met, boras, alice)
    say(met, centre_val_de_loire, charlie)
    follow_up_match_confirm(meeting=met, by=secretariat)
    with pytest.raises(StaleState, match="faster"):
        follow_up_match_confirm(meeting=met, by=secretariat)
    assert Match.objects.count() == 1


def test_members_cannot_open_the_proposed_match(met, say, client, alice):
    client.force_login(alice)
    url = reverse("admin:events_meeting_follow_up_match", args=[met.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Match.objects.exists()
