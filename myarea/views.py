from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string

from members.selectors import current_organisation, memberships_of

from . import selectors
from .kept import waiting_html


@login_required
def home(request):
    """My area: what waits for me, and the first steps of a new organisation."""
    memberships = list(memberships_of(request.user))
    organisation = current_organisation(request, memberships=memberships)
    context = {"memberships": memberships, "organisation": organisation}

    def waiting():
        coordinates = any(
            m.organisation_id == getattr(organisation, "pk", None) and m.is_coordinator
            for m in memberships
        )
        # The coordinator sets the organisation up; a contact joins one already running.
        steps = selectors.first_steps(organisation=organisation) if coordinates else []
        to_do = selectors.member_to_do(user=request.user, memberships=memberships)
        part = {
            **context,
            "first_steps": {step.key: step.done for step in steps},
            "first_steps_left": any(not step.done for step in steps),
            "to_do": to_do,
            "to_do_total": sum(waiting.count for waiting in to_do.values()),
        }
        context.update(part)  # what is shown, for whoever reads the context
        return render_to_string("myarea/_waiting.html", part)

    context["waiting"] = waiting_html(user=request.user, organisation=organisation, render=waiting)
    return render(request, "myarea/home.html", context)
