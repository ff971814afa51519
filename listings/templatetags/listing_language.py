"""The "Written in Italian" label of a listing shown to a reader of another language."""

from django import template

from listings.language import language_name, reader_language, translate_url

register = template.Library()


@register.simple_tag
def written_in(listing) -> dict | None:
    """None when the listing is in the reader's language or its language is unknown."""
    code, reader = listing.language, reader_language()
    if not code or code == reader:
        return None
    return {
        "code": code,
        "name": language_name(code),
        "reader": reader,
        "reader_name": language_name(reader),
        "translate_url": translate_url(
            text=f"{listing.title}\n\n{listing.description}", source=code, target=reader
        ),
    }
