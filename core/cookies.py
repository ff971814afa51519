"""The language cookie, set the same way wherever the site sets it."""

from django.conf import settings


def language_cookie_set(response, language: str) -> None:
    """Remember `language` in the browser as Django's set_language does, with the
    LANGUAGE_COOKIE_* settings: Secure whenever the session cookie is
    (SECURE_COOKIES), HttpOnly, SameSite=Lax."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
