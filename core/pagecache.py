"""Public pages kept whole in the shared cache for visitors.

The home page, the case studies, the member directory and the browse teaser
are the same for every visitor in a language; rendering them (filter forms,
cards) costs tens of milliseconds a request at the partnership's full size, and
anyone could keep the workers busy with them. A visitor's page is kept under
core.counts' generation, so any change to a listing, organisation, exchange,
match or case study (what these pages show) serves freshly rendered pages from
the next request on (a page is stored with the generation it was rendered in,
and served only while that is the current one); `SECONDS` bounds what a
change that sent no signal leaves.

Not kept: pages for a signed-in person (their name, their nav), a request with
messages to show, any answer but a plain 200, and queries with parameters the
page does not know (they would only fill the cache). The CSRF token of the
forms on the page (the language switcher) is per visitor: it is stored as a
placeholder and the current visitor's token is put in when the page is served.
"""

import functools
import re
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from .counts import GENERATION_KEY, changes_here, generation
from .kept import CSRF_PLACEHOLDER

SECONDS = 10 * 60
MAX_VALUE_LENGTH = 100
PLACEHOLDER = CSRF_PLACEHOLDER.encode()
TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Each process also keeps the pages it served, and the generation, for
# PAGE_CACHE_LOCAL_MS: a page served from there costs no round trip to the
# cache, the price being that another process's change shows up to that much
# later (this process's own changes show at once: core.counts.changes_here).
LOCAL_PAGES = 300
_local = {"generation": None, "changes": -1, "until": 0.0, "pages": {}}


def _cacheable(request, params) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    if any(name not in params for name in request.GET):
        return False
    if any(len(value) > MAX_VALUE_LENGTH for value in request.GET.values()):
        return False
    # Reading them does not mark them seen: the rendered page shows them.
    return not len(get_messages(request))


def _key(request) -> str:
    return ":".join(
        [
            "page",
            translation.get_language() or "",
            "https" if request.is_secure() else "http",
            request.get_host(),
            request.get_full_path(),
        ]
    )


def _local_generation():
    if _local["until"] > time.monotonic() and _local["changes"] == changes_here():
        return _local["generation"]
    return None


def _keep_here(current, key=None, stored=None):
    if current != _local["generation"] or len(_local["pages"]) >= LOCAL_PAGES:
        _local["pages"] = {}
    _local.update(
        generation=current,
        changes=changes_here(),
        until=time.monotonic() + settings.PAGE_CACHE_LOCAL_MS / 1000,
    )
    if key is not None:
        _local["pages"][key] = stored


def _stored(key):
    """The page kept under `key` if it is of the current generation, and the
    current generation: from this process if it has both, else in one round
    trip to the cache."""
    current = _local_generation()
    if current is not None:
        stored = _local["pages"].get(key)
        if stored is not None and stored[0] == current:
            return stored[1:], current
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        _keep_here(current, key, stored)
        return stored[1:], current
    _keep_here(current)
    return None, current


def _served(request, stored) -> HttpResponse:
    content_type, content = stored
    content = content.replace(PLACEHOLDER, get_token(request).encode())
    return HttpResponse(content, content_type=content_type)


def visitor_page_cached(*, params=()):
    """Keep this view's pages for visitors (see the module's docstring).
    `params`: the query parameters the page understands (filters, page)."""
    params = frozenset(params)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request, params):
                return view(request, *args, **kwargs)
            key = _key(request)
            stored, current = _stored(key)
            if stored is not None:
                return _served(request, stored)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not request.user.is_authenticated
            ):
                content = TOKEN_FIELD.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
                # Kept with the generation read before rendering: a change
                # meanwhile makes it stale at once.
                stored = (current, response["Content-Type"], content)
                cache.set(key, stored, SECONDS)
                if current == _local["generation"]:
                    _local["pages"][key] = stored
            return response

        return wrapped

    return decorator
