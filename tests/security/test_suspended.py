"""The people of a suspended organisation keep their accounts and its page, but
act for nobody (members.selectors.current_organisation): they neither reopen,
edit or submit its listings nor answer its matches."""

import pytest

from listings.models import ListingStatus
from matchmaking.models import Answer
from members.models import MembershipStatus
from tests.factories import MatchFactory, MatchPartyFactory, RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspended(boras):
    boras.status = MembershipStatus.SUSPENDED
    boras.save()
    return boras


def test_a_suspended_organisation_cannot_reopen_its_expired_listing(alice_client, suspended):
    listing = RequestFactory(organisation=suspended, status=ListingStatus.EXPIRED)
    response = alice_client.post(f"/listings/{listing.reference}/renew/")
    assert response.status_code == 403
    listing.refresh_from_db()
    assert listing.status == ListingStatus.EXPIRED and not listing.renewed


@pytest.mark.parametrize("action", ["edit", "submit", "withdraw"])
def test_a_suspended_organisation_cannot_change_its_draft(alice_client, suspended, action):
    listing = RequestFactory(organisation=suspended, status=ListingStatus.DRAFT, title="Before")
    response = alice_client.post(
        f"/listings/{listing.reference}/{action}/", {"title": "After", "action": "submit"}
    )
    assert response.status_code == 403
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DRAFT and listing.title == "Before"


def test_a_suspended_organisation_still_sees_its_own_listing(alice_client, suspended):
    listing = RequestFactory(organisation=suspended, status=ListingStatus.DRAFT)
    page = alice_client.get(f"/listings/{listing.reference}/")
    assert page.status_code == 200
    assert f"/listings/{listing.reference}/edit/" not in page.text


def test_a_suspended_organisation_cannot_accept_its_match(
    alice_client, suspended, centre_val_de_loire
):
    match = MatchFactory(request=RequestFactory(organisation=centre_val_de_loire, status="matched"))
    party = MatchPartyFactory(match=match, organisation=suspended)
    response = alice_client.post(
        f"/matches/{match.pk}/answer/", {"party": party.pk, "answer": Answer.ACCEPTED}
    )
    assert response.status_code == 403
    party.refresh_from_db()
    assert party.answer == Answer.PENDING


def test_a_suspended_listings_contact_cannot_accept_its_match_either(
    client, bob, suspended, centre_val_de_loire
):
    match = MatchFactory(request=RequestFactory(organisation=centre_val_de_loire, status="matched"))
    offer = RequestFactory(organisation=suspended, contact=bob, status="matched")
    party = MatchPartyFactory(match=match, organisation=suspended, listing=offer)
    client.force_login(bob)
    response = client.post(
        f"/matches/{match.pk}/answer/", {"party": party.pk, "answer": Answer.ACCEPTED}
    )
    assert response.status_code == 403
    party.refresh_from_db()
    assert party.answer == Answer.PENDING


def test_the_emailed_renew_link_does_not_reopen_a_suspended_organisations_listing(
    client, suspended
):
    from listings.services import listing_link_token

    listing = RequestFactory(organisation=suspended, status=ListingStatus.EXPIRED)
    link = f"/listings/link/{listing_link_token(listing, 'renew')}/"
    page = client.post(link, follow=True).text
    assert "is not an active member: its listings cannot be renewed" in page
    listing.refresh_from_db()
    assert listing.status == ListingStatus.EXPIRED and not listing.renewed


def test_a_suspended_organisations_coordinator_cannot_report_its_exchange(
    alice_client, suspended, centre_val_de_loire
):
    import datetime

    from tests.factories import exchange_between

    exchange = exchange_between(
        host=suspended,
        sender=centre_val_de_loire,
        start_date=datetime.date.today() - datetime.timedelta(days=3),
        end_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    response = alice_client.post(
        f"/exchanges/{exchange.pk}/report/",
        {"participants_total": 5, "staff": 5, "learners": 0, "fewer_opportunities": 0},
    )
    assert response.status_code == 403
    exchange.refresh_from_db()
    assert exchange.participants_total is None


def test_my_area_lists_nothing_a_suspended_organisation_cannot_act_on(alice, suspended):
    from myarea.selectors import member_to_do

    RequestFactory(organisation=suspended, status=ListingStatus.DRAFT)
    to_do = member_to_do(user=alice)
    assert to_do["listings"].count == 0 and to_do["reports"].count == 0


def test_a_suspended_organisations_listing_leaves_browse_and_takes_no_interest(
    client, charlie, suspended
):
    client.force_login(charlie)
    charlie_client = client
    listing = RequestFactory(organisation=suspended, title="Guidance week in Borås")
    assert "Guidance week in Borås" not in charlie_client.get("/listings/").text
    response = charlie_client.post(
        f"/listings/{listing.reference}/interest/",
        {
            "role": "host",
            "what_we_bring": "A programme.",
            "who_takes_part": "Two counsellors.",
            "when": "Spring",
        },
    )
    assert "is not an active member: it takes no expressions of interest" in response.text
    assert not listing.interests.exists()
    # Reinstated, it is back in browse as it was.
    suspended.status = MembershipStatus.ACTIVE
    suspended.save()
    assert "Guidance week in Borås" in charlie_client.get("/listings/").text
