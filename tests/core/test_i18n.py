"""Every user-facing string in a template is marked for translation.

A heuristic, but one that catches the usual slip: text typed straight into a
template, or into an aria-label, title, placeholder or alt attribute.
"""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")) + sorted(
    (Path(settings.BASE_DIR) / "templates").rglob("*.txt")
)
# Admin overrides are checked too; Django's own admin templates are not ours.
BLOCK_TRANSLATED = re.compile(r"{%\s*blocktrans(late)?\b.*?{%\s*endblocktrans(late)?\s*%}", re.S)
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&[a-z]+;|&#\d+;")
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
ATTRIBUTE = re.compile(r'\b(aria-label|title|placeholder|alt)="([^"{]*[A-Za-z][^"{]*)"')
# Words that are the same in every language: brand names and symbols.
ALLOWED = {"EARLALL", "RSP", "CSV", "XLSX", "PDF", "Atom", "RSS", "Erasmus", "OID", "NUTS"}


def untranslated(text: str) -> list[str]:
    text = BLOCK_TRANSLATED.sub(" ", text)
    text = SCRIPT_OR_STYLE.sub(" ", text)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    attributes = [value for _, value in ATTRIBUTE.findall(text)]
    text = TEMPLATE_SYNTAX.sub(" ", text)
    text = TAG.sub(" ", text)
    text = ENTITY.sub(" ", text)
    words = [w for w in WORD.findall(text) if w not in ALLOWED]
    return words + attributes


def test_every_template_marks_every_user_facing_string_for_translation():
    # One test over all templates (not one per template): the failure lists each
    # template with its untranslated words.
    found = {
        str(template.relative_to(settings.BASE_DIR)): words
        for template in TEMPLATES
        if (words := untranslated(template.read_text(encoding="utf-8")))
    }
    assert found == {}
    assert len(TEMPLATES) > 100


def test_the_check_finds_untranslated_text():
    assert untranslated("<p>Hello {{ name }}</p>") == ["Hello"]
    assert untranslated('<a aria-label="Close">x</a>') == ["Close"]
    assert untranslated("<p>{% translate 'Hello' %}</p>") == []
