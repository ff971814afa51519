"""Which rows the monitoring columns must read again: a change log in the cache.

Each save or deletion of a listing, match, exchange or of a row pointing to one
(its themes, formats, parties, figures by target group) appends "kind:id" to a
log in the shared cache (core.changelog, as the matcher's open listings), at
once and again after commit, so that a process that read the row before the
commit reads it again. A change to an organisation appends "organisations"
(their 10,000 rows are read again whole). Before computing figures each process reads what
was appended since its last look and reads those rows again
(monitoring.columns): a change costs a few queries, not the whole data again.

Everything is read again when the log cannot say what changed: a new log (the
cache emptied, a vocabulary term or a match deleted), more than 2,000 changes
since the last look, a change that announced itself to core.counts without saying which rows
(`counts_changed()` after a bulk insert or `QuerySet.update()`, which changes
`core.counts.BULK_KEY`), or columns older than `MAX_AGE` (a write that told
nobody is seen at worst this late, as core.counts' figures).
"""

from core.changelog import ChangeLog

LOG = ChangeLog("monitoring:columns", name="the dashboard's columns")
# A write that told nobody is seen at worst this late (as core.counts.SECONDS).
MAX_AGE = 15 * 60
ORGANISATIONS = "organisations"


def record(kind: str, pk) -> None:
    """Log a change of this row ("listing", "match", "exchange"), now and again once committed."""
    LOG.record([f"{kind}:{int(pk)}"])


def organisations_changed() -> None:
    LOG.record([ORGANISATIONS])


def restart() -> None:
    """Every process reads everything again at its next figures."""
    LOG.restart()


def by_kind(entries: list[str]) -> tuple[bool, dict[str, set[int]]]:
    """(whether the organisations changed, {kind: ids changed})."""
    ids = {}
    for entry in entries:
        kind, _, pk = entry.partition(":")
        if pk:
            ids.setdefault(kind, set()).add(int(pk))
    return ORGANISATIONS in entries, ids
