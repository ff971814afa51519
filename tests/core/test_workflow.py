"""Statuses change through one function, with the transitions declared per model."""

import pytest

from casestudies.models import CASE_STUDY_TRANSITIONS
from core.workflow import StaleState, TransitionNotAllowed, change_status
from exchanges.models import EXCHANGE_TRANSITIONS
from listings.models import LISTING_TRANSITIONS, ListingStatus
from matchmaking.models import ANSWER_TRANSITIONS, MATCH_TRANSITIONS
from members.models import MEMBERSHIP_TRANSITIONS
from tests.factories import RequestFactory

ALL = {
    "listing": LISTING_TRANSITIONS,
    "exchange": EXCHANGE_TRANSITIONS,
    "match": MATCH_TRANSITIONS,
    "answer": ANSWER_TRANSITIONS,
    "membership": MEMBERSHIP_TRANSITIONS,
    "case study": CASE_STUDY_TRANSITIONS,
}


@pytest.mark.parametrize("name", ALL)
def test_transitions_name_only_known_states(name):
    transitions = ALL[name]
    states = set(transitions)
    for targets in transitions.values():
        assert targets <= states, f"{name}: a target is not a declared state"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (ListingStatus.DRAFT, ListingStatus.SUBMITTED),
        (ListingStatus.SUBMITTED, ListingStatus.OPEN),
        (ListingStatus.SUBMITTED, ListingStatus.DRAFT),
        (ListingStatus.OPEN, ListingStatus.MATCHED),
        (ListingStatus.OPEN, ListingStatus.WITHDRAWN),
        (ListingStatus.OPEN, ListingStatus.EXPIRED),
        (ListingStatus.EXPIRED, ListingStatus.OPEN),
    ],
)
def test_listing_allowed_transition_saves_and_records_who_and_why(db, alice, start, target):
    listing = RequestFactory(status=start)
    change_status(listing, to=target, by=alice, reason="because", transitions=LISTING_TRANSITIONS)
    listing.refresh_from_db()
    assert listing.status == target
    last = listing.history.first()
    assert last.history_user == alice
    assert last.history_change_reason == "because"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (ListingStatus.DRAFT, ListingStatus.OPEN),
        (ListingStatus.DRAFT, ListingStatus.MATCHED),
        (ListingStatus.WITHDRAWN, ListingStatus.OPEN),
        (ListingStatus.CLOSED, ListingStatus.OPEN),
        (ListingStatus.MATCHED, ListingStatus.WITHDRAWN),
    ],
)
def test_listing_refused_transition_changes_nothing(db, alice, start, target):
    listing = RequestFactory(status=start)
    history_before = listing.history.count()
    with pytest.raises(TransitionNotAllowed):
        change_status(listing, to=target, by=alice, transitions=LISTING_TRANSITIONS)
    listing.refresh_from_db()
    assert listing.status == start
    assert listing.history.count() == history_before


def test_listing_change_on_a_state_nobody_saw_says_someone_else_was_faster(db, alice):
    listing = RequestFactory(status=ListingStatus.OPEN)
    with pytest.raises(StaleState, match="Someone else was faster"):
        change_status(
            listing,
            to=ListingStatus.OPEN,
            expected=ListingStatus.SUBMITTED,
            by=alice,
            transitions=LISTING_TRANSITIONS,
        )


def test_listing_change_with_a_long_reason_keeps_its_start_in_the_history(db, alice):
    # The history column holds 100 characters: a long reason (a rejection, a
    # return comment) is cut there, never refused by the database.
    listing = RequestFactory(status=ListingStatus.OPEN)
    reason = "The organisation asked us to close it because " + "the partners changed. " * 10
    change_status(
        listing, to=ListingStatus.CLOSED, by=alice, reason=reason, transitions=LISTING_TRANSITIONS
    )
    kept = listing.history.first().history_change_reason
    assert len(kept) == 100
    assert kept.startswith("The organisation asked us to close it because")
    assert kept.endswith("…")
