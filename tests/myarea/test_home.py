"""My area is a to-do page: what waits for me, with counts, and the first steps
of a new organisation."""

import datetime

import pytest
from django.utils import timezone

from listings.models import ListingStatus
from members.models import Role
from tests.factories import (
    CaseStudyFactory,
    ExpressionOfInterestFactory,
    MatchFactory,
    MatchPartyFactory,
    MembershipFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
    ThemeFactory,
    UserFactory,
    exchange_between,
    in_days,
)
from tests.otp import verified_login

pytestmark = pytest.mark.django_db


def waiting_for(alice, boras, centre_val_de_loire, n=1):
    """n of each kind of thing that waits for Alice, coordinator of Borås."""
    for i in range(n):
        match = MatchFactory(request=RequestFactory(organisation=centre_val_de_loire))
        MatchPartyFactory(match=match, organisation=boras, role="host")
        ExpressionOfInterestFactory(listing=OfferFactory(organisation=boras))
        RequestFactory(organisation=boras, status=ListingStatus.EXPIRED, expires_on=in_days(-3))
        exchange = exchange_between(
            host=boras,
            sender=centre_val_de_loire,
            start_date=in_days(-2 - i),
            end_date=in_days(-1),
            title=f"Exchange {i}",
        )
        CaseStudyFactory(
            exchange=exchange_between(host=boras, sender=centre_val_de_loire, status="completed")
        )
        assert exchange.status == "planned"


def test_my_area_counts_what_waits_for_me(alice_client, alice, boras, centre_val_de_loire):
    waiting_for(alice, boras, centre_val_de_loire, n=2)
    response = alice_client.get("/my/")
    to_do = response.context["to_do"]
    assert {kind: waiting.count for kind, waiting in to_do.items()} == {
        "matches": 2,
        "interests": 2,
        "listings": 2,
        "reports": 2,
        "case_studies": 2,
    }
    assert response.context["to_do_total"] == 10
    assert "2 matches wait for your answer" in response.text
    assert "Interest received in 2 listings" in response.text
    assert "2 listings to renew or complete" in response.text
    assert "2 exchanges to report" in response.text
    assert "2 case-study drafts" in response.text


def test_my_area_shows_a_few_of_each_with_the_full_count(alice_client, alice, boras):
    for _ in range(7):
        RequestFactory(organisation=boras, status=ListingStatus.DRAFT)
    response = alice_client.get("/my/")
    listings = response.context["to_do"]["listings"]
    assert listings.count == 7
    assert len(listings.items) == 5
    assert "7 listings to renew or complete" in response.text


def test_what_others_must_do_or_what_is_not_due_does_not_wait_for_me(
    alice_client, alice, boras, centre_val_de_loire
):
    # Answered already; reporting not open yet; open and far from expiry.
    match = MatchFactory(request=RequestFactory(organisation=centre_val_de_loire))
    MatchPartyFactory(match=match, organisation=boras, answer="accepted")
    exchange_between(
        host=boras, sender=centre_val_de_loire, start_date=in_days(30), end_date=in_days(35)
    )
    RequestFactory(organisation=boras, expires_on=in_days(90), latest_end=in_days(90))
    # Another organisation's things.
    waiting_for(None, OrganisationFactory(), centre_val_de_loire)

    response = alice_client.get("/my/")

    assert response.context["to_do_total"] == 0
    assert 'data-testid="nothing-waits"' in response.text


def test_a_contact_answers_the_matches_of_their_listings_but_does_not_report(
    client, bob, boras, centre_val_de_loire
):
    listing = OfferFactory(organisation=boras, contact=bob, status=ListingStatus.MATCHED)
    match = MatchFactory(request=RequestFactory(organisation=centre_val_de_loire))
    MatchPartyFactory(match=match, organisation=boras, listing=listing)
    exchange_between(
        host=boras, sender=centre_val_de_loire, start_date=in_days(-1), end_date=in_days(1)
    )
    client.force_login(bob)
    to_do = client.get("/my/").context["to_do"]
    assert to_do["matches"].count == 1
    assert to_do["reports"].count == 0


def test_my_area_does_not_grow_in_queries_with_the_data(
    alice_client, alice, boras, centre_val_de_loire, django_assert_max_num_queries
):
    # More than the page shows of each kind: each list is one query and its count one.
    waiting_for(alice, boras, centre_val_de_loire, n=6)
    # Two fewer than before: the organisations come from the memberships read once.
    with django_assert_max_num_queries(23) as few:
        alice_client.get("/my/")
    waiting_for(alice, boras, centre_val_de_loire, n=6)
    with django_assert_max_num_queries(len(few)):
        alice_client.get("/my/")


def test_a_new_organisation_is_led_through_its_first_steps(client):
    organisation = OrganisationFactory(name="Vocational School of Tampere", description="")
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.COORDINATOR)
    client.force_login(user)

    response = client.get("/my/")

    assert response.context["first_steps"] == {
        "profile": False,
        "colleague": False,
        "listing": False,
    }
    assert "First steps for Vocational School of Tampere" in response.text
    assert f'href="/members/manage/{organisation.slug}/edit/"' in response.text
    assert 'href="/listings/new/request/"' in response.text


def test_first_steps_are_ticked_off_and_go_once_done(client, alice, boras):
    boras.description = "The Working Life Department of Borås."
    boras.save()
    boras.themes.set([ThemeFactory(name="Gender equality")])
    client.force_login(alice)
    response = client.get("/my/")
    assert response.context["first_steps"]["profile"] is True
    assert 'data-testid="first-steps"' in response.text

    MembershipFactory(organisation=boras, role=Role.CONTACT)
    RequestFactory(organisation=boras, status=ListingStatus.DRAFT)
    response = client.get("/my/")
    assert 'data-testid="first-steps"' not in response.text


def test_a_contact_is_not_asked_to_set_the_organisation_up(client, bob, boras):
    client.force_login(bob)
    assert 'data-testid="first-steps"' not in client.get("/my/").text


def test_someone_without_an_organisation_is_pointed_to_joining(client):
    client.force_login(UserFactory())
    response = client.get("/my/")
    assert "You are not a member of any organisation yet." in response.text
    assert 'href="/members/join/"' in response.text


def test_an_expiring_listing_asks_whether_it_is_still_current(alice_client, boras):
    RequestFactory(organisation=boras, expires_on=timezone.localdate() + datetime.timedelta(days=3))
    response = alice_client.get("/my/")
    assert "still current?" in response.text


def test_my_area_shows_a_change_at_once(alice_client, alice, boras, centre_val_de_loire):
    assert 'data-testid="nothing-waits"' in alice_client.get("/my/").text  # now kept
    ExpressionOfInterestFactory(listing=OfferFactory(organisation=boras, title="Our offer"))
    assert "Interest received in 1 listing" in alice_client.get("/my/").text
    match = MatchFactory(request=RequestFactory(organisation=centre_val_de_loire))
    party = MatchPartyFactory(match=match, organisation=boras, role="host")
    assert "1 match waits for your answer" in alice_client.get("/my/").text
    party.answer = "accepted"
    party.save()
    assert "match waits for your answer" not in alice_client.get("/my/").text


def test_my_area_kept_for_one_member_is_never_shown_to_another(
    client, alice, charlie, boras, centre_val_de_loire
):
    ExpressionOfInterestFactory(listing=OfferFactory(organisation=boras, title="Borås offer"))
    client.force_login(alice)
    assert "Borås offer" in client.get("/my/").text
    client.force_login(charlie)
    page = client.get("/my/").text
    assert "Borås offer" not in page and 'data-testid="nothing-waits"' in page


def test_my_area_again_reads_only_the_person_and_the_navigation(
    alice_client, alice, boras, centre_val_de_loire, django_assert_max_num_queries
):
    waiting_for(alice, boras, centre_val_de_loire, n=6)
    alice_client.get("/my/")
    # The session, the person, the memberships, the unread count, the monitoring link.
    with django_assert_max_num_queries(5):
        response = alice_client.get("/my/")
    assert "6 matches wait for your answer" in response.text


@pytest.mark.parametrize("who", ["secretariat", "no_organisation"])
def test_my_area_offers_only_pages_that_open_for_the_person(client, secretariat, who):
    # The secretariat's "My listings" and "My saved searches" answered 403.
    if who == "secretariat":
        verified_login(client, secretariat)
    else:
        client.force_login(UserFactory())

    html = client.get("/my/").text

    assert 'href="/listings/mine/"' not in html
    assert 'href="/listings/searches/"' not in html
    assert 'href="/listings/"' in html
    assert client.get("/listings/mine/").status_code == 403


def test_a_member_keeps_the_links_to_their_listings_and_searches(alice_client):
    html = alice_client.get("/my/").text
    assert 'href="/listings/mine/"' in html
    assert 'href="/listings/searches/"' in html
