"""Statuses change through one function, with the transitions declared per model."""

import pytest

from casestudies.models import CaseStudy
from core.workflow import StaleState, TransitionNotAllowed, change_status
from events.models import Event
from exchanges.models import Exchange
from listings.models import Listing, ListingStatus
from matchmaking.models import Answer, Match, MatchParty, MatchStatus
from members.models import Organisation
from taxonomy.models import Theme
from tests.factories import MatchFactory, MatchPartyFactory, RequestFactory, ThemeFactory

DECLARED = [
    (Listing, "status"),
    (Exchange, "status"),
    (Match, "status"),
    (MatchParty, "answer"),
    (Organisation, "status"),
    (CaseStudy, "status"),
    (Event, "status"),
]


@pytest.mark.parametrize(("model", "field"), DECLARED)
def test_each_model_declares_a_transition_from_every_state_of_its_field(model, field):
    transitions = model.transitions[field]
    states = {value for value, _label in model._meta.get_field(field).choices}
    assert set(transitions) == states, f"{model.__name__}: a state without its transitions"
    for targets in transitions.values():
        assert targets <= states, f"{model.__name__}: a target is not a declared state"


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
    change_status(listing, to=target, by=alice, reason="because")
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
        change_status(listing, to=target, by=alice)
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
        )


def test_listing_change_with_a_long_reason_keeps_its_start_in_the_history(db, alice):
    # The history column holds 100 characters: a long reason (a rejection, a
    # return comment) is cut there, never refused by the database.
    listing = RequestFactory(status=ListingStatus.OPEN)
    reason = "The organisation asked us to close it because " + "the partners changed. " * 10
    change_status(listing, to=ListingStatus.CLOSED, by=alice, reason=reason)
    kept = listing.history.first().history_change_reason
    assert len(kept) == 100
    assert kept.startswith("The organisation asked us to close it because")
    assert kept.endswith("…")


def test_a_transition_the_model_does_not_declare_is_refused_in_words_and_changes_nothing(db, alice):
    match = MatchFactory(status=MatchStatus.DECLINED)
    history_before = match.history.count()
    with pytest.raises(TransitionNotAllowed, match="A Declined item cannot become Accepted"):
        change_status(match, to=MatchStatus.ACCEPTED, by=alice)
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED
    assert match.history.count() == history_before


def test_an_answer_moves_only_as_the_party_declares(db, alice):
    party = MatchPartyFactory(answer=Answer.ACCEPTED)
    with pytest.raises(TransitionNotAllowed):
        change_status(party, to=Answer.DECLINED, field="answer", by=alice)
    party.refresh_from_db()
    assert party.answer == Answer.ACCEPTED


def test_a_model_without_declared_transitions_is_told_where_to_declare_them(db):
    theme = ThemeFactory()
    with pytest.raises(TypeError, match="Theme declares no transitions"):
        change_status(theme, to="anything", field="name")
    assert Theme.objects.get(pk=theme.pk).name == theme.name
