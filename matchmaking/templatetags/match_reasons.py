"""`{{ reason|reason }}`: a stored reason as a sentence in the reader's language
(emails are rendered in the recipient's)."""

from django import template

from matchmaking.reasons import reason_text

register = template.Library()


@register.filter(name="reason")
def reason_filter(item, reader=None) -> str:
    """`{{ r|reason:reader }}`: "you" for the reader's organisation (an id)."""
    return reason_text(item, readers=[reader] if reader else ())
