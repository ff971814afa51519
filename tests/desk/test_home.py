"""The secretariat's home (the admin's index): every pile of what waits, counted
against hand-made data, each item linked to the page where the decision is taken."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casestudies.services import MEMBER_EDIT
from listings.models import Listing, ListingStatus
from matchmaking.models import Answer, Match, MatchStatus
from members.models import MembershipStatus, Organisation
from notifications.models import NotificationState
from tests.factories import (
    CaseStudyFactory,
    ExchangeFactory,
    MatchFactory,
    MatchPartyFactory,
    NotificationFactory,
    OfferFactory,
    OrganisationFactory,
    PublishedCaseStudyFactory,
    RequestFactory,
)

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def counts(page: str) -> dict:
    return {
        key: int(n) for key, n in re.findall(r'data-testid="pile-(\w+)" data-count="(\d+)"', page)
    }


def pile(page: str, key: str) -> str:
    start = page.index(f'data-testid="pile-{key}"')
    return page[start : page.index("</section>", start)]


def applicants(*ages):
    made = [OrganisationFactory(status=MembershipStatus.APPLICANT) for _ in ages]
    for organisation, age in zip(made, ages, strict=True):
        Organisation.objects.filter(pk=organisation.pk).update(created_at=days_ago(age))
    return made


def listing(factory, status, **dates):
    made = factory(status=status)
    Listing.objects.filter(pk=made.pk).update(**dates)
    return made


def what_waits_and_what_does_not():
    """One or two items for each pile, and beside each the look-alikes that do
    not wait: the counts must take the first and leave the others."""
    data = {}
    data["applications"] = applicants(10, 1)
    OrganisationFactory(status=MembershipStatus.ACTIVE)
    OrganisationFactory(status=MembershipStatus.REJECTED)

    data["requests"] = [
        listing(RequestFactory, ListingStatus.SUBMITTED, submitted_at=days_ago(4)),
        listing(RequestFactory, ListingStatus.SUBMITTED, submitted_at=days_ago(2)),
    ]
    data["offers"] = [listing(OfferFactory, ListingStatus.SUBMITTED, submitted_at=days_ago(3))]
    listing(RequestFactory, ListingStatus.DRAFT)

    data["unmatched"] = [listing(RequestFactory, ListingStatus.OPEN, published_at=days_ago(31))]
    listing(RequestFactory, ListingStatus.OPEN, published_at=days_ago(29))
    listing(OfferFactory, ListingStatus.OPEN, published_at=days_ago(40))
    listing(RequestFactory, ListingStatus.MATCHED, published_at=days_ago(40))

    waiting = MatchFactory(confirmed_at=days_ago(8))
    MatchPartyFactory(match=waiting, answer=Answer.ACCEPTED, organisation__name="Borås Stad")
    MatchPartyFactory(match=waiting, answer=Answer.PENDING, organisation__name="Escola del Treball")
    data["waiting"] = [waiting]
    # Meetings both want to follow up: tests/events/test_follow_ups.py makes them.
    data["event_follow_ups"] = []
    MatchFactory(status=MatchStatus.DECLINED)

    accepted = MatchFactory(status=MatchStatus.ACCEPTED)
    Match.objects.filter(pk=accepted.pk).update(answered_at=days_ago(5))
    data["accepted"] = [accepted]
    with_exchange = MatchFactory(status=MatchStatus.ACCEPTED)
    ExchangeFactory(match=with_exchange, status="planned", end_date=timezone.localdate())

    today = timezone.localdate()
    data["to_report"] = [
        ExchangeFactory(
            title="Study visit in Borås",
            start_date=today - datetime.timedelta(days=6),
            end_date=today - datetime.timedelta(days=1),
        )
    ]
    ExchangeFactory(start_date=today, end_date=today + datetime.timedelta(days=3))
    ExchangeFactory(status="completed", end_date=today - datetime.timedelta(days=30))

    ready = CaseStudyFactory(title="Gender equality in guidance, told by Borås")
    ready._change_reason = MEMBER_EDIT
    ready.save()
    data["case_studies"] = [ready]
    CaseStudyFactory()  # started from the exchange, nobody wrote in it yet
    PublishedCaseStudyFactory()

    data["failed_emails"] = [
        NotificationFactory(state=NotificationState.FAILED, email="tuula@tampere.example"),
        NotificationFactory(state=NotificationState.FAILED),
    ]
    NotificationFactory(state=NotificationState.SENT)
    NotificationFactory(state=NotificationState.PENDING)
    return data


def test_home_counts_every_pile_against_hand_made_data(secretariat_client):
    data = what_waits_and_what_does_not()

    page = secretariat_client.get(HOME).text

    assert counts(page) == {key: len(items) for key, items in data.items()}


def test_home_links_each_item_to_the_page_where_it_is_decided(secretariat_client):
    data = what_waits_and_what_does_not()

    page = secretariat_client.get(HOME).text

    def change(obj):
        info = obj._meta.app_label, obj._meta.model_name
        return reverse("admin:{}_{}_change".format(*info), args=[obj.pk])

    expected = {
        "applications": change(data["applications"][0]),
        "requests": reverse("admin:listings_request_change", args=[data["requests"][0].pk]),
        "offers": reverse("admin:listings_offer_change", args=[data["offers"][0].pk]),
        "unmatched": reverse("admin:matchmaking_match_curate", args=[data["unmatched"][0].pk]),
        "waiting": change(data["waiting"][0]),
        "accepted": change(data["accepted"][0]),
        "to_report": change(data["to_report"][0]),
        "case_studies": change(data["case_studies"][0]),
        "failed_emails": change(data["failed_emails"][0]),
    }
    for key, url in expected.items():
        assert f'href="{url}"' in pile(page, key), key


def test_home_says_how_old_each_pile_is_and_who_has_not_answered(secretariat_client):
    what_waits_and_what_does_not()

    page = secretariat_client.get(HOME).text

    assert "oldest 1\xa0week, 3\xa0days" in pile(page, "applications")
    assert "oldest 4\xa0days" in pile(page, "requests")
    assert "not answered: Escola del Treball" in pile(page, "waiting")
    assert "Borås Stad" not in pile(page, "waiting")
    assert "Study visit in Borås" in pile(page, "to_report")
    assert "tuula@tampere.example" in pile(page, "failed_emails")


def test_unmatched_requests_follow_the_setting(secretariat_client, settings):
    settings.SECRETARIAT_UNMATCHED_AFTER_DAYS = 10
    listing(RequestFactory, ListingStatus.OPEN, published_at=days_ago(15))
    listing(RequestFactory, ListingStatus.OPEN, published_at=days_ago(5))

    page = secretariat_client.get(HOME).text

    assert counts(page)["unmatched"] == 1
    assert "Requests with no match after 10 days" in page


def test_an_empty_desk_says_nothing_waits(secretariat_client):
    page = secretariat_client.get(HOME).text

    assert set(counts(page).values()) == {0}
    assert page.count("Nothing waits.") == 10


def test_home_query_count_does_not_grow_with_the_data(
    secretariat_client, django_assert_max_num_queries
):
    what_waits_and_what_does_not()
    with django_assert_max_num_queries(28) as few:
        secretariat_client.get(HOME)
    for _ in range(3):
        what_waits_and_what_does_not()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = secretariat_client.get(HOME).text
    assert counts(page)["applications"] == 8
    assert "All 8" in pile(page, "applications")


def test_staff_land_on_the_desk_after_signing_in(client, secretariat):
    from tests.otp import totp_token

    response = client.post(
        reverse("login"),
        {"username": secretariat.email, "password": "correct-horse-battery"},
        follow=True,
    )
    # The second factor comes first, then the desk.
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/")
    response = client.post(
        response.redirect_chain[-1][0],
        {"token": totp_token(secretariat.totp_device), "next": "/signed-in/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert "What waits for the secretariat" in response.text


def test_members_land_in_their_area_after_signing_in(client, alice):
    response = client.post(
        reverse("login"),
        {"username": alice.email, "password": "correct-horse-battery"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("myarea:home")


def test_a_member_never_sees_the_desk(alice_client):
    response = alice_client.get(HOME)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
