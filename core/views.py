from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from . import health


def home(request):
    return render(request, "core/home.html")


@login_required
def signed_in(request):
    """Where sign-in leads: the secretariat to its desk, a member to their area."""
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("core:member-home")


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
    problems = health.problems()
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def media(request, path):
    """An uploaded file (logo, photo); MEDIA_ROOT is read per request."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
