from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from . import health
from .pagecache import visitor_page_cached


@visitor_page_cached()
def home(request):
    return render(request, "core/home.html")


@login_required
def signed_in(request):
    """Where sign-in leads: the secretariat to its desk, a member to their area."""
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("myarea:home")


def privacy(request):
    return render(request, "core/privacy.html")


@require_GET
@never_cache
def healthz(request):
    """200 while pages can be served, 503 when the database is away. Anonymous
    callers (load balancers, monitors) learn only that; the secretariat also sees
    what failed, since addresses and error texts help an attacker map the system."""
    report = health.report()
    status = 503 if report["status"] == "down" else 200
    if status == 200 and request.user.is_authenticated and request.user.is_staff:
        # (With the database down the session, and so the user, cannot be read.)
        return JsonResponse(report, status=status)
    return JsonResponse({"status": "down" if status == 503 else "ok"}, status=status)


def rate_limited(request, exception):
    """django-ratelimit's answer when a client asks too often (core.throttles)."""
    return render(request, "core/rate_limited.html", status=429)


def csrf_failure(request, reason=""):
    """A form sent from a page that expired (its token no longer matches, the
    cookies were cleared): said in the site's words and layout, in the reader's
    language, rather than Django's page, whose inline styles the Content Security
    Policy refuses. Nothing was saved; going back and sending again works."""
    return render(request, "403_csrf.html", status=403)


# Only the formats core.images writes are served, whatever else lies in MEDIA_ROOT.
MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


@require_GET
def media(request, path):
    """An uploaded image (logo, photo); MEDIA_ROOT is read per request.

    Served as a download with its type fixed by the extension, nosniff and a
    sandboxing policy: an <img> shows it, but opened on its own it is never a page
    of this site, whatever bytes it holds.
    """
    content_type = MEDIA_TYPES.get(Path(path).suffix.lower())
    if content_type is None:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
