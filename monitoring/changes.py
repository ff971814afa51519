"""Which rows the monitoring columns must read again: a change log in the cache.

Each save or deletion of a listing, match, exchange or of a row pointing to one
(its themes, formats, parties, figures by target group) appends "kind:id" to a
log in the shared cache (Redis in production, as core.counts), at once and
again after commit, so that a process that read the row before the commit reads
it again. A change to an organisation appends "organisations" (their 10,000
rows are read again whole). Before computing figures each process reads what
was appended since its last look and reads those rows again
(monitoring.columns): a change costs a few queries, not the whole data again.

Everything is read again when the log cannot say what changed: a new log (the
cache emptied, a vocabulary term or a match deleted), more than `LOG_READ_MAX` changes,
a change that announced itself to core.counts without saying which rows
(`counts_changed()` after a bulk insert or `QuerySet.update()`, which changes
`core.counts.BULK_KEY`), or columns older than `MAX_AGE` (a write that told
nobody is seen at worst this late, as core.counts' figures).
"""

import logging
import secrets

from django.core.cache import cache
from django.db import transaction

from core.counts import BULK_KEY, cache_generation

logger = logging.getLogger(__name__)

LOG_KEY = "monitoring:columns"
LOG_READ_MAX = 2000
LOG_SECONDS = 24 * 3600
MAX_AGE = 15 * 60
ORGANISATIONS = "organisations"


def _counter_key(token: str) -> str:
    return f"{LOG_KEY}:{token}:n"


def record(kind: str, pk) -> None:
    """Log a change of this row ("listing", "match", "exchange"), now and again once committed."""
    entry = f"{kind}:{int(pk)}"
    _log(entry)
    transaction.on_commit(lambda: _log(entry))


def organisations_changed() -> None:
    _log(ORGANISATIONS)
    transaction.on_commit(lambda: _log(ORGANISATIONS))


def _log(entry: str) -> None:
    try:
        token = cache_generation(LOG_KEY)
        key = _counter_key(token)
        cache.add(key, 0, None)
        n = cache.incr(key)
        cache.set(f"{LOG_KEY}:{token}:{n}", entry, LOG_SECONDS)
    except ValueError:  # evicted between add and incr: everyone reads everything
        restart()
    except Exception:  # the shared cache away: a save must not fail for it (MAX_AGE)
        logger.warning("The monitoring columns' change log is unreachable", exc_info=True)


def restart() -> None:
    """Every process reads everything again at its next figures."""
    try:
        cache.set(LOG_KEY, secrets.token_hex(4), None)
    except Exception:
        logger.warning("The monitoring columns' change log is unreachable", exc_info=True)


def position() -> tuple[str, int, str]:
    """(the log's token, how many entries it holds, core.counts' bulk token)."""
    token = cache_generation(LOG_KEY)
    return token, cache.get(_counter_key(token), 0), cache_generation(BULK_KEY)


def since(token: str, seen: int, last: int) -> list[str] | None:
    """The entries after `seen` up to `last`; None when they cannot all be read."""
    if last <= seen:
        return []
    if last - seen > LOG_READ_MAX:
        return None
    keys = [f"{LOG_KEY}:{token}:{n}" for n in range(seen + 1, last + 1)]
    found = cache.get_many(keys)
    if len(found) < len(keys):
        return None
    return list(found.values())


def by_kind(entries: list[str]) -> tuple[bool, dict[str, set[int]]]:
    """(whether the organisations changed, {kind: ids changed})."""
    ids = {}
    for entry in entries:
        kind, _, pk = entry.partition(":")
        if pk:
            ids.setdefault(kind, set()).add(int(pk))
    return ORGANISATIONS in entries, ids
