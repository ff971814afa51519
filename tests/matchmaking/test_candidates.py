"""A computed ranking scores its candidates from their values and reads each
listing only when something asks for it; what the rules left out is put in
order only when read."""

import numpy as np
import pytest

from listings.models import Listing
from matchmaking.candidates import listed, listing_values, with_tags
from matchmaking.matcher import LeftOutList, rank, ranking
from tests.factories import (
    FormatFactory,
    LanguageFactory,
    OfferFactory,
    OrganisationFactory,
    TargetGroupFactory,
)
from tests.matchmaking.cases import request_and_hosts

pytestmark = pytest.mark.django_db


def test_a_computed_ranking_reads_the_listings_when_first_asked(django_assert_num_queries):
    request, _offers = request_and_hosts("Host A", "Host B")
    english = request.languages.get()
    ranked = rank(request)
    # Ordered by what the listings say, before any was read.
    assert [c.values.organisation.name for c in ranked] == ["Host A", "Host B"]
    with django_assert_num_queries(1):  # both listings, with their organisations
        listings = [c.listing for c in ranked]
        assert [listing.organisation.name for listing in listings] == ["Host A", "Host B"]
    assert all(isinstance(listing, Listing) for listing in listings)
    assert listings[0].languages_ids == {english.pk}


def test_left_out_similarities_are_computed_once_when_the_list_is_read():
    calls = []

    def sims():
        calls.append(1)
        return np.array([0.2, np.nan, 0.7, 0.2], dtype=np.float32)

    left_out = LeftOutList(np.array([4, 3, 2, 1]), np.array([0, 1, 0, 1]), sims)
    assert len(left_out) == 4 and calls == []
    # Closest first, no vector last, equal similarities by id.
    assert [(x.listing_id, x.rule) for x in left_out] == [
        (2, "dates"),
        (1, "language"),
        (4, "dates"),
        (3, "language"),
    ]
    assert left_out[0].similarity == pytest.approx(0.7)
    assert calls == [1]


def test_values_carry_the_tags_the_listings_carry():
    # In one query on PostgreSQL (arrays), two elsewhere: the same sets either way.
    french = LanguageFactory(code="fr", name="French")
    organisation = OrganisationFactory(country="FR")
    organisation.languages.set([french])
    silent = OfferFactory(organisation=organisation)
    silent.languages.clear()  # its organisation's French counts
    silent.target_groups.set([TargetGroupFactory()])
    spoken = OfferFactory(organisation=organisation)
    other = OfferFactory(formats=[FormatFactory(), FormatFactory()])
    ids = [silent.pk, spoken.pk, other.pk]
    objects = {listing.pk: listing for listing in with_tags(Listing.objects.filter(pk__in=ids))}
    found = listing_values(ids)
    assert sorted(values.pk for values in found) == sorted(ids)
    for values in found:
        listing = objects[values.pk]
        for name in ("themes", "formats", "target_groups", "languages"):
            assert getattr(values, f"{name}_ids") == getattr(listing, f"{name}_ids")
        assert values.organisation_languages == listing.organisation_languages
        assert values.organisation.country.code == listing.organisation.country.code
        assert values.organisation.country.name == listing.organisation.country.name
    assert objects[silent.pk].organisation_languages == {french.pk}


def test_the_closest_left_out_by_each_rule_are_picked_from_the_arrays():
    sims = np.linspace(0.9, 0.3, 7).astype(np.float32)
    left_out = LeftOutList(np.arange(1, 8), np.array([1, 1, 1, 1, 1, 1, 0]), sims)
    # Two of each rule, in the list's order, though "dates" comes last.
    assert [(x.listing_id, x.rule) for x in left_out.closest(2)] == [
        (1, "language"),
        (2, "language"),
        (7, "dates"),
    ]


def test_a_listing_deleted_after_its_ranking_is_left_out_not_a_crash():
    request, (first, second) = request_and_hosts("Host A", "Host B")
    ranked = ranking(request).candidates
    Listing.objects.filter(pk=first.pk).delete()  # by the secretariat, meanwhile
    assert [c.listing.pk for c in listed(ranked)] == [second.pk]
    assert [c.listing.pk for c in listed(ranked, 1)] == [second.pk]
    with pytest.raises(Listing.DoesNotExist):
        ranked[0].listing  # read directly, it still says what happened  # noqa: B018


def test_a_stored_ranking_keeps_only_the_listings_still_there(monkeypatch):
    from matchmaking import rankings

    request, (first, second) = request_and_hosts("Host A", "Host B")

    def ranked_then_deleted(request):
        found = ranking(request)
        Listing.objects.filter(pk=first.pk).delete()
        return found

    monkeypatch.setattr(rankings, "ranking", ranked_then_deleted)
    stored = rankings.ranking_store(request=request)
    assert [e.listing_id for e in stored.entries.order_by("position")] == [second.pk]
