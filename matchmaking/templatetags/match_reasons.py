"""`{{ reason|reason }}`: a stored reason as a sentence in the reader's language
(emails are rendered in the recipient's)."""

from django import template

from matchmaking.reasons import reason_text

register = template.Library()


@register.filter(name="reason")
def reason_filter(item) -> str:
    return reason_text(item)


@register.simple_tag(takes_context=True)
def reason_for_reader(context, item) -> str:
    """`{% reason_for_reader r %}`: says "you" to the organisation the email
    is for (`reader_organisation` in its context, when there is one)."""
    reader = context.get("reader_organisation")
    return reason_text(item, readers=[reader] if reader else ())
