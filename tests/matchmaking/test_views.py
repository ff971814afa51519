"""My matches in the member area: see them, accept or decline."""

import pytest
from django.urls import reverse
from django.utils import timezone

from listings.models import ListingStatus
from matchmaking.models import Answer, MatchStatus
from matchmaking.services import match_confirm
from tests.factories import (
    ExchangeFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
    UserFactory,
)

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


def test_an_accepted_match_leads_to_its_exchange_not_to_planning_it(alice_client, match):
    match.status = MatchStatus.ACCEPTED
    match.save(update_fields=["status"])
    waiting = alice_client.get(detail(match)).content.decode()
    assert "the secretariat now plans the exchange with you" in waiting

    exchange = ExchangeFactory(match=match, status="completed")
    html = alice_client.get(detail(match)).content.decode()
    assert "the secretariat now plans the exchange" not in html
    assert f'href="/exchanges/{exchange.pk}/">{exchange.title}</a> (completed)' in html


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
    response = alice_client.get(reverse("myarea:home"))
    assert reverse("matchmaking:list") in response.content.decode()


def decline_page(match, party=None):
    url = reverse("matchmaking:decline", args=[match.pk])
    return f"{url}?party={party.pk}" if party else url


def test_declining_asks_first_on_a_page_of_its_own(alice_client, match):
    detail_page = alice_client.get(detail(match)).text
    assert f'href="{decline_page(match, boras_party(match))}"' in detail_page

    response = alice_client.get(decline_page(match, boras_party(match)))

    assert response.status_code == 200
    text = response.text
    assert "Decline the match for Working Life Department" in text
    assert "Declining ends this match for every partner" in text
    assert 'name="reason"' in text
    assert f'href="{detail(match)}"' in text  # No, keep the match
    assert boras_party(match).answer == Answer.PENDING


def test_the_decline_page_keeps_the_question_until_a_reason_is_given(alice_client, match):
    url = decline_page(match)
    data = {"party": boras_party(match).pk, "answer": "declined", "reason": " "}
    response = alice_client.post(url, data)
    assert response.status_code == 400
    assert "Tell the others why you decline." in response.text
    assert "Declining ends this match" in response.text

    response = alice_client.post(url, {**data, "reason": "Fully booked"}, follow=True)

    assert "You declined the match. The secretariat and the other partners are told" in (
        response.text
    )
    assert boras_party(match).answer == Answer.DECLINED


def test_the_decline_page_is_for_those_who_answer_only(client, match, bob, charlie):
    client.force_login(bob)  # a contact of Borås, not the listing's contact
    assert client.get(decline_page(match)).status_code == 403
    client.force_login(UserFactory())
    assert client.get(decline_page(match)).status_code == 404


def test_accepting_says_who_has_still_to_answer(alice_client, match):
    response = alice_client.post(
        answer(match), {"party": boras_party(match).pk, "answer": "accepted"}, follow=True
    )
    assert "You accepted the match. 1 partner has still to answer" in response.text
    assert "The partners have your answer" not in response.text


def test_the_last_acceptance_says_everyone_is_told(client, match, alice, charlie):
    requester = match.parties.get(role="requester")
    client.force_login(charlie)
    client.post(answer(match), {"party": requester.pk, "answer": "accepted"})
    client.force_login(alice)
    response = client.post(
        answer(match), {"party": boras_party(match).pk, "answer": "accepted"}, follow=True
    )
    assert "You accepted, and so has everyone" in response.text
    assert 'data-testid="next-steps"' in response.text


def test_the_match_page_links_the_organisations_and_listings(alice_client, match, case):
    text = alice_client.get(detail(match)).text
    assert f'href="{case.request.organisation.get_absolute_url()}"' in text
    assert f'href="{case.request.get_absolute_url()}"' in text


def test_the_decline_page_does_not_grow_in_queries(
    alice_client, match, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        alice_client.get(decline_page(match))


def test_the_confirmation_date_ends_its_sentence_before_the_next_steps(alice_client, match):
    # It read "confirmed on 7 October 2024 Everyone accepted, and the exchange…".
    match.status = MatchStatus.ACCEPTED
    match.save(update_fields=["status"])
    when = timezone.localtime(match.confirmed_at).strftime("%-d %B %Y")

    html = alice_client.get(detail(match)).content.decode()

    assert f"confirmed on {when}." in html
