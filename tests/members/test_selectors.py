import pytest
from django.test import RequestFactory

from members.models import MembershipStatus, Role
from members.selectors import (
    CURRENT_ORGANISATION_SESSION_KEY,
    current_organisation,
    responsible_for,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories import RequestFactory as ListingRequestFactory

pytestmark = pytest.mark.django_db


class Session(dict):
    pass


def request_for(user, chosen=None):
    request = RequestFactory().get("/")
    request.user = user
    request.session = Session()
    if chosen is not None:
        request.session[CURRENT_ORGANISATION_SESSION_KEY] = chosen
    return request


def test_current_organisation_falls_back_to_the_first_membership(alice, boras):
    assert current_organisation(request_for(alice)) == boras


def test_current_organisation_ignores_an_organisation_i_left_or_never_joined(
    alice, boras, centre_val_de_loire
):
    assert current_organisation(request_for(alice, centre_val_de_loire.pk)) == boras
    assert current_organisation(request_for(alice, "garbage")) == boras


def test_current_organisation_keeps_my_choice(alice, centre_val_de_loire):
    MembershipFactory(user=alice, organisation=centre_val_de_loire)
    assert current_organisation(request_for(alice, centre_val_de_loire.pk)) == centre_val_de_loire


def test_current_organisation_of_a_visitor_or_a_person_without_organisation_is_none(db):
    from django.contrib.auth.models import AnonymousUser

    assert current_organisation(request_for(AnonymousUser())) is None
    assert current_organisation(request_for(UserFactory())) is None


def test_current_organisation_is_never_a_suspended_one(alice, boras):
    suspended = OrganisationFactory(name="AAA first by name", status=MembershipStatus.SUSPENDED)
    MembershipFactory(user=alice, organisation=suspended)
    assert current_organisation(request_for(alice)) == boras
    assert current_organisation(request_for(alice, suspended.pk)) == boras


def test_current_organisation_named_in_the_request_wins(alice, boras, centre_val_de_loire):
    MembershipFactory(user=alice, organisation=centre_val_de_loire)
    request = RequestFactory().get("/", {"organisation": centre_val_de_loire.slug})
    request.user, request.session = alice, Session({CURRENT_ORGANISATION_SESSION_KEY: boras.pk})
    assert current_organisation(request) == centre_val_de_loire


def test_responsible_for_a_listing_are_its_contact_then_the_coordinators(alice, bob, boras):
    listing = ListingRequestFactory(organisation=boras, contact=bob)
    away = MembershipFactory(organisation=boras, user=UserFactory(is_active=False)).user
    assert away.memberships.get().role == Role.COORDINATOR

    assert responsible_for(organisation_id=boras.pk, listing=listing) == [bob, alice]


def test_responsible_for_an_organisation_are_its_active_coordinators(alice, bob, boras):
    listing = ListingRequestFactory(organisation=boras, contact=alice)
    assert responsible_for(organisation_id=boras.pk) == [alice]
    # The contact is a coordinator too: once.
    assert responsible_for(organisation_id=boras.pk, listing=listing) == [alice]
