"""Signed-in members browse past exchanges to find who has done what."""

import datetime

import pytest

from tests.factories import (
    ExchangeParticipantsFactory,
    FormatFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeItemFactory,
    PublishedCaseStudyFactory,
    TargetGroupFactory,
    ThemeFactory,
    UserFactory,
    exchange_between,
)

pytestmark = pytest.mark.django_db


def completed_exchanges(n, **fields):
    return [
        exchange_between(
            host=OrganisationFactory(),
            sender=OrganisationFactory(),
            status="completed",
            participants_total=4,
            **fields,
        )
        for _ in range(n)
    ]


def test_past_exchanges_are_for_signed_in_members(client):
    response = client.get("/exchanges/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_past_exchanges_list_completed_ones_with_their_organisations(
    alice_client, boras, centre_val_de_loire
):
    done = exchange_between(
        host=boras, sender=centre_val_de_loire, status="completed", participants_total=8
    )
    exchange_between(
        host=OrganisationFactory(name="Somewhere planned"),
        sender=OrganisationFactory(),
        title="Planned exchange elsewhere",
    )

    response = alice_client.get("/exchanges/")

    assert done.title in response.text
    assert "Centre-Val de Loire Region - Service Orientation" in response.text
    assert "8 participants" in response.text
    assert "Planned exchange elsewhere" not in response.text


def test_past_exchanges_filter_by_theme_format_country_group_year_and_text(alice_client):
    green = ThemeFactory(name="Green skills")
    shadowing = FormatFactory(name="Staff job shadowing")
    (match,) = completed_exchanges(
        1,
        title="Green VET in Catalonia",
        themes=[green],
        format=shadowing,
        country="ES",
        city="Barcelona",
        start_date=datetime.date(2025, 3, 3),
        end_date=datetime.date(2025, 3, 7),
    )
    apprentices = TargetGroupFactory(name="Apprentices")
    ExchangeParticipantsFactory(exchange=match, target_group=apprentices)
    completed_exchanges(2, title="Another exchange")

    for query in [
        "theme=green-skills",
        "format=staff-job-shadowing",
        "country=ES",
        "target_group=apprentices",
        "year=2025",
        "q=barcelona",
    ]:
        response = alice_client.get(f"/exchanges/?{query}")
        assert "Green VET in Catalonia" in response.text, query
        assert "Another exchange" not in response.text, query


def test_past_exchanges_list_paginates_by_25(alice_client):
    completed_exchanges(26)
    response = alice_client.get("/exchanges/")
    assert response.text.count('data-testid="exchange-card"') == 25
    assert "Page 1 of 2" in response.text


def test_past_exchanges_list_queries_do_not_grow_with_rows(
    alice_client, django_assert_max_num_queries
):
    completed_exchanges(3)
    with django_assert_max_num_queries(14) as few:
        alice_client.get("/exchanges/")
    completed_exchanges(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get("/exchanges/")
    assert response.text.count('data-testid="exchange-card"') == 23


def test_exchange_detail_shows_figures_programme_and_case_study_link(
    alice_client, boras, centre_val_de_loire, django_assert_max_num_queries
):
    exchange = exchange_between(
        host=OrganisationFactory(),
        sender=OrganisationFactory(),
        status="completed",
        participants_total=8,
        staff=3,
        learners=5,
        fewer_opportunities=2,
        outcomes="A three-way project.",
    )
    for name in ["VET learners", "Guidance staff", "Apprentices"]:
        ExchangeParticipantsFactory(exchange=exchange, target_group=TargetGroupFactory(name=name))
    for day in range(9, 15):
        ProgrammeItemFactory(exchange=exchange, day=datetime.date(2024, 12, day))
    case_study = PublishedCaseStudyFactory(exchange=exchange)

    with django_assert_max_num_queries(16):
        response = alice_client.get(exchange.get_absolute_url())

    assert "With fewer opportunities" in response.text
    assert "Apprentices" in response.text
    assert "A three-way project." in response.text
    assert "Saturday 14 December" in response.text
    assert case_study.get_absolute_url() in response.text
    assert 'data-testid="party-actions"' not in response.text


def test_planned_exchange_of_others_is_404_but_visible_to_its_organisations(
    client, alice_client, boras, centre_val_de_loire
):
    planned = exchange_between(host=boras, sender=centre_val_de_loire)
    assert alice_client.get(planned.get_absolute_url()).status_code == 200
    outsider = UserFactory()
    MembershipFactory(user=outsider, organisation=OrganisationFactory())
    client.force_login(outsider)
    assert client.get(planned.get_absolute_url()).status_code == 404


def test_my_exchanges_lists_my_organisations_exchanges_to_report(
    alice_client, boras, centre_val_de_loire
):
    mine = exchange_between(host=boras, sender=centre_val_de_loire, title="Our planned visit")
    completed_exchanges(1, title="Somebody else's")
    response = alice_client.get("/exchanges/mine/")
    assert mine.title in response.text
    assert "Somebody else's" not in response.text
    detail = alice_client.get(mine.get_absolute_url()).text
    assert "Report the figures and outcomes" in detail


def test_member_home_links_to_past_exchanges_and_reporting(alice_client):
    response = alice_client.get("/my/")
    assert 'href="/exchanges/"' in response.text
    assert 'href="/exchanges/mine/"' in response.text


def test_my_exchanges_queries_do_not_grow_with_rows(
    alice_client, boras, centre_val_de_loire, django_assert_max_num_queries
):
    def mine(n):
        for _ in range(n):
            exchange_between(host=boras, sender=OrganisationFactory())

    mine(2)
    with django_assert_max_num_queries(12) as few:
        alice_client.get("/exchanges/mine/")
    mine(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get("/exchanges/mine/")
    assert response.text.count('data-testid="exchange-card"') == 17


def test_exchange_detail_queries_do_not_grow_with_figures_and_programme(
    alice_client, django_assert_max_num_queries
):
    (exchange,) = completed_exchanges(1)
    ExchangeParticipantsFactory(exchange=exchange)
    ProgrammeItemFactory(exchange=exchange)
    with django_assert_max_num_queries(16) as few:
        alice_client.get(exchange.get_absolute_url())
    for name in ["VET learners", "Apprentices", "Adult learners"]:
        ExchangeParticipantsFactory(exchange=exchange, target_group=TargetGroupFactory(name=name))
    for day in range(10, 15):
        ProgrammeItemFactory(exchange=exchange, day=datetime.date(2024, 12, day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert alice_client.get(exchange.get_absolute_url()).status_code == 200
