"""Rules that hold on every page: idle timeout, the secretariat's second factor,
the member's language, no copies of personal pages in shared caches, and the
Content Security Policy."""

import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .cookies import language_cookie_set

LAST_SEEN_KEY = "last_seen"
# Writing the session once a minute is enough to measure an idle hour, and
# spares a database write on every request.
LAST_SEEN_RESOLUTION = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, _("You were signed out after a while without activity."))
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class MemberLanguageMiddleware:
    """A signed-in member sees the site in their profile's language, the one their
    e-mails are written in: one choice, whatever browser they sign in from.
    Visitors keep LocaleMiddleware's choice (the language cookie, else the
    browser's Accept-Language). The cookie follows the profile, so the pages stay
    in that language after signing out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = profile_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        cookie = settings.LANGUAGE_COOKIE_NAME
        # A page that changes the language (the header menu, the account page)
        # sets the cookie itself: the profile read before it ran is the old one.
        if language and request.COOKIES.get(cookie) != language and cookie not in response.cookies:
            language_cookie_set(response, language)
        return response


def profile_language(request) -> str:
    """The signed-in member's profile language, if the site offers it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    language = getattr(user, "language", "")
    return language if language in dict(settings.LANGUAGES) else ""


class StaffTwoFactorMiddleware:
    """Staff act as staff only after the second factor: until then every page
    but the second-factor page, sign-out and the static files sends them there."""

    OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff and not user.is_verified():
            allowed = {reverse("two-factor"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith(self.OPEN_PREFIXES):
                return redirect_to_login(
                    request.get_full_path(), reverse("two-factor"), redirect_field_name="next"
                )
        return self.get_response(request)


class PrivatePagesMiddleware:
    """A signed-in person's pages carry their data (names, inbox, exports): no
    browser back-button cache or shared proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


def start_idle_clock(sender, request, user, **kwargs):
    """Connected to user_logged_in: a fresh sign-in is never "idle" because of an
    old timestamp left in the session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware (settings.CONTENT_SECURITY_POLICY), extended as its
    documentation shows (get_policy_parts): the pages under the admin, the
    secretariat's, also allow inline styles, which packaged admin templates write
    (a <style> in Django's change lists, style= in simple-history's history); the
    public and member pages allow none."""

    ADMIN_STYLES = {"style-src": ["'unsafe-inline'"]}

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own @csp_update stays as it is.
        if parts.update is None and request.path_info.startswith(reverse("admin:index")):
            parts.update = self.ADMIN_STYLES
        return parts
