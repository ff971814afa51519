"""The "Written in Italian" label of a text (a listing, a case study) shown to a
reader of another language."""

from django import template

from core.language import in_a_sentence, language_name, reader_language, translate_url

register = template.Library()


@register.simple_tag
def written_in(code: str, *texts: str) -> dict | None:
    """None when the text is in the reader's language or its language is unknown;
    `texts` go to the translation service, if one is configured."""
    reader = reader_language()
    if not code or code == reader:
        return None
    return {
        "code": code,
        "name": in_a_sentence(language_name(code)),
        "reader": reader,
        "reader_name": in_a_sentence(language_name(reader)),
        "translate_url": translate_url(text="\n\n".join(texts), source=code, target=reader),
    }
