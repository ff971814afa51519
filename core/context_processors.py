from django.conf import settings


def site(request):
    """What every page needs to draw the navigation."""
    user = getattr(request, "user", None)
    return {
        "SITE_URL": settings.SITE_URL,
        "is_secretariat": bool(user and user.is_authenticated and user.is_staff),
    }
