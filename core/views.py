from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from . import health


def home(request):
    return render(request, "core/home.html")


@login_required
def member_home(request):
    memberships = request.user.memberships.select_related("organisation").order_by(
        "organisation__name"
    )
    return render(request, "core/member_home.html", {"memberships": memberships})


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


@require_GET
def media(request, path):
    """An uploaded file (logo, photo); MEDIA_ROOT is read per request."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
