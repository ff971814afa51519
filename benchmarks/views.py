from django.http import HttpResponse


def bare(request):
    """The least a page can cost on this stack (every middleware, the session,
    no query of its own, no template): `benchmark_pages` measures each page as a
    share of it. Routed only when BENCHMARK_BARE_VIEW is on. /healthz is not
    bare: it asks the database and the broker on every request."""
    return HttpResponse("ok", content_type="text/plain")
