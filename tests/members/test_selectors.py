import pytest
from django.test import RequestFactory

from members.selectors import CURRENT_ORGANISATION_SESSION_KEY, current_organisation
from tests.factories import MembershipFactory

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

    from tests.factories import UserFactory

    assert current_organisation(request_for(AnonymousUser())) is None
    assert current_organisation(request_for(UserFactory())) is None
