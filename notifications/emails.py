"""Each email is three templates under templates/emails/<kind>/:
subject.txt, body.txt and body.html; one call renders and sends it."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """The one way to make a link that works outside the site (e-mails, feeds, exports)."""
    return f"{settings.SITE_URL}{path}"


def render(kind: str, context: dict, language: str = "en") -> tuple[str, str, str]:
    base = f"emails/{kind}"
    with translation.override(language):
        context = {
            "SITE_URL": settings.SITE_URL,
            "LANGUAGE_CODE": language,
            # Every email says where to turn them off (or on).
            "preferences_url": absolute_url(reverse("notifications:preferences")),
            "inbox_url": absolute_url(reverse("notifications:inbox")),
            **context,
        }
        subject = render_to_string(f"{base}/subject.txt", context)
        text = render_to_string(f"{base}/body.txt", context)
        html = render_to_string(f"{base}/body.html", context)
    # A subject is one line: a newline in it would break the header.
    return " ".join(subject.split()), plain(text), html


def plain(text) -> str:
    """A text body as a plain str. render_to_string marks what it renders safe, but
    the text bodies are written with autoescape off (they are plain text), so what
    members typed is in them raw: a page that shows one (the inbox, the admin's
    preview) must escape it. (str() would keep the mark.)"""
    return str.__str__(text)


def build(
    *, kind: str, to: str, context: dict, language: str = "en", headers: dict | None = None
) -> EmailMultiAlternatives:
    subject, text, html = render(kind, context, language)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def link(name: str, *args) -> str:
    """An absolute link for an email, to a page of the site."""
    return absolute_url(reverse(name, args=args))


def inbox_text(kind: str, context: dict, *, body: bool = True) -> tuple[str, str]:
    """Subject and text body for the inbox, in the reader's current language.
    An email whose templates are missing or broken still shows up, by its kind."""
    context = {
        "SITE_URL": settings.SITE_URL,
        "preferences_url": absolute_url(reverse("notifications:preferences")),
        "inbox_url": absolute_url(reverse("notifications:inbox")),
        **context,
    }
    try:
        subject = render_to_string(f"emails/{kind}/subject.txt", context)
        text = render_to_string(f"emails/{kind}/body.txt", context) if body else ""
    except TemplateDoesNotExist:
        return kind.replace("_", " ").capitalize(), ""
    except Exception:  # one broken template must not take the whole inbox down
        logger.exception("Cannot render %s for the inbox", kind)
        return kind.replace("_", " ").capitalize(), ""
    return " ".join(subject.split()), plain(text)
