"""A log of changed rows in the shared cache, for what each process keeps in memory.

The matcher's open listings (matchmaking.snapshot) and the dashboard's columns
(monitoring.columns) are read once per process and kept as numpy columns: read
again whole at every change, they would cost seconds at the partnership's full
size. Instead, each change appends what changed (a listing's id, "match:12") to
a log in the shared cache (Redis in production, as core.counts), at once and
again after the commit, so that a process that read the row before the commit
reads it again. Before using its columns a process asks the log's position and
reads again only what was appended since its last look (`Follower`, one per kept copy).

Everything is read again when the log cannot say what changed: a new token (the
cache emptied, `restart()` after a bulk write or a change of many rows), more
than `read_max` entries since the last look, or an entry that expired. With the
cache unreachable, a save goes on (logged as a warning) and readers read
everything, every time: slow, but right.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

from .counts import cache_generation, token_renew

logger = logging.getLogger(__name__)


class ChangeLog:
    """The log under `key`: `record` appends, `position` and `since` read."""

    def __init__(self, key: str, *, name: str, read_max: int = 2000, seconds: int = 24 * 3600):
        self.key = key
        # Named in the warnings: which kept columns may be behind.
        self.name = name
        # Entries read one by one; beyond this many, reading everything is cheaper.
        self.read_max = read_max
        # An entry older than this is gone: a process that looked longer ago reads everything.
        self.seconds = seconds

    def _counter(self, token: str) -> str:
        return f"{self.key}:{token}:n"

    def _entry(self, token: str, n: int) -> str:
        return f"{self.key}:{token}:{n}"

    def record(self, entries) -> None:
        """Append these entries, now and again once committed; more than a reader
        reads one by one: everyone reads everything (`restart`)."""
        entries = list(entries)
        if not entries:
            return
        if len(entries) > self.read_max:
            self.restart()
            return
        self._append(entries)
        transaction.on_commit(lambda: self._append(entries))

    def _append(self, entries: list) -> None:
        try:
            token = cache_generation(self.key)
            counter = self._counter(token)
            cache.add(counter, 0, None)
            last = cache.incr(counter, len(entries))
            first = last - len(entries) + 1
            cache.set_many(
                {self._entry(token, first + i): entry for i, entry in enumerate(entries)},
                self.seconds,
            )
        except ValueError:  # the counter evicted between add and incr
            self.restart()
        except Exception:  # the shared cache away: a save must not fail for it
            logger.warning("The change log of %s is unreachable", self.name, exc_info=True)

    def restart(self) -> None:
        """Every process reads everything again at its next look: now, and again
        after the commit (a process that read everything meanwhile read the old rows)."""
        try:
            token_renew(self.key, robust=True)
        except Exception:
            logger.warning("The change log of %s is unreachable", self.name, exc_info=True)

    def position(self) -> tuple[str, int]:
        """(the log's token, how many entries it holds). Read before reading the
        rows: an entry appended meanwhile is read again at the next look."""
        token = cache_generation(self.key)
        return token, cache.get(self._counter(token), 0)

    def since(self, token: str, seen: int, last: int) -> list | None:
        """The entries after `seen` up to `last`, in order; None when they cannot
        all be read (too many, expired): read everything."""
        if last <= seen:
            return []
        if last - seen > self.read_max:
            return None
        keys = [self._entry(token, n) for n in range(seen + 1, last + 1)]
        found = cache.get_many(keys)
        if len(found) < len(keys):
            return None
        return [found[key] for key in keys]


class Follower:
    """One process's place in a log, for what it keeps from the rows the log
    names (the matcher's open listings, the dashboard's columns): before each
    use, `follow` says whether to read everything again or only what changed."""

    def __init__(self, log: ChangeLog, *, max_age: float):
        self.log = log
        # A write that told nobody is seen at worst this late.
        self.max_age = max_age
        self.reset()

    def reset(self) -> None:
        self._key = None
        self._seen = 0
        self._read_at = 0.0

    def follow(self, key, *, read_all, read_some) -> None:
        """Call `read_all()` when the log cannot say what changed (the first
        look, another log or `key()`, kept longer than `max_age`, entries
        missing) or `read_some(entries)` with what was logged since the last
        look. `key()` names what else the kept rows depend on (the database,
        the encoder). The caller holds its own lock."""
        try:
            # The log's position before reading: a change logged meanwhile is
            # read again next time.
            token, last = self.log.position()
            current = (token, *key())
            young = time.monotonic() - self._read_at < self.max_age
            found = (
                self.log.since(token, self._seen, last) if current == self._key and young else None
            )
        except Exception:  # the shared cache away: read everything, every time
            logger.warning("The change log of %s is unreachable", self.log.name, exc_info=True)
            current, last, found = None, 0, None
        if found is None:
            read_all()
            self._read_at = time.monotonic()
        elif found:
            read_some(found)
        self._key, self._seen = current, last
