"""A signed-in person's part of a page, kept rendered until something it shows changes.

The member area and "my listings" read several lists on every visit: at the
partnership's full size their round trips to the database and their rendering
are most of the page's time (docs/performance.md). What they render is kept in
the shared cache under the person's id and language, stamped with the tokens of
the generations it depends on (core.counts: the figures' generation, and each
page's own, renewed with `token_renew` by the receivers its app connects) and
whatever else it depends on (the day, the organisation acted for). A stamp that
differs from the current one renders again, so a change shows on the next
visit; the key holds the person's id, so one person's part is never served to
another.

The browse page's parts that are the same for every member (its filters and
results per language and query string) are kept the same way under the figures'
generation, several read in one round trip (`kept_many`).

A kept part must not hold anything of one request: its forms are rendered with
`CSRF_PLACEHOLDER` as their token (`csrf_context`), and `with_csrf_token` puts
the current visitor's in when it is served.
"""

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

from .counts import cache_generation

# Nothing is kept longer than this, whatever happens (a change through update()).
SECONDS = 15 * 60
CSRF_PLACEHOLDER = "__csrf_token_kept_out_of_the_cache__"


def kept_html(key: str, *, generations, stamp=(), render) -> str:
    """The HTML kept under `key` while the tokens under the `generations` keys
    and `stamp` are those it was rendered with; else `render()`'s, kept."""
    return kept_many({key: render}, generations=generations, stamp=stamp)[key]


def kept_many(renders: dict, *, generations, stamp=()) -> dict:
    """{key: HTML} for each `renders` {key: render}, as `kept_html` does, all
    read in one round trip to the cache with the tokens."""
    found = cache.get_many([*renders, *generations])
    current = (
        *(found.get(name) or cache_generation(name) for name in generations),
        *stamp,
    )
    html, fresh = {}, {}
    for key, render in renders.items():
        kept = found.get(key)
        if kept is not None and kept[0] == current:
            html[key] = kept[1]
        else:
            # Kept with the tokens read before rendering: a change meanwhile
            # makes it stale at once.
            html[key] = render()
            fresh[key] = (current, html[key])
    if fresh:
        cache.set_many(fresh, SECONDS)
    return html


def csrf_context() -> dict:
    """Context for rendering a kept part: its forms' token is a placeholder."""
    return {"csrf_token": CSRF_PLACEHOLDER}


def with_csrf_token(request, html: str) -> str:
    """The kept part, rendered by our templates, with this visitor's CSRF token
    in its forms: safe to show."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # Rendered by our templates, which escape what they show.
    return mark_safe(html)  # noqa: S308
