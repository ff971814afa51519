"""My matches in the member area: see them, accept or decline."""

import pytest
from django.urls import reverse

from listings.models import ListingStatus
from matchmaking.models import Answer, MatchStatus
from matchmaking.services import match_confirm
from tests.factories import OfferFactory, OrganisationFactory, RequestFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(case, secretariat, alice, charlie):
    return match_confirm(
        request=case.request, partners=[case.boras_offer], by=secretariat, message="Enjoy"
    )


def detail(match):
    return reverse("matchmaking:detail", args=[match.pk])


def answer(match):
    return reverse("matchmaking:answer", args=[match.pk])


def boras_party(match):
    return match.parties.get(role="host")


def test_my_matches_lists_the_matches_of_my_organisations(alice_client, match, secretariat):
    other = match_confirm(
        request=RequestFactory(), partners=[OfferFactory()], by=secretariat, message=""
    )
    response = alice_client.get(reverse("matchmaking:list"))
    assert response.status_code == 200
    assert match.request.reference in response.content.decode()
    assert other.request.reference not in response.content.decode()


def test_my_matches_filters_by_status(alice_client, match):
    response = alice_client.get(reverse("matchmaking:list"), {"status": MatchStatus.DECLINED})
    assert match.request.reference not in response.content.decode()


def test_my_matches_query_count_does_not_grow_with_rows(
    client, alice, secretariat, django_assert_max_num_queries
):
    for _ in range(30):
        request = RequestFactory()
        match_confirm(
            request=request,
            partners=[OfferFactory(organisation=alice.memberships.get().organisation)],
            by=secretariat,
        )
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("matchmaking:list"))
    assert response.context["page_obj"].paginator.count == 30
    assert len(response.context["page_obj"].object_list) == 25


def test_match_detail_shows_partners_contacts_and_reasons(alice_client, match, charlie):
    response = alice_client.get(detail(match))
    page = response.content.decode()
    assert "Centre-Val de Loire Region - Service Orientation" in page
    assert "both work on Gender equality" in page
    assert "Enjoy" in page
    assert "Accept the match" in page


def test_match_detail_query_count_does_not_grow_with_parties(
    client, alice, case, secretariat, django_assert_max_num_queries
):
    partners = [case.boras_offer, case.escola_offer]
    partners += [OfferFactory(organisation=OrganisationFactory()) for _ in range(6)]
    for partner in partners[2:]:
        partner.contact = UserFactory()
        partner.save()
    big = match_confirm(request=case.request, partners=partners, by=secretariat)
    client.force_login(alice)
    with django_assert_max_num_queries(12):
        response = client.get(detail(big))
    assert len(response.context["parties"]) == 9


def test_match_detail_of_another_organisation_answers_404(client, match):
    outsider = UserFactory()
    from tests.factories import MembershipFactory

    MembershipFactory(user=outsider, organisation=OrganisationFactory())
    client.force_login(outsider)
    assert client.get(detail(match)).status_code == 404
    assert client.post(answer(match), {"answer": "accepted"}).status_code == 404


def test_match_detail_needs_sign_in(client, match):
    response = client.get(detail(match))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_match_answer_by_a_contact_without_the_role_answers_403(client, bob, match):
    client.force_login(bob)
    assert client.get(detail(match)).status_code == 200
    response = client.post(answer(match), {"party": boras_party(match).pk, "answer": "accepted"})
    assert response.status_code == 403
    assert boras_party(match).answer == Answer.PENDING


def test_match_accept_records_the_answer(alice_client, alice, match):
    response = alice_client.post(
        answer(match), {"party": boras_party(match).pk, "answer": "accepted"}, follow=True
    )
    assert "You accepted the match" in response.content.decode()
    party = boras_party(match)
    assert party.answer == Answer.ACCEPTED and party.answered_by == alice


def test_match_decline_without_reason_explains_and_changes_nothing(alice_client, match, case):
    response = alice_client.post(
        answer(match), {"party": boras_party(match).pk, "answer": "declined", "reason": ""}
    )
    assert response.status_code == 400
    assert "Tell the others why you decline." in response.content.decode()
    assert boras_party(match).answer == Answer.PENDING
    match.refresh_from_db()
    assert match.status == MatchStatus.CONFIRMED


def test_match_decline_with_reason_declines_and_reopens(alice_client, match, case):
    alice_client.post(
        answer(match),
        {"party": boras_party(match).pk, "answer": "declined", "reason": "Fully booked"},
    )
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED
    assert boras_party(match).decline_reason == "Fully booked"
    case.request.refresh_from_db()
    assert case.request.status == ListingStatus.OPEN


def test_member_home_links_to_my_matches(alice_client):
    response = alice_client.get(reverse("core:member-home"))
    assert reverse("matchmaking:list") in response.content.decode()
