"""Language offsets learnt from the listings' own vectors (embeddings.offsets)."""

import numpy as np
import pytest

from embeddings import offsets as learnt
from embeddings.encoders import encoder_name, normalised
from embeddings.index import index
from embeddings.models import ListingVector
from embeddings.selectors import listing_vector, similarities
from tests.factories import OfferFactory

DIMENSIONS = 8
TOPICS = np.eye(DIMENSIONS)[:4]
# What each language adds to every vector, whatever the topic.
FINNISH, ENGLISH = np.eye(DIMENSIONS)[6], np.eye(DIMENSIONS)[7]


def rows(language_direction, code, n):
    """n listings in one language, spread over the topics."""
    return [(code, TOPICS[i % 4] + language_direction) for i in range(n)]


@pytest.fixture(autouse=True)
def _own_offsets(settings, tmp_path):
    settings.EMBEDDINGS_OFFSETS_DIR = tmp_path
    learnt.offsets_use(None)
    index.clear()
    yield
    learnt.offsets_use(None)
    index.clear()


def test_offsets_follow_the_shrinking_rule():
    offsets, counts = learnt.offsets_learnt_from(rows(FINNISH, "fi", 12) + rows(ENGLISH, "en", 36))
    assert counts == {"en": 36, "fi": 12}
    # Global mean: topics average out, languages weigh 12 and 36 of 48.
    everything = TOPICS.mean(axis=0) + 0.25 * FINNISH + 0.75 * ENGLISH
    fi_mean = TOPICS.mean(axis=0) + FINNISH
    expected = 12 / (12 + learnt.SHRINK) * (fi_mean - everything)
    assert np.allclose(offsets["fi"], expected, atol=1e-6)


def test_the_same_topic_in_two_languages_comes_closer_than_another_topic_in_one():
    data = rows(FINNISH * 2, "fi", 40) + rows(ENGLISH * 2, "en", 40)
    offsets, _counts = learnt.offsets_learnt_from(data)
    learnt.offsets_use(offsets)
    finnish_a, english_a = TOPICS[0] + 2 * FINNISH, TOPICS[0] + 2 * ENGLISH
    finnish_b = TOPICS[1] + 2 * FINNISH
    before = normalised(np.stack([finnish_a, english_a, finnish_b]).astype(np.float32))
    # As stored: the same topic in another language looks further than another topic.
    assert before[0] @ before[1] < before[0] @ before[2]
    after = learnt.without_language(before, ["fi", "en", "fi"])
    assert after[0] @ after[1] > after[0] @ after[2]
    assert np.allclose(np.linalg.norm(after, axis=1), 1, atol=1e-5)


def test_a_language_with_few_listings_keeps_its_vector_as_shipped():
    data = rows(FINNISH, "fi", 40) + rows(ENGLISH, "en", 40) + rows(ENGLISH, "hu", 3)
    offsets, counts = learnt.offsets_learnt_from(data)
    assert counts["hu"] == 3 and "hu" not in offsets
    learnt.offsets_use(offsets)
    vectors = normalised(np.stack([TOPICS[0] + FINNISH, TOPICS[0] + ENGLISH]).astype(np.float32))
    after = learnt.without_language(vectors, ["hu", ""])
    assert np.array_equal(after, vectors)


def store(listing, vector):
    ListingVector.objects.create(
        listing=listing,
        encoder=encoder_name(),
        vector=np.asarray(vector, dtype="<f4").tobytes(),
        text_hash="x",
        stamp=listing.pk,
    )


@pytest.mark.django_db
def test_offsets_learnt_from_stored_listings_change_how_they_compare_and_are_repeatable():
    listings = []
    for code, direction in (("fi", FINNISH), ("en", ENGLISH)):
        for i in range(20):
            listing = OfferFactory(language=code)
            store(
                listing,
                normalised((TOPICS[i % 4] + 1.5 * direction)[None, :].astype(np.float32))[0],
            )
            listings.append(listing)
    finnish, english = listings[0], listings[20]  # both on the first topic
    other_topic_finnish = listings[1]
    ids, stamps = [english.pk, other_topic_finnish.pk], [english.pk, other_topic_finnish.pk]

    sims_before = similarities(listing_vector(finnish.pk), ids, stamps)
    assert sims_before[0] < sims_before[1]  # the language weighs more than the topic

    assert learnt.language_offsets_learn() == {"en": 20, "fi": 20}
    first = learnt.offsets_path().read_bytes()
    sims_after = similarities(listing_vector(finnish.pk), ids, stamps)
    assert sims_after[0] > sims_after[1]  # the topic now decides

    learnt.language_offsets_learn()
    assert learnt.offsets_path().read_bytes() == first
    index.clear()
    assert np.array_equal(similarities(listing_vector(finnish.pk), ids, stamps), sims_after)


@pytest.mark.django_db
def test_offsets_are_learnt_again_only_when_the_listings_changed_enough():
    for i in range(learnt.MINIMUM):
        store(OfferFactory(language="fi"), TOPICS[i % 4] + FINNISH)
    assert learnt.relearn_due()
    learnt.language_offsets_learn()
    assert not learnt.relearn_due()
    store(OfferFactory(language="fi"), TOPICS[0] + FINNISH)
    assert not learnt.relearn_due()


@pytest.mark.django_db
def test_many_listings_vectors_at_once_are_those_of_each_alone(django_assert_max_num_queries):
    from embeddings.selectors import listing_vectors

    listings = [OfferFactory(language=code) for code in ["fi"] * 6 + ["en"] * 6]
    for i, listing in enumerate(listings):
        store(listing, TOPICS[i % 4] + (FINNISH if listing.language == "fi" else ENGLISH))
    learnt.language_offsets_learn()
    with django_assert_max_num_queries(1):
        found = listing_vectors([listing.pk for listing in listings])
    assert set(found) == {listing.pk for listing in listings}
    for listing in listings:
        assert np.array_equal(found[listing.pk], listing_vector(listing.pk))


def test_a_listing_close_to_every_request_has_hubness_and_reads_less_close():
    # Requests on four topics, all in the same vocational words (a shared
    # direction); a generic offer speaks those words about every topic, a
    # focused one of the first topic (and a little of the second).
    shared = np.eye(DIMENSIONS)[5]
    requests = normalised(np.stack([TOPICS[i % 4] + shared for i in range(24)]).astype(np.float32))
    generic = normalised((shared + 0.3 * TOPICS.sum(axis=0))[None, :].astype(np.float32))[0]
    focused = normalised((TOPICS[0] + 0.7 * TOPICS[1] + 0.4 * shared)[None, :].astype(np.float32))
    vectors = np.vstack([requests, generic, focused[0]])
    kinds = ["request"] * 24 + ["offer", "offer"]
    hubness = learnt.hubness_learnt_from(range(26), kinds, vectors)
    assert hubness[24] > hubness[25]
    assert sum(hubness.values()) == pytest.approx(0, abs=1e-4)
    request = requests[0]
    # As they are, the generic offer looks closer to the first request...
    assert request @ vectors[24] > request @ vectors[25]
    read = {
        pk: learnt.hubness_taken_away(float(request @ vectors[pk]), pk, hubness) for pk in (24, 25)
    }
    # ...read as CSLS does, the focused one is.
    assert read[25] > read[24]
    # Too few requests to tell: nothing is taken away.
    assert learnt.hubness_learnt_from(range(3), ["request", "offer", "offer"], vectors[:3]) == {}


@pytest.mark.django_db
def test_hubness_is_learnt_with_the_offsets_and_read_by_every_process():
    from tests.factories import RequestFactory

    listings = [OfferFactory(language="en") for _ in range(12)]
    asks = [RequestFactory(language="en") for _ in range(12)]
    for i, listing in enumerate(listings + asks):
        store(listing, normalised((TOPICS[i % 4] + 0.1 * ENGLISH)[None, :].astype(np.float32))[0])
    assert learnt.learnt_hubness() == {}
    learnt.language_offsets_learn()
    hubness = learnt.learnt_hubness()
    assert set(hubness) == {x.pk for x in listings + asks}
    first = learnt.offsets_path().read_bytes()
    learnt.language_offsets_learn()
    assert learnt.offsets_path().read_bytes() == first


def test_hubness_taken_away_of_many_is_each_ones_hubness_taken_away():
    import numpy as np

    from embeddings.offsets import hubness_taken_away, hubness_taken_away_of

    hubness = {3: 0.2, 7: -0.1, 11: 0.05}
    ids = np.array([11, 2, 7, 3, 12])
    sims = np.array([0.5, 0.4, np.nan, 0.3, 0.1])
    many = hubness_taken_away_of(sims, ids, hubness)
    one_by_one = [hubness_taken_away(s, int(i), hubness) for s, i in zip(sims, ids, strict=True)]
    np.testing.assert_allclose(many, one_by_one)
    np.testing.assert_array_equal(hubness_taken_away_of(sims, ids, {}), sims)
