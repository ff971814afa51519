"""Rules that live in the database as well as in forms."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exchanges.models import Exchange
from members.validators import validate_nuts_for_country
from tests.factories import ExchangeFactory, OrganisationFactory, RequestFactory

pytestmark = pytest.mark.django_db


def refused(factory, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)


def test_organisation_oid_is_unique():
    OrganisationFactory(oid="E10000001")
    refused(OrganisationFactory, oid="E10000001")


def test_organisation_oid_must_be_e_and_eight_digits_in_the_database():
    refused(OrganisationFactory, oid="X1234")


def test_organisation_oid_validator_explains():
    organisation = OrganisationFactory.build(oid="E123")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean(exclude=["slug"])
    assert "E followed by 8 digits" in str(error.value)


def test_organisations_without_oid_are_many():
    OrganisationFactory(oid=None)
    OrganisationFactory(oid=None)


def test_region_of_another_country_is_refused():
    with pytest.raises(ValidationError, match="not in the chosen country"):
        validate_nuts_for_country("SE232", "FR")
    validate_nuts_for_country("FRB", "FR")
    validate_nuts_for_country("EL30", "GR")


def test_listing_window_must_be_in_order():
    refused(
        RequestFactory,
        earliest_start=datetime.date(2027, 5, 10),
        latest_end=datetime.date(2027, 5, 1),
    )


@pytest.mark.parametrize("participants", [0, 501])
def test_listing_participants_must_be_in_range(participants):
    refused(RequestFactory, participants=participants)


def test_listing_duration_must_be_positive():
    refused(RequestFactory, duration_days=0)


def test_listing_reference_is_generated_and_readable():
    listing = RequestFactory()
    assert listing.reference.startswith("REQ-")
    assert len(listing.reference) == 10


def test_exchange_dates_must_be_in_order():
    refused(
        ExchangeFactory,
        start_date=datetime.date(2024, 12, 14),
        end_date=datetime.date(2024, 12, 9),
    )


def test_exchange_fewer_opportunities_cannot_exceed_participants():
    refused(ExchangeFactory, participants_total=6, fewer_opportunities=7)
    assert Exchange.objects.count() == 0


def test_one_live_match_per_request(secretariat):
    from matchmaking.models import Match, MatchStatus

    request = RequestFactory()
    Match.objects.create(request=request, confirmed_by=secretariat)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(request=request, confirmed_by=secretariat)
    Match.objects.filter(request=request).update(status=MatchStatus.DECLINED)
    Match.objects.create(request=request, confirmed_by=secretariat)
