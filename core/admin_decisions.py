"""Decisions as buttons on an object's own admin page.

A decision names the service that takes it. Each model admin gets one URL,
`<pk>/decide/<name>/`, that accepts a POST only, checks the permission, passes
the reason when the service asks for one, and returns to the page with what
happened. The bulk actions call the same services, so a rule lives in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import update_wrapper

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse

from .refusals import REFUSALS, refusal_text

# Whether a decision asks for a reason.
NO_REASON, OPTIONAL, REQUIRED = "", "optional", "required"


@dataclass(frozen=True)
class Decision:
    name: str
    label: str
    # run(obj, by=user, reason=text) calls the service and returns what it made.
    run: Callable
    # Whether the decision applies to the object as it stands.
    applies: Callable
    # Said on success, with %(object)s and %(result)s (what run returned).
    done: str
    reason: str = NO_REASON
    reason_label: str = ""
    help: str = ""
    # The page to go to after success, from what run returned; else the object's page.
    next_page: Callable | None = None


def staff_only(admin_site, view):
    """The admin's own guard, and a 403 (not a sign-in page) for a signed-in member:
    a decision is the secretariat's, never something a member may try."""
    admin_view = admin_site.admin_view(view)

    def guarded(request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            raise PermissionDenied
        return admin_view(request, *args, **kwargs)

    return update_wrapper(guarded, view)


class DecisionsMixin:
    """For a ModelAdmin: `decisions` is a list of Decision; the change form shows
    the ones that apply, to a user allowed to change the object."""

    decisions: list = []
    # The refusals a service raises in the user's words; anything else is a bug.
    decision_errors: tuple = REFUSALS
    change_form_template = "admin/decisions/change_form.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/decide/<slug:name>/",
                staff_only(self.admin_site, self.decision_view),
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    def decision_url(self, obj, decision: Decision) -> str:
        info = self.opts.app_label, self.opts.model_name
        return reverse("admin:{}_{}_decide".format(*info), args=[obj.pk, decision.name])

    def change_url(self, obj) -> str:
        info = self.opts.app_label, self.opts.model_name
        return reverse("admin:{}_{}_change".format(*info), args=[obj.pk])

    def decision_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        decision = next((d for d in self.decisions if d.name == name), None)
        obj = self.get_object(request, unquote(object_id))
        if decision is None or obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        reason = request.POST.get("reason", "").strip()
        try:
            result = decision.run(obj, by=request.user, reason=reason)
        except self.decision_errors as error:
            self.message_user(request, refusal_text(error), messages.ERROR)
            return redirect(self.change_url(obj))
        self.message_user(
            request, decision.done % {"object": obj, "result": result}, messages.SUCCESS
        )
        if decision.next_page is not None:
            return redirect(decision.next_page(result))
        return redirect(self.change_url(obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context["decisions"] = [
                {"decision": d, "url": self.decision_url(obj, d)}
                for d in self.decisions
                if d.applies(obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)
