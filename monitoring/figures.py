"""The dashboard's figures as they are now, without a second of aggregates per request.

The whole partnership's figures (all years, or one year), which the secretariat
opens most, are stored (StoredFigures) and read back while nothing they count
has changed: core.counts' generation says so. After a committed change a
background task computes the stale ones again, beat does it every quarter of an
hour for changes that sent no signal (QuerySet.update()), and a request that
finds them stale computes them itself, so what is shown is always what
`kpis_for` says at that moment. Figures filtered by country, theme, format or
organisation are narrower and kept in the cache under the same generation.
"""

import json
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from core.counts import counts_cached, generation

from .models import StoredFigures
from .selectors import kpis_for

logger = logging.getLogger(__name__)

REFRESH_QUEUED_KEY = "monitoring:figures-refresh-queued"


def _key(year) -> str:
    # Theme and format names are read in the language of the request.
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"{language}:{year or 'all'}"


def as_stored(figures: dict) -> dict:
    """The figures as they come back from the JSON column, so that computed and
    stored figures are alike to the last type."""
    return json.loads(json.dumps(figures, cls=DjangoJSONEncoder))


def kpis_now(**filters) -> dict:
    """kpis_for's figures for these filters, as they are now."""
    if any(value for name, value in filters.items() if name != "year"):
        name = "kpis:" + ":".join(
            f"{k}={getattr(v, 'pk', v)}" for k, v in sorted(filters.items()) if v
        )
        return counts_cached(f"{translation.get_language()}:{name}", lambda: kpis_for(**filters))
    return stored_figures(year=filters.get("year"))


def stored_figures(*, year=None) -> dict:
    """The whole partnership's figures for a year (None: all years)."""
    current = generation()
    stored = StoredFigures.objects.filter(key=_key(year)).first()
    if stored is not None and stored.generation == current:
        return stored.figures
    return _compute(year, current)


def _compute(year, current_generation) -> dict:
    """Compute and store. The generation is read before computing: if the data
    changes meanwhile, the figures are stored as stale and computed again."""
    started = time.perf_counter()
    figures = as_stored(kpis_for(year=year))
    values = {
        "generation": current_generation,
        "figures": figures,
        "computed_at": timezone.now(),
        "took_ms": round(1000 * (time.perf_counter() - started)),
    }
    key = _key(year)
    try:
        with transaction.atomic():
            StoredFigures.objects.update_or_create(key=key, defaults=values)
    except IntegrityError:
        # Another request stored the same key at the same moment.
        StoredFigures.objects.filter(key=key).update(**values)
    return figures


def figures_refresh(*, everything=False) -> int:
    """Compute the stored figures again: the stale ones, or all of them (beat,
    which also catches changes that sent no signal). Returns how many."""
    cache.delete(REFRESH_QUEUED_KEY)
    current = generation()
    keys = set(StoredFigures.objects.values_list("key", flat=True))
    if everything:
        # The figures opened first (all years, this year) are there before anyone asks.
        with translation.override(settings.LANGUAGE_CODE):
            keys |= {_key(None), _key(timezone.localdate().year)}
    refreshed = 0
    for key in sorted(keys):
        stored = StoredFigures.objects.filter(key=key, generation=current)
        if not everything and stored.exists():
            continue
        language, _, year = key.partition(":")
        with translation.override(language):
            _compute(None if year == "all" else int(year), current)
        refreshed += 1
    return refreshed
