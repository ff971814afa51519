from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFigures(models.Model):
    """The dashboard's figures for the whole partnership (all years, or one year),
    computed once and read by every request until the data they count changes.

    `generation` is core.counts' generation when they were computed: a change to
    a listing, match, exchange or organisation starts a new one, so figures of an
    older generation are stale and computed again (in the background after the
    change, every quarter of an hour by beat, or by the next request that finds
    them stale). A summary of the whole tables, so that the dashboard does not run
    a second of aggregates per request at the partnership's full size."""

    key = models.CharField(_("key"), max_length=40, unique=True)
    generation = models.CharField(_("generation"), max_length=16)
    figures = models.JSONField(_("figures"))
    computed_at = models.DateTimeField(_("computed at"))
    took_ms = models.PositiveIntegerField(_("computation time (ms)"), default=0)

    class Meta:
        verbose_name = _("stored figures")
        verbose_name_plural = _("stored figures")

    def __str__(self):
        return self.key
