"""`{{ kind|listing_kind }}`: a listing's kind as a notification's context keeps it
("request", "offer"), in the reader's words, lower case. The context is recorded
in the language of whoever acted; the e-mail is read in its recipient's."""

from django import template

from listings.models import ListingKind

register = template.Library()


@register.filter
def listing_kind(value) -> str:
    try:
        return str(ListingKind(value).label).lower()
    except ValueError:  # words recorded by an older version: shown as they were
        return str(value).lower()
