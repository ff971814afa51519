"""The secretariat's admin: open only to staff who passed the second factor.

Loaded as the admin's app config (INSTALLED_APPS), before any model: imports of
Django's auth views stay inside the methods.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SecretariatAdminSite(admin.AdminSite):
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
