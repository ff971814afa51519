"""Each email is three templates under templates/emails/<kind>/:
subject.txt, body.txt and body.html; one call renders and sends it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render(kind: str, context: dict, language: str = "en") -> tuple[str, str, str]:
    base = f"emails/{kind}"
    context = {"SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"{base}/subject.txt", context)
        text = render_to_string(f"{base}/body.txt", context)
        html = render_to_string(f"{base}/body.html", context)
    # A subject is one line: a newline in it would break the header.
    return " ".join(subject.split()), text, html


def build(*, kind: str, to: str, context: dict, language: str = "en") -> EmailMultiAlternatives:
    subject, text, html = render(kind, context, language)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message
