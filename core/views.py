from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from members.models import Role
from members.selectors import current_organisation

from . import health, selectors


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
    problems = health.problems()
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def media(request, path):
    """An uploaded file (logo, photo); MEDIA_ROOT is read per request."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
