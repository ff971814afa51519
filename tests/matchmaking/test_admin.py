"""The secretariat's curation in the admin."""

import pytest
from django.urls import reverse

from exchanges.models import Exchange
from listings.models import ListingStatus
from matchmaking.models import DEFAULT_WEIGHTS, Answer, MatchingWeights
from matchmaking.services import match_answer, match_confirm
from tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def curate(listing):
    return reverse("admin:matchmaking_match_curate", args=[listing.pk])


def test_match_change_page_shows_the_history_and_create_exchange_button(
    secretariat_client, secretariat, case, alice, charlie
):
    match = match_confirm(
        request=case.request, partners=[case.boras_offer], by=secretariat, message="Go"
    )
    for party in match.parties.all():
        match_answer(party=party, answer=Answer.ACCEPTED, by=alice)
    page = secretariat_client.get(
        reverse("admin:matchmaking_match_change", args=[match.pk])
    ).content.decode()
    assert "Sara Secretariat" in page and "Go" in page and "all parties accepted" in page
    assert "Create the exchange" in page
    response = secretariat_client.post(
        reverse("admin:matchmaking_match_decide", args=[match.pk, "create-exchange"])
    )
    exchange = Exchange.objects.get(match=match)
    assert response["Location"] == reverse("admin:exchanges_exchange_change", args=[exchange.pk])


def test_create_exchange_action_reports_what_it_refused(secretariat_client, secretariat, case):
    match = match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    response = secretariat_client.post(
        reverse("admin:matchmaking_match_changelist"),
        {"action": "create_exchanges", "_selected_action": [match.pk]},
        follow=True,
    )
    assert "Only a match accepted by all parties" in response.content.decode()
    assert not Exchange.objects.exists()


def test_match_changelist_query_count_is_bounded(
    secretariat_client, secretariat, django_assert_max_num_queries
):
    for _ in range(20):
        match_confirm(request=RequestFactory(), partners=[OfferFactory()], by=secretariat)
    with django_assert_max_num_queries(15):
        response = secretariat_client.get(reverse("admin:matchmaking_match_changelist"))
    assert "Find partners" in response.content.decode()


def test_request_admin_links_to_find_partners(secretariat_client, case):
    response = secretariat_client.get(reverse("admin:listings_request_changelist"))
    assert curate(case.request) in response.content.decode()


def test_weights_admin_opens_the_one_row_and_saves_it(secretariat_client):
    response = secretariat_client.get(reverse("admin:matchmaking_matchingweights_changelist"))
    assert response.status_code == 302
    change = response["Location"]
    assert (
        f"Default: {DEFAULT_WEIGHTS['themes']}" in secretariat_client.get(change).content.decode()
    )
    data = dict.fromkeys(MatchingWeights.current(), 1.0)
    data["interest"] = 40
    secretariat_client.post(change, data)
    assert MatchingWeights.current()["interest"] == 40
    assert MatchingWeights.objects.count() == 1


def test_cancel_a_match_reopens_the_listings(secretariat_client, secretariat, case):
    match = match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    url = reverse("admin:matchmaking_match_decide", args=[match.pk, "cancel"])
    page = secretariat_client.get(reverse("admin:matchmaking_match_change", args=[match.pk]))
    assert url in page.content.decode()

    response = secretariat_client.post(url, {"reason": ""}, follow=True)
    assert "Say why the match is cancelled." in response.content.decode()
    match.refresh_from_db()
    assert match.status == "confirmed"

    secretariat_client.post(url, {"reason": "Borås cannot host after all"})
    match.refresh_from_db()
    assert match.status == "cancelled"
    for listing in (case.request, case.boras_offer):
        listing.refresh_from_db()
        assert listing.status == ListingStatus.OPEN
    # The request can be matched again.
    match_confirm(request=case.request, partners=[case.escola_offer], by=secretariat)


def test_the_match_page_shows_each_partys_score_as_the_curation_page_does(
    secretariat_client, secretariat, case
):
    # It showed "110.02054169915972" where the curation page said 110.0.
    match = match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    party = match.parties.get(listing=case.boras_offer)
    party.score = 110.02054169915972
    party.save(update_fields=["score"])

    page = secretariat_client.get(
        reverse("admin:matchmaking_match_change", args=[match.pk])
    ).content.decode()

    assert "110.0" in page
    assert "110.02054169915972" not in page
