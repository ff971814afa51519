"""French, Spanish and Swedish readers get the site in their language, and the
compiled catalogues (committed, so no gettext tools are needed to run the site)
match their sources."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALES = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def po_entries(path: Path) -> dict[str, str]:
    """msgid → msgstr of the singular entries of a .po file (enough to compare)."""
    entries, key, current = {}, None, {"msgid": "", "msgstr": ""}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r'^(msgid|msgstr|msgid_plural|msgstr\[\d\]) "(.*)"$', line)
        if match:
            key = match.group(1)
            current[key] = current.get(key, "") + match.group(2)
        elif line.startswith('"') and key:
            current[key] = current.get(key, "") + line[1:-1]
        elif not line.strip():
            if current.get("msgid") and "msgid_plural" not in current:
                entries[current["msgid"]] = current.get("msgstr", "")
            key, current = None, {"msgid": "", "msgstr": ""}
    return entries


def unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_are_complete_and_compiled(language):
    folder = LOCALES / language / "LC_MESSAGES"
    sources = po_entries(folder / "django.po")
    untranslated = [msgid for msgid, msgstr in sources.items() if not msgstr]
    assert untranslated == []
    # A fuzzy entry is gettext's guess from a similar string: not a translation.
    text = (folder / "django.po").read_text(encoding="utf-8")
    assert re.findall(r"^#,.*\bfuzzy\b", text, flags=re.MULTILINE) == []
    with open(folder / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, msgstr in sources.items()
        if catalogue.gettext(unescape(msgid)) != unescape(msgstr)
    ]
    assert stale == [], "run `python manage.py compilemessages` after editing a .po file"


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fr", "Outil de mise en relation pour la mobilité"),
        ("sv", "Matchningsverktyget för mobilitet"),
    ],
)
def test_home_page_speaks_the_chosen_language(client, db, language, heading):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/")
    assert f'<html lang="{language}">' in response.text
    assert heading in response.text


def test_spanish_translation_is_used_by_gettext():
    with translation.override("es"):
        assert translation.gettext("Sign in") != "Sign in"
