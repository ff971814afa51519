"""The vocabularies' names in the reader's language.

`term.name` already reads the active language (translation.py). What is here is
for the places that hold ids, not terms (a stored match reason), for lookups
across a relation (`exchange__theme__name`), which modeltranslation does not
rewrite, and for sorting names the way a reader of that language expects."""

import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation

from core.counts import cache_generation, token_renew

VERSION_KEY = "taxonomy:names:version"
# A change made with update() (a migration) sends no signal: at worst this old.
SECONDS = 15 * 60


def sort_key(name: str) -> str:
    """Alphabetical as a reader expects in any of our languages: "Égalité"
    between "Digital" and "Formation", "Łotewski" with the L's (a database's
    binary order puts both after "Z")."""
    letters = unicodedata.normalize("NFKD", str(name).replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in letters if not unicodedata.combining(c)).casefold()


def sorted_by_name(items, name=str) -> list:
    return sorted(items, key=lambda item: sort_key(name(item)))


def name_in_language(path: str = "name"):
    """An expression for the name at `path` (`theme__name`) in the active
    language, English where it has no translation: for values() and order_by()
    across a relation."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    language = language.split("-")[0]
    english = F(f"{path}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}")
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE or language not in {
        code for code, _name in settings.LANGUAGES
    }:
        return english
    return Coalesce(NullIf(F(f"{path}_{language}"), Value("")), english, output_field=CharField())


def term_names(model) -> dict[int, str]:
    """{id: name in the active language} of every term of this vocabulary, from
    the cache: a page of match reasons costs no query per reason."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"taxonomy:names:{cache_generation(VERSION_KEY)}:{model._meta.label_lower}:{language}"
    return cache.get_or_set(
        key, lambda: {term.pk: term.name for term in model.objects.all()}, SECONDS
    )


def term_names_changed(**kwargs):
    token_renew(VERSION_KEY)
