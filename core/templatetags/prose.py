"""Text typed by members, shown as they wrote it: paragraphs, and lists where they
typed one ("- " at the start of each line), instead of the raw hyphens."""

import re

from django import template
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

BULLET = re.compile(r"^\s*[-*•]\s+")


def _block(lines: list[str], autoescape: bool) -> str:
    esc = conditional_escape if autoescape else (lambda text: text)
    if all(BULLET.match(line) for line in lines):
        items = format_html_join("", "<li>{}</li>", ((BULLET.sub("", line),) for line in lines))
        return f"<ul>{items}</ul>"
    return "<p>" + "<br>".join(esc(line) for line in lines) + "</p>"


@register.filter(needs_autoescape=True)
def prose(value, autoescape=True):
    """Blank lines part paragraphs; a paragraph whose every line starts with "- "
    is a bulleted list."""
    text = str(value or "").replace("\r\n", "\n").strip()
    blocks = [b.split("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    return mark_safe("\n".join(_block(lines, autoescape) for lines in blocks))  # noqa: S308 - escaped above
