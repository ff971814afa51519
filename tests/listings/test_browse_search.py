"""Search in any language on the browse page: the meaning of the descriptions,
not only their words."""

import pytest

from embeddings.index import index
from listings.models import Listing
from listings.services import listings_embed
from tests.factories import OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placements(db):
    index.clear()  # ids are reused from one test to the next on SQLite
    texts = {
        "Kfz-Lehrlinge": (
            "Lehrlinge im Kfz-Handwerk: Praktikum in Werkstätten in Bayern",
            "Unsere Auszubildenden zum Kfz-Mechatroniker arbeiten drei Wochen in "
            "Autowerkstätten und Autohäusern unserer Partnerbetriebe mit.",
        ),
        "Apprendisti": (
            "Apprendisti meccanici: tirocinio nelle officine di Torino",
            "Accogliamo apprendisti di autoriparazione per tre settimane nelle officine "
            "e concessionarie nostre partner.",
        ),
        "Seniors": (
            "Digital skills for older adults",
            "Smartphone and online banking courses for people over 65 in community centres.",
        ),
        "Care": (
            "Stages in de ouderenzorg",
            "Studenten verzorgende lopen drie weken stage in verpleeghuizen.",
        ),
    }
    for key, (title, description) in texts.items():
        OfferFactory(
            organisation=OrganisationFactory(name=key), title=title, description=description
        )
    listings_embed(listings=Listing.objects.all())


def found(client, query):
    response = client.get("/listings/", {"q": query})
    return {listing.organisation.name for listing in response.context["page_obj"]}


def test_browse_search_finds_listings_in_other_languages_by_meaning(alice_client, placements):
    hits = found(alice_client, "placements for apprentices in car repair workshops")
    assert {"Kfz-Lehrlinge", "Apprendisti"} <= hits
    assert "Seniors" not in hits


def test_browse_search_still_finds_the_words_themselves(alice_client, placements):
    assert "Care" in found(alice_client, "verpleeghuizen")


def test_browse_search_query_count_does_not_grow_with_the_listings(
    alice_client, placements, django_assert_max_num_queries
):
    alice_client.get("/listings/", {"q": "warm-up"})
    with django_assert_max_num_queries(16):
        alice_client.get("/listings/", {"q": "placements for apprentices"})


@pytest.mark.parametrize("query", ["apprentices", "Lehrlinge", "apprendisti"])
def test_one_word_search_finds_the_same_word_in_other_languages(alice_client, placements, query):
    hits = found(alice_client, query)
    assert {"Kfz-Lehrlinge", "Apprendisti"} <= hits
    assert not {"Seniors", "Care"} & hits


def test_one_word_search_in_another_language_finds_the_english_and_dutch_words(
    alice_client, placements
):
    # "Altenpflege" (German) is the elderly-care group of the term map: the Dutch
    # "ouderenzorg" listing is found, the apprentices are not.
    hits = found(alice_client, "Altenpflege")
    assert "Care" in hits
    assert "Kfz-Lehrlinge" not in hits
