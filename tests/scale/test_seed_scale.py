"""`manage.py seed_scale` at a tiny size: the data the performance figures are
measured on (docs/performance.md)."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from casestudies.models import CaseStudy
from listings.models import Listing, ListingStatus
from members.models import Organisation

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def seed(*extra):
    call_command(
        "seed_scale",
        "--organisations=20",
        "--users=5",
        "--listings=200",
        "--exchanges=10",
        "--case-studies=3",
        *extra,
        stdout=StringIO(),
    )


def test_seeds_organisations_listings_and_case_studies_that_look_real():
    seed()
    assert Organisation.objects.count() == 20
    listings = Listing.objects.all()
    assert listings.count() == 200
    # Most listings open, each with themes and a window of three to six months.
    assert listings.filter(status=ListingStatus.OPEN).count() > 140
    for listing in listings.prefetch_related("themes", "languages")[:20]:
        assert 2 <= len(listing.themes.all()) <= 4
        assert listing.languages.all()
        assert 90 <= (listing.latest_end - listing.earliest_start).days <= 183
    assert CaseStudy.objects.published().count() == 3
    # The seeded people can sign in, to measure the members' pages.
    email = Organisation.objects.filter(memberships__isnull=False).values_list(
        "memberships__user__email", flat=True
    )[0]
    assert authenticate(username=email, password="scale-password")


def test_refuses_a_database_with_real_organisations_unless_forced():
    OrganisationFactory(name="Region Västra Götaland")
    with pytest.raises(CommandError, match="did not make"):
        seed()
    assert Listing.objects.count() == 0
    seed("--force")
    assert Listing.objects.count() == 200


def test_refuses_to_seed_twice_unless_forced():
    seed()
    with pytest.raises(CommandError, match="already seeded"):
        seed()
    seed("--force")
    assert Organisation.objects.count() == 40
