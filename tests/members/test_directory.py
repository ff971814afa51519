"""The public directory of active members and a page per organisation."""

import pytest

from casestudies.models import CaseStudy, CaseStudyStatus
from members.models import MembershipStatus
from tests.factories import (
    ExchangeOrganisationFactory,
    MembershipFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gender(db):
    return ThemeFactory(name="Gender equality")


@pytest.fixture
def listed(boras, centre_val_de_loire, gender):
    boras.themes.add(gender)
    return boras, centre_val_de_loire


def names(response):
    return [o.name for o in response.context["page_obj"]]


def test_the_directory_lists_active_members_only(client, listed):
    for status in ["applicant", "rejected", "suspended"]:
        OrganisationFactory(name=f"Hidden {status}", status=status)
    response = client.get("/members/")
    assert names(response) == [
        "Centre-Val de Loire Region - Service Orientation",
        "Working Life Department of the municipality of Borås",
    ]
    assert "Hidden" not in response.text
    assert "Sweden" in response.text
    assert "SE232" in response.text
    assert "Gender equality" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=FR", ["Centre-Val de Loire Region - Service Orientation"]),
        ("kind=local_authority", ["Working Life Department of the municipality of Borås"]),
        ("theme=gender-equality", ["Working Life Department of the municipality of Borås"]),
        ("q=orléans", ["Centre-Val de Loire Region - Service Orientation"]),
        ("q=working life", ["Working Life Department of the municipality of Borås"]),
        ("country=FR&kind=local_authority", []),
    ],
)
def test_the_directory_filters(client, listed, query, expected):
    assert names(client.get(f"/members/?{query}")) == expected


def test_the_directory_paginates_by_25_and_keeps_the_filters(client):
    for n in range(30):
        OrganisationFactory(name=f"School {n:02}", country="FI")
    first = client.get("/members/?country=FI")
    assert len(names(first)) == 25
    assert "country=FI&amp;page=2" in first.text
    assert len(names(client.get("/members/?country=FI&page=2"))) == 5


def test_the_directory_has_bounded_queries(client, gender, django_assert_max_num_queries):
    for n in range(30):
        organisation = OrganisationFactory(name=f"School {n:02}")
        organisation.themes.add(gender, ThemeFactory(name=f"Theme {n}"))
    with django_assert_max_num_queries(6):
        response = client.get("/members/?q=school")
    assert len(names(response)) == 25


def test_an_organisation_page_shows_its_profile_and_published_case_studies(client, listed):
    boras, _ = listed
    exchange = ExchangeOrganisationFactory(organisation=boras).exchange
    CaseStudy.objects.create(
        exchange=exchange,
        title="Advancing gender equality in Borås",
        slug="boras",
        summary="Three regions learn from Borås.",
        story="…",
        status=CaseStudyStatus.PUBLISHED,
    )
    draft = ExchangeOrganisationFactory(organisation=boras).exchange
    CaseStudy.objects.create(
        exchange=draft, title="A draft story", slug="draft", summary="-", story="-"
    )
    response = client.get("/members/organisations/boras/")
    assert "Working Life Department of the municipality of Borås" in response.text
    assert "Gender equality" in response.text
    assert "Advancing gender equality in Borås" in response.text
    assert "A draft story" not in response.text


def test_a_visitor_does_not_see_listings_or_contacts(client, alice, boras):
    RequestFactory(organisation=boras, title="Exchange on gender equality")
    response = client.get("/members/organisations/boras/")
    assert "Exchange on gender equality" not in response.text
    assert "alice@boras.example" not in response.text


def test_a_member_sees_open_listings_and_the_contact_person(client, alice, charlie, boras):
    RequestFactory(organisation=boras, title="Exchange on gender equality")
    RequestFactory(organisation=boras, title="Draft idea", status="draft")
    client.force_login(charlie)
    response = client.get("/members/organisations/boras/")
    assert "Exchange on gender equality" in response.text
    assert "Draft idea" not in response.text
    assert "alice@boras.example" in response.text


@pytest.mark.parametrize("status", ["applicant", "rejected", "suspended"])
def test_organisations_outside_the_partnership_have_no_page(client, status):
    OrganisationFactory(slug="hidden", status=status)
    assert client.get("/members/organisations/hidden/").status_code == 404


def test_an_organisation_page_has_bounded_queries(
    client, charlie, boras, gender, django_assert_max_num_queries
):
    for n in range(12):
        MembershipFactory(organisation=boras, user=UserFactory(), role="contact")
        OfferFactory(organisation=boras)
        boras.themes.add(ThemeFactory(name=f"Theme {n}"))
    client.force_login(charlie)
    with django_assert_max_num_queries(14):
        response = client.get("/members/organisations/boras/")
    assert response.text.count("We host a study visit") == 12


def test_the_nav_offers_the_directory_and_join_to_visitors(client, db):
    text = client.get("/").text
    assert 'href="/members/"' in text
    assert 'href="/members/join/"' in text


def test_members_are_not_offered_to_join(alice_client):
    text = alice_client.get("/my/").text
    assert 'href="/members/join/"' not in text
    assert 'href="/members/my-organisation/"' in text


def test_suspended_status_stays_hidden_after_approval_of_others(client, boras):
    boras.status = MembershipStatus.SUSPENDED
    boras.save()
    assert client.get("/members/organisations/boras/").status_code == 404


def test_the_coordinator_is_the_first_contact_person(client, alice, bob, charlie):
    client.force_login(charlie)
    contacts = client.get("/members/organisations/boras/").context["contacts"]
    assert [person.full_name for person in contacts] == ["Alice Andersson", "Bob Berg"]


def test_a_nonsense_filter_shows_an_explanation_not_an_error(client, listed):
    response = client.get("/members/?country=XX&theme=nope&page=99")
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_an_open_listing_on_an_organisation_page_opens_its_page(client, alice, charlie, boras):
    # The partner's open offer was plain text: no way on to read it or say "interested".
    listing = RequestFactory(organisation=boras, title="Exchange on gender equality")
    client.force_login(charlie)

    response = client.get("/members/organisations/boras/")

    assert f'href="{listing.get_absolute_url()}">Exchange on gender equality</a>' in response.text
    assert client.get(listing.get_absolute_url()).status_code == 200
