from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from members.selectors import current_organisation

from . import selectors


@login_required
def home(request):
    """My area: what waits for me, and the first steps of a new organisation."""
    memberships = list(
        request.user.memberships.select_related("organisation").order_by("organisation__name")
    )
    organisation = current_organisation(request) if memberships else None
    coordinates = any(
        m.organisation_id == getattr(organisation, "pk", None) and m.is_coordinator
        for m in memberships
    )
    # The coordinator sets the organisation up; a contact joins one already running.
    steps = selectors.first_steps(organisation=organisation) if coordinates else []
    to_do = selectors.member_to_do(user=request.user, memberships=memberships)
    return render(
        request,
        "myarea/home.html",
        {
            "memberships": memberships,
            "organisation": organisation,
            "first_steps": {step.key: step.done for step in steps},
            "first_steps_left": any(not step.done for step in steps),
            "to_do": to_do,
            "to_do_total": sum(waiting.count for waiting in to_do.values()),
        },
    )
