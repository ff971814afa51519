"""The secretariat's curation in the admin."""

import pytest
from django.urls import reverse

from exchanges.models import Exchange
from listings.models import ListingStatus
from matchmaking.models import DEFAULT_WEIGHTS, Answer, Match, MatchingWeights
from matchmaking.services import match_answer, match_confirm
from tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def curate(listing):
    return reverse("admin:matchmaking_match_curate", args=[listing.pk])


def test_curate_page_ranks_boras_and_escola_first_with_reasons(secretariat_client, case):
    response = secretariat_client.get(curate(case.request))
    assert response.status_code == 200
    top = [c.organisation.name for c, _reasons in response.context["candidates"][:3]]
    assert "Working Life Department of the municipality of Borås" in top
    assert "Institut Escola del Treball" in top
    page = response.content.decode()
    assert "both work on Gender equality" in page
    assert "expressed interest" in page
    assert "A week-long programme with our VET schools." in page  # the interest


def test_curate_page_proposes_borås_with_escola_as_a_group(secretariat_client, case):
    response = secretariat_client.get(curate(case.request))
    groups = response.context["groups"]
    assert groups
    best = {
        groups[0].host.organisation.name,
        *(p.organisation.name for p in groups[0].participants),
    }
    assert any(
        {g.host.listing, *(p.listing for p in g.participants)}
        == {case.boras_offer, case.escola_offer}
        for g in groups
    ), best


def test_curate_page_query_count_is_bounded(
    secretariat_client, case, django_assert_max_num_queries
):
    for _ in range(15):
        OfferFactory(
            themes=list(case.request.themes.all()), country="DE"
        ) if False else OfferFactory(
            themes=list(case.request.themes.all()),
            earliest_start=case.request.earliest_start,
            latest_end=case.request.latest_end,
        )
    secretariat_client.get(curate(case.request))  # computes and stores the ranking
    with django_assert_max_num_queries(40):
        secretariat_client.get(curate(case.request))


def test_curate_confirm_creates_the_match_and_shows_it(secretariat_client, case, alice, charlie):
    response = secretariat_client.post(
        curate(case.request),
        {"partners": [case.boras_offer.pk, case.escola_offer.pk], "message": "Welcome"},
        follow=True,
    )
    match = Match.objects.get(request=case.request)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:matchmaking_match_change", args=[match.pk]
    )
    assert "Match confirmed" in response.content.decode()
    assert match.parties.count() == 3


def test_curate_confirm_without_partner_explains_and_changes_nothing(secretariat_client, case):
    response = secretariat_client.post(curate(case.request), {"message": "x"})
    assert response.status_code == 400
    assert "Choose at least one partner." in response.content.decode()
    assert not Match.objects.exists()


def test_curate_confirm_second_time_says_someone_else_was_faster(
    secretariat_client, secretariat, case
):
    match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    # The second person had the page open before and now picks Escola.
    response = secretariat_client.post(
        curate(case.request), {"partners": [case.escola_offer.pk]}, follow=True
    )
    assert "Someone else was faster: Sara Secretariat confirmed" in response.content.decode()
    assert Match.objects.filter(request=case.request).count() == 1


def test_curate_page_is_for_the_secretariat_only(alice_client, case):
    response = alice_client.get(curate(case.request))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


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
        reverse("admin:matchmaking_match_create_exchange", args=[match.pk])
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


def test_curate_confirm_a_proposed_group_in_one_click(secretariat_client, case, alice, charlie):
    response = secretariat_client.get(curate(case.request))
    number = next(
        n
        for n, g in enumerate(response.context["groups"], 1)
        if {c.listing for c in g.members} == {case.boras_offer, case.escola_offer}
    )
    secretariat_client.post(curate(case.request), {"group": number, "message": "Together"})
    match = Match.objects.get(request=case.request)
    roles = {p.organisation.name: p.role for p in match.parties.all()}
    assert roles["Working Life Department of the municipality of Borås"] == "host"
    assert roles["Institut Escola del Treball"] == "participant"
    assert match.message == "Together"


def test_cancel_a_match_reopens_the_listings(secretariat_client, secretariat, case):
    match = match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    url = reverse("admin:matchmaking_match_cancel", args=[match.pk])
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
