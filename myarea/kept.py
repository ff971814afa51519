"""What waits for a member, kept rendered per person until something it shows changes.

The member area reads five lists across every app and an organisation's first
steps: a dozen round trips to the database on every visit, most of the page's
time at the partnership's full size (docs/performance.md). The rendered part is
kept per person and language (core.kept), stamped with

- the figures' generation (core.counts): any change to a listing, an
  organisation, an exchange or a case study;
- the member area's own generation: any change to a match, a party's answer,
  an expression of interest, an exchange's parties, a membership or an
  organisation's themes (connected in MyAreaConfig.ready());
- the day (what closes within two weeks, exchanges that have started) and the
  organisation the person acts for.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from core.counts import GENERATION_KEY, changes_connect, token_renew
from core.kept import kept_html

AREA_GENERATION_KEY = "myarea:generation"


def area_changed(**kwargs):
    """A new generation of the member area (core.counts.token_renew)."""
    token_renew(AREA_GENERATION_KEY)


def area_changes_with(*models, m2m=()):
    changes_connect(area_changed, *models, m2m=m2m, uid="myarea")


def waiting_html(*, user, organisation, render) -> str:
    """The person's first steps and to-do as HTML, from the cache while nothing
    they show has changed; `render()` renders them otherwise."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    html = kept_html(
        f"myarea:{user.pk}:{language}",
        generations=[GENERATION_KEY, AREA_GENERATION_KEY],
        stamp=(timezone.localdate().isoformat(), getattr(organisation, "pk", None)),
        render=render,
    )
    # Rendered by our template, which escapes what it shows.
    return mark_safe(html)  # noqa: S308
