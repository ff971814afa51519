"""Public pages kept whole in the shared cache for visitors.

The home page, the case studies, the member directory and the browse teaser
are the same for every visitor in a language; rendering them (filter forms,
cards) costs tens of milliseconds a request at the partnership's full size, and
anyone could keep the workers busy with them. A visitor's page is kept under
core.counts' generation, so any change to a listing, organisation, exchange,
match or case study (what these pages show) serves freshly rendered pages from
the next request on; `SECONDS` bounds what a change that sent no signal leaves.

Not kept: pages for a signed-in person (their name, their nav), a request with
messages to show, any answer but a plain 200, and queries with parameters the
page does not know (they would only fill the cache). The CSRF token of the
forms on the page (the language switcher) is per visitor: it is stored as a
placeholder and the current visitor's token is put in when the page is served.
"""

import functools
import re

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from .counts import generation

SECONDS = 10 * 60
MAX_VALUE_LENGTH = 100
PLACEHOLDER = b"__csrf_token_kept_out_of_the_cache__"
TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


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
            generation(),
            translation.get_language() or "",
            "https" if request.is_secure() else "http",
            request.get_host(),
            request.get_full_path(),
        ]
    )


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
            stored = cache.get(key)
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
                cache.set(key, (response["Content-Type"], content), SECONDS)
            return response

        return wrapped

    return decorator
