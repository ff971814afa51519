from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve

from members import services as member_services
from members.models import Role
from members.selectors import current_organisation

from . import health, selectors


@require_POST
def language_set(request):
    """The header's language menu. For a signed-in member the choice is their
    profile's language, so the e-mails they get follow it too."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and language != user.language:
        member_services.account_update(user=user, data={"language": language})
    return response


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
    """My area: what waits for me, and the first steps of a new organisation."""
    memberships = list(
        request.user.memberships.select_related("organisation").order_by("organisation__name")
    )
    organisation = current_organisation(request) if memberships else None
    coordinates = any(
        m.organisation_id == getattr(organisation, "pk", None) and m.role == Role.COORDINATOR
        for m in memberships
    )
    # The coordinator sets the organisation up; a contact joins one already running.
    steps = selectors.first_steps(organisation=organisation) if coordinates else []
    to_do = selectors.member_to_do(user=request.user)
    return render(
        request,
        "core/member_home.html",
        {
            "memberships": memberships,
            "organisation": organisation,
            "first_steps": {step.key: step.done for step in steps},
            "first_steps_left": any(not step.done for step in steps),
            "to_do": to_do,
            "to_do_total": sum(waiting.count for waiting in to_do.values()),
        },
    )


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
