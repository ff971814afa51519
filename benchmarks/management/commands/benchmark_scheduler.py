"""How the scheduler copes with a large event (issue 17: 300 organisations,
1,500 accepted meetings, 12 slots × 40 tables): time, and share placed.

It times the placement itself (events.scheduler.placements), without the
database, on seeded random pairs; `schedule_build` adds two inserts per meeting.
An organisation can hold at most one meeting per slot, so some organisations
asked more than `slots` times cannot all be placed by any scheduler: the
command prints that bound next to the share placed.
"""

import random
import time
from collections import Counter

from django.core.management.base import BaseCommand

from events.scheduler import placements


class Command(BaseCommand):
    help = "Time the meeting scheduler on a synthetic event and print the share placed."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=300)
        parser.add_argument("--requests", type=int, default=1500)
        parser.add_argument("--slots", type=int, default=12)
        parser.add_argument("--tables", type=int, default=40)
        parser.add_argument("--seed", type=int, default=17)

    def handle(self, *, organisations, requests, slots, tables, seed, **options):
        rng = random.Random(seed)
        pairs = set()
        # At most every possible pair once, as the services allow.
        wanted = min(requests, organisations * (organisations - 1) // 2)
        while len(pairs) < wanted:
            a, b = rng.sample(range(organisations), 2)
            pairs.add((min(a, b), max(a, b)))
        meetings = list(enumerate(sorted(pairs)))
        started = time.perf_counter()
        placed = placements(meetings, slots=slots, tables=tables)
        elapsed_ms = (time.perf_counter() - started) * 1000
        load = Counter(org for _key, orgs in meetings for org in orgs)
        overflow = sum(max(0, n - slots) for n in load.values())
        ceiling = min(len(meetings) - overflow // 2, slots * tables)
        self.stdout.write(
            f"{organisations} organisations, {len(meetings)} accepted meetings, "
            f"{slots} slots × {tables} tables\n"
            f"scheduled in {elapsed_ms:.1f} ms\n"
            f"placed {len(placed)} of {len(meetings)} ({len(placed) / max(len(meetings), 1):.1%}); "
            f"no schedule can place more than about {ceiling} "
            f"({slots * tables} seats, {overflow} requests beyond organisations' slots)"
        )
