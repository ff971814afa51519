"""Figures over whole tables, kept in the shared cache until the data changes.

The teaser's counts, the browse page's total and the countries a filter offers
are aggregates over every open listing, organisation or case study: at the
partnership's full size each costs 50–250 ms, on every request, for anyone who
asks (docs/performance.md). They are computed once and kept in the cache
(Redis in production, CACHE_URL) under the current *generation*; any change to
a listing, an organisation, an exchange or a case study starts a new
generation, so no figure outlives the data it counts.

`counts_changed` is the one receiver; each app connects it to its own models
with `counts_change_with` in its ready(), for their saves, deletions and status
changes (core.workflow.status_changed). Changes made with `QuerySet.update()`
send no signal: call `counts_changed()` after one that touches these tables.
Once a change is committed, `figures_changed` is sent: apps higher up (the
monitoring's stored figures, the cached public pages) bring what they keep up
to date without the lower apps knowing them.

Whatever else is kept under a token of its own (the member area, the matcher's
columns, the vocabularies' names) renews it with `token_renew` and connects its
receiver with `changes_connect`: one way to say "this changed" for all of them.
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django_countries import countries

from .workflow import status_change_saving, status_changed

GENERATION_KEY = "counts:generation"
# Changed by a `counts_changed()` called directly, after a change that sent no
# signal (a bulk insert, `QuerySet.update()`): what follows changes row by row
# (monitoring.changes) reads everything again.
BULK_KEY = "counts:bulk"
# A figure nobody invalidated (a change through update()) is at worst this old.
SECONDS = 15 * 60
# Sent after the commit of a change to what the figures count (no arguments).
figures_changed = Signal()


_changes_here = 0


def changes_here() -> int:
    """How many changes this process has made: what a process keeps for a moment
    on its own (core.pagecache) follows its own changes at once."""
    return _changes_here


def cache_generation(key: str) -> str:
    """The token under `key` in the shared cache, made once by whichever process
    asks first; writing a new token makes everything kept under the old one stale."""
    current = cache.get(key)
    if current is None:
        cache.add(key, secrets.token_hex(4), None)
        current = cache.get(key, "")
    return current


def generation() -> str:
    """The current generation: it changes whenever the data counted changes."""
    return cache_generation(GENERATION_KEY)


def counts_cached(name: str, compute):
    """`compute()`'s value, from the cache while nothing it counts has changed.
    `name` must say everything the value depends on (filters included)."""
    return cache.get_or_set(f"counts:{generation()}:{name}", compute, SECONDS)


def token_renew(key: str, *, written=None, robust: bool = False) -> None:
    """A new token under `key`: now, so this request sees its own change, and
    again after the commit, so whatever another process kept meanwhile from the
    old data does not stay. `written()` runs after each write; `robust`: a write
    failing after the commit is logged, not raised (the commit stands)."""

    def write():
        cache.set(key, secrets.token_hex(4), None)
        if written is not None:
            written()

    write()
    transaction.on_commit(write, robust=robust)


def changes_connect(receiver, *models, m2m=(), status: bool = False, uid: str) -> None:
    """Connect `receiver` to the saves and deletions of `models` (and to their
    status changes, core.workflow.status_changed, with `status`: a status changed
    in bulk, one UPDATE, sends no post_save) and to the changes of the `m2m`
    through models. `uid` names the receiver in the signals' dispatch ids."""
    signals = {"save": post_save, "delete": post_delete}
    if status:
        signals["status"] = status_changed
    for model in models:
        label = model._meta.label
        for name, signal in signals.items():
            signal.connect(receiver, sender=model, dispatch_uid=f"{uid}.{name}.{label}")
    for through in m2m:
        label = through._meta.label
        m2m_changed.connect(receiver, sender=through, dispatch_uid=f"{uid}.m2m.{label}")


def _counted_here():
    global _changes_here
    _changes_here += 1


def counts_changed(**kwargs):
    """A new generation: every cached figure is recomputed on its next read
    (token_renew), and `figures_changed` is sent once the change is committed."""
    instance = kwargs.get("instance")
    if instance is not None and status_change_saving(instance):
        return  # status_changed follows this save
    token_renew(GENERATION_KEY, written=_counted_here)
    if not kwargs:  # called directly, after a change no signal told of
        token_renew(BULK_KEY)
    transaction.on_commit(lambda: figures_changed.send(sender=None))


def country_choices(codes) -> list[tuple[str, str]]:
    """(code, name) for these country codes, in the order of their names in the
    current language: a select of the countries in use, not of all 250."""
    codes = set(codes)
    return [(code, name) for code, name in countries if code in codes]


def counts_change_with(*models, m2m=()):
    """Each app names its models whose changes change the figures (in its ready())."""
    changes_connect(counts_changed, *models, m2m=m2m, status=True, uid="counts")
