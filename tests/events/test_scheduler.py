"""The scheduler's promises under any input (hypothesis)."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from events.scheduler import placements

pairs = st.lists(
    st.tuples(st.integers(0, 15), st.integers(0, 15)).filter(lambda p: p[0] != p[1]),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(pairs, st.integers(1, 8), st.integers(1, 6), st.data())
def test_placements_never_double_book_an_organisation_or_a_table(requests, slots, tables, data):
    meetings = list(enumerate(requests))
    cut = data.draw(st.integers(0, len(meetings)))
    # Some placed by an earlier run, the others placed around them.
    first = placements(meetings[:cut], slots=slots, tables=tables)
    placed = [(*first[k], orgs) for k, orgs in meetings[:cut] if k in first]
    second = placements(meetings[cut:], slots=slots, tables=tables, placed=placed)
    everything = placed + [(*second[k], orgs) for k, orgs in meetings[cut:] if k in second]
    tables_used = Counter((slot, table) for slot, table, _ in everything)
    seats = Counter((slot, org) for slot, _, orgs in everything for org in orgs)
    assert max(tables_used.values(), default=1) == 1
    assert max(seats.values(), default=1) == 1
    assert all(0 <= slot < slots and 1 <= table <= tables for slot, table, _ in everything)


@given(pairs, st.integers(1, 8), st.integers(1, 6))
def test_placements_are_the_same_every_time(requests, slots, tables):
    meetings = list(enumerate(requests))
    assert placements(meetings, slots=slots, tables=tables) == placements(
        meetings, slots=slots, tables=tables
    )


@given(pairs, st.integers(1, 8), st.integers(1, 6))
def test_placements_rerun_places_nothing_more_and_moves_nothing(requests, slots, tables):
    meetings = list(enumerate(requests))
    first = placements(meetings, slots=slots, tables=tables)
    placed = [(*first[k], orgs) for k, orgs in meetings if k in first]
    unplaced = [(k, orgs) for k, orgs in meetings if k not in first]
    assert placements(unplaced, slots=slots, tables=tables, placed=placed) == {}


@settings(max_examples=200, deadline=None)
@given(
    pairs,
    st.integers(1, 8),
    st.integers(1, 6),
    st.sets(st.integers(0, 7)),
    st.sets(st.tuples(st.integers(0, 7), st.integers(0, 15))),
)
def test_placements_keep_breaks_and_each_organisations_unavailable_slots_free(
    requests, slots, tables, breaks, unavailable
):
    found = placements(
        list(enumerate(requests)),
        slots=slots,
        tables=tables,
        breaks=breaks,
        unavailable=unavailable,
    )
    for key, (slot, _) in found.items():
        assert slot not in breaks
        assert not any((slot, org) in unavailable for org in requests[key])
