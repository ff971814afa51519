"""The schedule of an event's meetings, as a pure function the tests and the
benchmark can drive without a database (events.services.schedule_build stores it)."""

from collections import defaultdict
from collections.abc import Hashable, Iterable


def placements(
    meetings: Iterable[tuple[Hashable, tuple]],
    *,
    slots: int,
    tables: int,
    placed: Iterable[tuple[int, int, tuple]] = (),
    breaks: Iterable[int] = (),
    unavailable: Iterable[tuple[int, Hashable]] = (),
) -> dict:
    """{meeting key: (slot, table)} for the meetings that find a place.

    `meetings` are (key, organisations) in the order they should be served;
    `placed` are (slot, table, organisations) already on the schedule, which
    stay where they are. Greedy: each meeting takes the earliest slot in which
    none of its organisations already meets and a table is free, and the lowest
    free table in that slot. The same input always gives the same schedule.
    A meeting that finds no such slot is left out of the result.
    `breaks` are slots without meetings; `unavailable` are (slot, organisation)
    when that organisation cannot meet: both count as already busy.
    """
    busy: set[tuple[int, Hashable]] = set(unavailable)
    pause = set(breaks)
    used: dict[int, set[int]] = defaultdict(set)
    for slot, table, organisations in placed:
        used[slot].add(table)
        busy.update((slot, o) for o in organisations)
    every_table = range(1, tables + 1)
    result = {}
    for key, organisations in meetings:
        for slot in range(slots):
            if (
                slot in pause
                or len(used[slot]) >= tables
                or any((slot, o) in busy for o in organisations)
            ):
                continue
            table = next(t for t in every_table if t not in used[slot])
            used[slot].add(table)
            busy.update((slot, o) for o in organisations)
            result[key] = (slot, table)
            break
    return result
