"""Search in any language on the browse page: "apprentices" also finds the
German Lehrlinge and the Italian apprendisti. The listings' vectors (the
embeddings app) find what means the same; PostgreSQL's full-text search, or a
plain match on SQLite, finds the words themselves."""

import re
import unicodedata

from django.db import connection
from django.db.models import Q

from embeddings.encoders import encoder_class

# Listings whose meaning is closest to the search, at most; and how close they
# must be, on the encoder's scale (0: unrelated, 1: the same topic).
NEIGHBOURS = 20
CLOSE_ENOUGH = 0.25
# ... and not much further than the closest one (on the same scale): a short
# search sits lower on the encoder's scale than a description does, but keeps
# its order.
BEHIND_THE_CLOSEST = 0.2


# One-word searches across languages: an encoder reads a single word poorly (a
# word has no context), so the words members search for most are mapped to the
# same word in the partnership's languages. Each entry is the start of a word,
# written as members write it (accents kept: the database compares them as
# written); a search word that starts with one of a group's entries also looks
# for all the others. Extend a group or add one: tests/listings/test_browse_search.py.
TERMS = (
    # apprentices
    (
        "apprentic",
        "apprenti",
        "Lehrling",
        "Auszubildend",
        "Azubi",
        "apprendist",
        "aprendiz",
        "aprenent",
        "lärling",
        "lærling",
        "oppisopimus",
        "ucenic",
        "tanonc",
    ),
    # trainers and teachers of vocational training
    ("trainer", "formateur", "Ausbilder", "formador", "formator", "kouluttaj", "opleider"),
    # work placements
    (
        "placement",
        "internship",
        "stage",
        "Praktikum",
        "prácticas",
        "tirocini",
        "praktik",
        "praktyk",
        "harjoittelu",
        "työssäoppi",
    ),
    # job shadowing
    ("shadowing", "Hospitation", "hospitera", "meelopen", "työvarjo"),
    # study visits
    (
        "study visit",
        "visite d'étude",
        "Studienbesuch",
        "studiebesök",
        "visita de estudio",
        "visita di studio",
        "werkbezoek",
        "opintomatka",
    ),
    # elderly care
    (
        "elderly",
        "personnes âgées",
        "Altenpflege",
        "ældrepleje",
        "äldreomsorg",
        "ouderenzorg",
        "vanhustyö",
        "anziani",
        "mayores",
        "idosos",
    ),
)
WORD = re.compile(r"\w+", re.UNICODE)
# Searches of fewer words are not compared by meaning: the encoder reads a lone
# word poorly ("Lehrlinge" came close to a Dutch elderly-care listing); the words
# and the term map answer them.
MEANING_WORDS = 2


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def same_words(value: str) -> list[str]:
    """The entries of every group the search names, in every language."""
    plain = _plain(value)
    words = {w for w in WORD.findall(plain) if len(w) >= 4}
    found = []
    for group in TERMS:
        if any(_names(entry, words, plain) for entry in group):
            found += [entry for entry in group if entry not in found]
    return found


def _names(entry: str, words: set, plain: str) -> bool:
    """Does the search name this entry: a phrase it contains, a word that starts
    with the entry, or a word of five letters or more that the entry starts with
    ("apprenti" for "apprentic")."""
    entry = _plain(entry)
    if " " in entry:
        return entry in plain
    return any(w.startswith(entry) or (len(w) >= 5 and entry.startswith(w)) for w in words)


def words_match(value: str) -> Q:
    """The words themselves: full-text on PostgreSQL (any form of the words,
    any order), a plain substring match elsewhere."""
    plain = Q(title__icontains=value) | Q(description__icontains=value)
    if connection.vendor != "postgresql":
        return plain
    from django.contrib.postgres.search import SearchQuery, SearchVector

    # The "simple" configuration: members write in twenty languages, and no
    # single stemmer is right for all of them.
    vector = SearchVector("title", "description", config="simple")
    query = SearchQuery(value, config="simple", search_type="websearch")
    from listings.models import Listing

    found = Listing.objects.annotate(found=vector).filter(found=query).values("pk")
    return plain | Q(pk__in=found)


def meaning_match(value: str) -> Q:
    """The listings whose description means what the search says, in any language."""
    from embeddings.selectors import nearest_listings

    cls = encoder_class()
    span = cls.similarity_ceiling - cls.similarity_floor
    at_least = cls.similarity_floor + CLOSE_ENOUGH * span
    near = nearest_listings(value, limit=NEIGHBOURS, at_least=at_least)
    if near:
        closest = max(near.values())
        near = {pk: sim for pk, sim in near.items() if sim >= closest - BEHIND_THE_CLOSEST * span}
    return Q(pk__in=list(near))


def listings_search(queryset, value: str):
    value = (value or "").strip()
    if not value:
        return queryset
    found = words_match(value) | other_languages(value)
    if len(WORD.findall(value)) >= MEANING_WORDS:
        found |= meaning_match(value)
    return queryset.filter(found)


def other_languages(value: str) -> Q:
    """The same word in the partnership's other languages (TERMS)."""
    q = Q(pk__in=[])
    for entry in same_words(value):
        q |= Q(title__icontains=entry) | Q(description__icontains=entry)
    return q
