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
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django_countries import countries

from .workflow import status_change_saving, status_changed

GENERATION_KEY = "counts:generation"
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


def counts_changed(**kwargs):
    """A new generation: every cached figure is recomputed on its next read.
    Now, so this request sees its own change, and again after the commit, so a
    figure computed meanwhile from the old data does not stay."""
    instance = kwargs.get("instance")
    if instance is not None and status_change_saving(instance):
        return  # status_changed follows this save

    def new_generation():
        global _changes_here
        _changes_here += 1
        cache.set(GENERATION_KEY, secrets.token_hex(4), None)

    def committed():
        new_generation()
        figures_changed.send(sender=None)

    new_generation()
    transaction.on_commit(committed)


def country_choices(codes) -> list[tuple[str, str]]:
    """(code, name) for these country codes, in the order of their names in the
    current language: a select of the countries in use, not of all 250."""
    codes = set(codes)
    return [(code, name) for code, name in countries if code in codes]


def counts_change_with(*models, m2m=()):
    """Each app names its models whose changes change the figures (in its ready())."""
    for model in models:
        label = model._meta.label
        post_save.connect(counts_changed, sender=model, dispatch_uid=f"counts.save.{label}")
        post_delete.connect(counts_changed, sender=model, dispatch_uid=f"counts.delete.{label}")
        # A status changed in bulk (one UPDATE) sends no post_save.
        status_changed.connect(counts_changed, sender=model, dispatch_uid=f"counts.status.{label}")
    for through in m2m:
        label = through._meta.label
        m2m_changed.connect(counts_changed, sender=through, dispatch_uid=f"counts.m2m.{label}")
