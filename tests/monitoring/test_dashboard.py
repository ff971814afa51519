"""Who sees the dashboard, what it shows, and how many queries it costs."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from exchanges.models import Exchange, ExchangeStatus
from tests.factories import ExchangeFactory

pytestmark = pytest.mark.django_db

URL = reverse("monitoring:dashboard")


def test_dashboard_sends_a_visitor_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_dashboard_refuses_a_member_who_is_not_a_coordinator(client, bob):
    client.force_login(bob)
    assert client.get(URL).status_code == 403


def test_dashboard_shows_the_secretariat_every_organisations_figures(
    secretariat_client, partnership
):
    response = secretariat_client.get(URL, {"year": 2025})
    assert response.status_code == 200
    assert response.context["organisation"] is None
    assert "Figures of the whole partnership." in response.text
    # E1 and E2 completed in 2025, 15 participants, 3 of them with fewer opportunities.
    assert response.context["kpis"]["exchanges"]["completed"] == 2
    assert 'data-testid="figure-participants">15<' in response.text
    assert "20.0% (3 of 15) against a target of 20%." in response.text


def test_dashboard_of_an_empty_partnership_shows_dashes_not_errors(secretariat_client):
    response = secretariat_client.get(URL)
    assert response.status_code == 200
    assert 'data-testid="figure-median-days-to-match">–<' in response.text
    assert "No participants reported yet." in response.text
    assert "Nothing to show for these filters." in response.text


def test_dashboard_shows_a_coordinator_only_their_organisation(alice_client, partnership):
    response = alice_client.get(URL, {"year": 2025})
    assert response.status_code == 200
    assert response.context["organisation"] == partnership.boras
    # Borås took part in E1 (10 participants) and E2 (5), not in E3.
    assert response.context["kpis"]["participants"]["total"] == 15
    assert response.context["kpis"]["exchanges"] == {"planned": 0, "completed": 2}
    assert "Valencia VET Centre" not in response.context["form"]["organisation"].as_widget()


def test_dashboard_hides_another_organisations_figures_from_a_coordinator(
    alice_client, partnership
):
    response = alice_client.get(URL, {"organisation": partnership.valencia.pk})
    assert response.status_code == 404


def test_dashboard_explains_a_bad_filter_and_shows_the_unfiltered_figures(
    secretariat_client, partnership
):
    response = secretariat_client.get(URL, {"year": "1800", "country": "XX"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert response.context["kpis"]["exchanges"] == {"planned": 1, "completed": 3}


def test_dashboard_draws_charts_with_a_table_of_the_same_figures(secretariat_client, partnership):
    text = secretariat_client.get(URL, {"year": 2025}).text
    assert text.count('role="img"') == 3
    assert 'id="data-by-month"' in text
    assert 'data-testid="table-by-month"' in text
    assert '<th scope="row">2025-03</th><td>1</td><td>10</td>' in text
    assert "/static/js/charts.js" in text


def _many_exchanges(count, start):
    Exchange.objects.bulk_create(
        ExchangeFactory.build(
            format=start.format,
            status=ExchangeStatus.COMPLETED,
            start_date=datetime.date(2025, 1 + i % 12, 1),
            end_date=datetime.date(2025, 1 + i % 12, 2),
            participants_total=3,
        )
        for i in range(count)
    )


def test_dashboard_query_count_does_not_grow_with_exchanges(
    secretariat_client, partnership, django_assert_max_num_queries
):
    _many_exchanges(200, partnership.exchanges[0])
    with django_assert_max_num_queries(30) as small:
        secretariat_client.get(URL, {"year": 2025})
    _many_exchanges(400, partnership.exchanges[0])
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = secretariat_client.get(URL, {"year": 2025})
    assert response.context["kpis"]["exchanges"]["completed"] == 602


def test_nav_shows_monitoring_to_the_secretariat_and_coordinators_only(
    secretariat_client, client, alice, bob
):
    link = f'href="{URL}"'
    assert link in secretariat_client.get("/my/").text
    client.force_login(alice)
    assert link in client.get("/my/").text
    client.force_login(bob)
    assert link not in client.get("/my/").text


def test_dashboard_and_exports_show_the_figures_as_they_are_after_a_change(
    secretariat_client, partnership
):
    assert secretariat_client.get(URL).context["kpis"]["exchanges"]["completed"] == 3
    ExchangeFactory(status=ExchangeStatus.COMPLETED, participants_total=1)
    response = secretariat_client.get(URL)
    assert response.context["kpis"]["exchanges"]["completed"] == 4
    assert "computed again after every change" in response.text
    export = secretariat_client.get(reverse("monitoring:export-csv", args=["summary"]))
    assert "Exchanges completed,4" in export.content.decode()
