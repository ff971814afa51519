"""The language a member's text is written in (a listing, a case study):
detected from the text, named in the reader's language.

py3langid (a maintained fork of langid.py) runs offline on a model that ships in
its wheel: under a millisecond a text once loaded. Loading takes about two
seconds and some 60 MB, so it happens on the first detection, not at start-up
(commands and tests that never detect never pay it).
"""

import functools
import threading
from urllib.parse import quote

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import get_language, gettext_lazy

# The languages of Europe that both the detector and Django's own catalogues know
# (Django translates their names, so "Italian" reads "italien" to a French reader).
# Restricting the detector to them keeps it from answering Latin or Esperanto for a
# short Italian or Catalan text.
WRITTEN_LANGUAGES = (
    "bg cs da de el en es et fi fr ga hr hu it lt lv nl pl pt ro sk sl sv "
    "ca eu gl cy lb is no sq sr mk bs tr uk"
).split()
# Below it the text is too short or too mixed to say; the member can still choose.
MIN_CONFIDENCE = 0.5
# A title alone is a few words: the detector needs a sentence or more.
MIN_CHARACTERS = 20

_lock = threading.Lock()


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(WRITTEN_LANGUAGES)
    return identifier


def language_detect(text: str) -> str:
    """The code ("fi", "ca") of the language the text is written in, or "" when
    the text is too short or the detector is unsure."""
    text = (text or "").strip()
    if len(text) < MIN_CHARACTERS:
        return ""
    with _lock:  # two threads of a worker loading the model at once would load it twice
        identifier = _identifier()
    code, confidence = identifier.classify(text)
    return code if confidence >= MIN_CONFIDENCE else ""


def written_language_detect(title: str, *texts: str) -> str:
    """The language of a titled text (a listing, a case study); the title ends
    in a full stop so that it reads as a sentence of its own."""
    return language_detect(f"{title}.\n" + "\n".join(texts))


def written_language(chosen: str, text: tuple, before: tuple[str, tuple] | None = None) -> str:
    """The language a text (title first) is recorded in, the one rule for listings
    and case studies: the language a person chose, else the one detected. An edit
    that changes the text but leaves the language as it was detects it again (it
    may have been rewritten in another language). `before` is (language, text) as
    saved, None for a new text."""
    chosen = chosen or ""
    if before is not None and chosen == before[0]:
        if tuple(text) == tuple(before[1]):
            return chosen
    elif chosen:
        return chosen
    return written_language_detect(*text)


def language_name(code: str) -> str:
    """The language's name in the active language ("Italian", "italien")."""
    info = LANG_INFO.get(code)
    return str(gettext_lazy(info["name"])) if info else code


# The interface languages that write a language's name in lower case within a
# sentence ("Rédigé en italien", "Escrito en italiano"), while a list of choices
# starts each with a capital, as Django's catalogues and the vocabulary name them.
LOWER_CASE_IN_A_SENTENCE = {"fr", "es", "ca", "it", "pt", "pl", "sv"}


def in_a_sentence(name: str) -> str:
    """A language's name as the reader's language writes it within a sentence."""
    name = str(name)
    if name and reader_language() in LOWER_CASE_IN_A_SENTENCE:
        return name[0].lower() + name[1:]
    return name


def language_choices() -> list[tuple[str, str]]:
    """The languages a member can choose, by name in the reader's language."""
    return sorted(((code, language_name(code)) for code in WRITTEN_LANGUAGES), key=lambda c: c[1])


def reader_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def translate_url(*, text: str, source: str, target: str) -> str:
    """A link to the public translation service the site names (off when the
    setting is empty). The text goes in the link only when the reader follows it."""
    template = settings.LISTING_TRANSLATE_URL
    if not template or not source:
        return ""
    return template.format(
        source=quote(source),
        target=quote(target),
        text=quote(text[: settings.LISTING_TRANSLATE_MAX_CHARACTERS]),
    )
