"""The secretariat's admin: open only to staff who passed the second factor.

Loaded as the admin's app config (INSTALLED_APPS), before any model: imports of
Django's auth views stay inside the methods.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

DATE_PARTS = ("__year", "__month", "__day")


def hostile_filter(query) -> bool:
    """A list filter the database cannot take: a NUL character (PostgreSQL refuses
    it) or a date part that is no small number (Python's dates overflow)."""
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return True
        if key.endswith(DATE_PARTS) and not all(
            value.isascii() and value.isdigit() and len(value) <= 4 for value in values
        ):
            return True
    return False


class SecretariatAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        """Every admin page refuses a hostile filter by showing the whole list with a
        message, instead of failing in the database."""
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if hostile_filter(request.GET):
                messages.error(request, _("That filter is not valid: here is the whole list."))
                return redirect(request.path)
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def has_permission(self, request):
        # The middleware already sends unverified staff to the second factor;
        # this keeps the admin closed should that middleware ever be removed.
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        """One sign-in page for everyone: the site's, with its lockout, throttle
        and second factor, rather than the admin's own form."""
        from django.conf import settings
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.urls import reverse

        if request.user.is_authenticated:
            # Signed in without the right to enter: a redirect would loop.
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, settings.LOGIN_URL)


class SecretariatAdminConfig(AdminConfig):
    default_site = "core.admin_site.SecretariatAdminSite"
