"""Dates in emails: the context of a notification keeps them as ISO strings (JSON
has no date type); these filters show them in the reader's language, the same
unambiguous way as the pages do ("1 Dec 2026")."""

import datetime

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def day(value):
    """An ISO date (or a date) as "1 Dec 2026"; anything else is shown as it is."""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return value
