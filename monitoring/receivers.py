"""The monitoring columns follow each change of the rows they hold
(monitoring.changes): the row's id is logged, the next figures read it again."""

from django.db.models.signals import post_delete

from . import changes


def listing_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        changes.record("listing", instance.pk)


def match_changed(sender, instance, raw=False, signal=None, **kwargs):
    if raw:
        return
    if signal is post_delete:
        # Its exchange forgets it with an UPDATE that sends no signal (SET_NULL),
        # and SQLite may give its id to the next match: everything is read again.
        changes.restart()
    else:
        changes.record("match", instance.pk)


def match_party_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        changes.record("match", instance.match_id)


def exchange_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        changes.record("exchange", instance.pk)


def exchange_row_changed(sender, instance, raw=False, **kwargs):
    """A party or a figure by target group: its exchange."""
    if not raw:
        changes.record("exchange", instance.exchange_id)


def organisation_changed(sender, raw=False, **kwargs):
    if not raw:
        changes.organisations_changed()


def term_deleted(sender, **kwargs):
    """A theme, format or target group deleted takes its links along without a
    signal for each: everything is read again."""
    changes.restart()


def tags_changed(sender, instance=None, action="", reverse=False, **kwargs):
    """Themes or formats of a listing, themes of an exchange: from the row's side,
    that row; from the term's side, it may be many: everything is read again."""
    if instance is None or action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        changes.restart()
    else:
        kind = "exchange" if instance._meta.model_name == "exchange" else "listing"
        changes.record(kind, instance.pk)
