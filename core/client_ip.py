"""Who is asking: the client's address and the account a sign-in names.

Axes (lockouts) and django-ratelimit (throttles) both count per client; both
call these functions, so the two always agree on who the client is.
"""

from django.conf import settings


def client_ip(request) -> str:
    """The address of the client, not of the proxy in front of the application.

    Each of the TRUSTED_PROXY_COUNT proxies appends the address it received the
    request from to X-Forwarded-For, so the client is the N-th entry from the
    right; whatever stands further left was written by the client and is ignored.
    With no proxy declared the header is not read at all, since anyone can send it.
    (django-ipware counts proxies inside the header instead, which does not fit a
    single proxy that appends the client's address.)
    """
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        # A request that did not pass through every proxy: it reached the
        # application directly, so its own address is the truth.
        return remote
    return forwarded[-count]


def normalised_email(value) -> str:
    """An e-mail address as sign-in compares it: no surrounding spaces, any case."""
    return str(value or "").strip().lower()


def sign_in_username(request, credentials=None) -> str:
    """The account a sign-in attempt is for, as the authentication backend reads
    it, so that ' Alice@X ' and 'alice@x' count against one lock."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field) is not None:
        return normalised_email(credentials.get(field))
    data = getattr(request, "POST", None) or {}
    return normalised_email(data.get(field))
