"""The secretariat finds the Borås case in the admin after `seed_demo`."""

import pytest
from django.contrib.auth import get_user_model

from demo.loader import read
from tests.otp import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_secretariat_client(demo, client):
    email = read("people")["secretariat"]["email"]
    verified_login(client, get_user_model().objects.get(email=email))
    return client


def test_admin_shows_the_boras_request_offers_match_and_case_study(demo_secretariat_client):
    client = demo_secretariat_client
    requests = client.get("/admin/listings/request/", {"q": "Centre-Val de Loire"})
    assert requests.status_code == 200
    assert "Centre-Val de Loire Region - Service Orientation" in requests.text
    offers = client.get("/admin/listings/offer/", {"q": "Borås"})
    assert "Working Life Department of the municipality of Borås" in offers.text
    matches = client.get("/admin/matchmaking/match/")
    assert "Accepted by all parties" in matches.text
    case_studies = client.get("/admin/casestudies/casestudy/")
    assert "Advancing Gender Equality" in case_studies.text


@pytest.mark.parametrize(
    "changelist",
    [
        "/admin/listings/request/",
        "/admin/listings/offer/",
        "/admin/listings/listing/",
        "/admin/members/organisation/",
        "/admin/matchmaking/match/",
        "/admin/exchanges/exchange/",
        "/admin/casestudies/casestudy/",
    ],
)
def test_admin_changelists_do_not_grow_queries_with_rows(
    demo_secretariat_client, django_assert_max_num_queries, changelist
):
    with django_assert_max_num_queries(20):
        response = demo_secretariat_client.get(changelist)
    assert response.status_code == 200
