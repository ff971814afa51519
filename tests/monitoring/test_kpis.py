"""Every figure of kpis_for, on the small partnership of conftest.py, with the
expected values worked out by hand."""

import pytest
from django.urls import reverse
from django.utils import translation

from monitoring.selectors import kpis_for

pytestmark = pytest.mark.django_db


def test_kpis_count_requests_and_offers_by_status_in_the_year(partnership):
    listings = kpis_for(year=2025)["listings"]
    # R1 matched, R2 open, R3 expired; the draft is not submitted; R4 is 2024.
    assert listings["requests"] == {"submitted": 3, "open": 1, "matched": 1, "expired": 1}
    assert listings["offers"] == {"submitted": 2, "open": 1, "matched": 1, "expired": 0}


def test_kpis_count_matches_by_answer(partnership):
    matches = kpis_for(year=2025)["matches"]
    assert matches == {"confirmed": 1, "accepted": 1, "declined": 1, "cancelled": 0}


def test_kpis_median_days_from_submission_to_match(partnership):
    # M1 10 days after R1, M2 30 days after R3, M3 5 days after R2: median 10.
    assert kpis_for(year=2025)["median_days_to_match"] == 10


def test_kpis_median_days_from_match_to_exchange(partnership):
    # E1 starts 54 days after M1, E3 103 days after M3: median (54 + 103) / 2.
    assert kpis_for(year=2025)["median_days_match_to_exchange"] == 78.5


def test_kpis_count_exchanges_without_the_cancelled_one(partnership):
    assert kpis_for(year=2025)["exchanges"] == {"planned": 1, "completed": 2}


def test_kpis_count_participants_of_completed_exchanges_by_group(partnership):
    people = kpis_for(year=2025)["participants"]
    # E1 (10: 4 VET learners, 6 guidance staff) + E2 (5: 2 adults, 3 apprentices).
    assert people == {
        "total": 15,
        "vet_learners": 4,
        "apprentices": 3,
        "adult_learners": 2,
        "staff": 6,
        "fewer_opportunities": 3,
        "fewer_opportunities_share": 20.0,
        "fewer_opportunities_target": 20,
    }


def test_kpis_count_organisations_countries_and_regions_involved(partnership):
    # Borås (SE232), Centre-Val de Loire (FRB), Valencia (no region).
    assert kpis_for(year=2025)["reach"] == {"organisations": 3, "countries": 3, "regions": 2}


def test_kpis_put_themes_where_demand_outruns_supply_first(partnership):
    assert kpis_for(year=2025)["themes"] == [
        {"theme": "Gender equality", "requested": 2, "offered": 1, "gap": 1},
        {"theme": "Green skills", "requested": 1, "offered": 1, "gap": 0},
    ]


def test_kpis_count_exchanges_and_participants_by_month(partnership):
    # E3 is planned: it counts as an exchange, its participants do not yet.
    assert kpis_for(year=2025)["by_month"] == [
        {"month": "2025-03", "exchanges": 1, "participants": 10},
        {"month": "2025-05", "exchanges": 2, "participants": 5},
    ]


def test_kpis_count_flows_from_sending_to_hosting_country(partnership):
    assert kpis_for(year=2025)["flows"] == [
        {"sending": "FR", "host": "ES", "exchanges": 1},
        {"sending": "FR", "host": "SE", "exchanges": 1},
        {"sending": "SE", "host": "ES", "exchanges": 1},
    ]
    assert kpis_for()["flows"][0] == {"sending": "FR", "host": "SE", "exchanges": 2}


def test_kpis_count_exchanges_by_format(partnership):
    assert kpis_for(year=2025)["by_format"] == [
        {"format": "Staff job shadowing", "planned": 0, "completed": 1},
        {"format": "Study visit", "planned": 1, "completed": 1},
    ]


def test_kpis_of_an_empty_year_are_zero_and_medians_are_absent(partnership):
    kpis = kpis_for(year=2023)
    assert kpis["listings"]["requests"] == {"submitted": 0, "open": 0, "matched": 0, "expired": 0}
    assert kpis["matches"] == {"confirmed": 0, "accepted": 0, "declined": 0, "cancelled": 0}
    assert kpis["median_days_to_match"] is None
    assert kpis["median_days_match_to_exchange"] is None
    assert kpis["exchanges"] == {"planned": 0, "completed": 0}
    assert kpis["participants"]["total"] == 0
    assert kpis["participants"]["fewer_opportunities_share"] is None
    assert kpis["reach"] == {"organisations": 0, "countries": 0, "regions": 0}
    assert kpis["themes"] == kpis["by_month"] == kpis["flows"] == kpis["by_format"] == []


def test_kpis_of_a_year_with_one_exchange(partnership):
    kpis = kpis_for(year=2024)
    assert kpis["exchanges"] == {"planned": 0, "completed": 1}
    assert kpis["participants"]["total"] == 6
    assert kpis["participants"]["staff"] == 6
    # 2 of 6: 33.3%.
    assert kpis["participants"]["fewer_opportunities_share"] == 33.3
    assert kpis["reach"] == {"organisations": 2, "countries": 2, "regions": 2}
    assert kpis["by_month"] == [{"month": "2024-12", "exchanges": 1, "participants": 6}]
    assert kpis["flows"] == [{"sending": "FR", "host": "SE", "exchanges": 1}]
    assert kpis["listings"]["requests"]["submitted"] == 1
    assert kpis["median_days_to_match"] is None


def test_kpis_of_one_organisation_count_only_what_it_took_part_in(partnership):
    kpis = kpis_for(year=2025, organisation=partnership.valencia)
    assert kpis["listings"]["offers"]["submitted"] == 1
    assert kpis["listings"]["requests"]["submitted"] == 0
    # Valencia is a party to M2 (30 days) and M3 (5 days).
    assert kpis["matches"] == {"confirmed": 1, "accepted": 0, "declined": 1, "cancelled": 0}
    assert kpis["median_days_to_match"] == 17.5
    assert kpis["exchanges"] == {"planned": 1, "completed": 1}
    assert kpis["participants"]["total"] == 5
    assert kpis["median_days_match_to_exchange"] == 103


def test_kpis_filtered_by_country_theme_and_format(partnership):
    france = kpis_for(year=2025, country="FR")
    assert france["listings"]["requests"]["submitted"] == 1
    assert france["listings"]["offers"]["submitted"] == 1
    assert france["exchanges"] == {"planned": 1, "completed": 1}

    green = kpis_for(year=2025, theme=partnership.green)
    assert green["themes"] == [{"theme": "Green skills", "requested": 1, "offered": 1, "gap": 0}]
    assert green["matches"]["confirmed"] == 1
    assert green["exchanges"] == {"planned": 1, "completed": 1}

    shadowing = kpis_for(year=2025, format=partnership.shadowing)
    assert shadowing["exchanges"] == {"planned": 0, "completed": 1}
    assert shadowing["listings"]["offers"]["submitted"] == 1
    assert shadowing["participants"]["total"] == 5


def test_kpis_name_themes_and_formats_in_the_readers_language(
    partnership, secretariat, secretariat_client
):
    with translation.override("fr"):
        green = kpis_for(year=2025, theme=partnership.green)
        shadowing = kpis_for(year=2025, format=partnership.shadowing)
    assert [t["theme"] for t in green["themes"]] == ["Compétences vertes"]
    assert [f["format"] for f in shadowing["by_format"]] == [
        "Observation en situation de travail (job shadowing) du personnel"
    ]
    secretariat.language = "de"
    secretariat.save(update_fields=["language"])
    page = secretariat_client.get(
        reverse("monitoring:dashboard"), {"year": 2025}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert page.status_code == 200
    assert "Grüne Kompetenzen" in page.text
