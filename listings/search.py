"""Search in any language on the browse page: "apprentices" also finds the
German Lehrlinge and the Italian apprendisti. The listings' vectors (the
embeddings app) find what means the same; PostgreSQL's full-text search, or a
plain match on SQLite, finds the words themselves."""

from django.db import connection
from django.db.models import Q

from embeddings.encoders import encoder_class

# Listings whose meaning is closest to the search, at most; and how close they
# must be, on the encoder's scale (0: unrelated, 1: the same topic).
NEIGHBOURS = 20
CLOSE_ENOUGH = 0.25
# ... and not much further than the closest one: a short search sits lower on
# the encoder's scale than a description does, but keeps its order.
BEHIND_THE_CLOSEST = 0.03


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
    at_least = cls.similarity_floor + CLOSE_ENOUGH * (cls.similarity_ceiling - cls.similarity_floor)
    near = nearest_listings(value, limit=NEIGHBOURS, at_least=at_least)
    if near:
        closest = max(near.values())
        near = {pk: sim for pk, sim in near.items() if sim >= closest - BEHIND_THE_CLOSEST}
    return Q(pk__in=list(near))


def listings_search(queryset, value: str):
    value = (value or "").strip()
    if not value:
        return queryset
    return queryset.filter(words_match(value) | meaning_match(value))
