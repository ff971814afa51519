"""The vocabularies ship with the migrations: a new installation has every theme,
format, target group and language before anyone loads demo data, the migration
never overwrites what the secretariat changed, and a target group the secretariat
adds counts on the dashboard under the figure it names."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from exchanges.models import ExchangeRole, ExchangeStatus
from monitoring.selectors import kpis_for
from taxonomy.models import Format, KpiCategory, Language, TargetGroup, Theme
from tests.factories import (
    ExchangeFactory,
    ExchangeOrganisationFactory,
    ExchangeParticipantsFactory,
)

pytestmark = pytest.mark.django_db

vocabularies = importlib.import_module("taxonomy.migrations.0003_vocabularies")


def test_migrate_alone_ships_every_vocabulary():
    # The test database is built by `migrate` only: no demo data, no fixtures.
    assert set(Theme.objects.values_list("slug", flat=True)) == {s for s, _ in vocabularies.THEMES}
    assert Theme.objects.get(slug="gender-equality").name == "Gender equality"
    assert Format.objects.count() == len(vocabularies.FORMATS) == 10
    assert Language.objects.count() == len(vocabularies.LANGUAGES)
    assert {"en", "fr", "es", "sv", "ca", "eu"} <= set(
        Language.objects.values_list("code", flat=True)
    )
    groups = dict(TargetGroup.objects.values_list("slug", "kpi_category"))
    assert groups == {
        "vet-learners": KpiCategory.VET_LEARNERS,
        "apprentices": KpiCategory.APPRENTICES,
        "adult-learners": KpiCategory.ADULT_LEARNERS,
        "teachers-and-trainers": KpiCategory.STAFF,
        "guidance-staff": KpiCategory.STAFF,
        "policy-makers-and-regional-staff": KpiCategory.STAFF,
        "people-with-fewer-opportunities": "",
    }
    assert TargetGroup.objects.get(slug="people-with-fewer-opportunities").fewer_opportunities


@pytest.mark.parametrize(
    ("slug", "days"),
    [
        ("staff-job-shadowing", (2, 60)),
        ("teaching-or-training-assignment", (2, 365)),
        ("staff-course", (2, 30)),
        ("vet-learner-mobility", (10, 89)),
        ("erasmuspro", (90, 365)),
        ("adult-learner-mobility", (2, 30)),
    ],
)
def test_formats_carry_the_erasmus_plus_duration_ranges(slug, days):
    fmt = Format.objects.get(slug=slug)
    assert (fmt.min_days, fmt.max_days) == days


def test_the_vocabulary_migration_keeps_the_secretariats_edits_and_adds_no_duplicates():
    Theme.objects.filter(slug="green-skills").update(name="Green and digital transition")
    Format.objects.filter(slug="study-visit").update(max_days=12, active=False)
    TargetGroup.objects.filter(slug="guidance-staff").update(kpi_category="")
    Theme.objects.filter(slug="agri-food").delete()
    # A term the secretariat made under another slug with a shipped name.
    Theme.objects.filter(slug="entrepreneurship").update(slug="entrepreneurship-skills")
    before = {m: m.objects.count() for m in (Theme, Format, TargetGroup, Language)}

    vocabularies.add_vocabularies(apps, None)

    assert Theme.objects.get(slug="green-skills").name == "Green and digital transition"
    study_visit = Format.objects.get(slug="study-visit")
    assert (study_visit.max_days, study_visit.active) == (12, False)
    assert TargetGroup.objects.get(slug="guidance-staff").kpi_category == ""
    assert not Theme.objects.filter(slug="entrepreneurship").exists()
    # Only the deleted theme comes back: the migration runs once, on install.
    assert Theme.objects.count() == before[Theme] + 1
    assert {m: m.objects.count() for m in (Format, TargetGroup, Language)} == {
        m: before[m] for m in (Format, TargetGroup, Language)
    }


def test_a_target_group_the_secretariat_adds_counts_on_the_dashboard(
    secretariat_client, boras, centre_val_de_loire
):
    # Added in the admin, as the secretariat would, with the figure it counts towards.
    response = secretariat_client.post(
        reverse("admin:taxonomy_targetgroup_add"),
        {
            "name_en": "Adult learners in prison education",
            "slug": "adult-learners-in-prison-education",
            "description": "",
            "position": 10,
            "active": "on",
            "kpi_category": KpiCategory.ADULT_LEARNERS,
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    added = TargetGroup.objects.get(slug="adult-learners-in-prison-education")
    exchange = ExchangeFactory(
        status=ExchangeStatus.COMPLETED,
        start_date=datetime.date(2025, 5, 5),
        end_date=datetime.date(2025, 5, 9),
        participants_total=7,
        fewer_opportunities=0,
    )
    ExchangeOrganisationFactory(exchange=exchange, organisation=boras, role=ExchangeRole.HOST)
    ExchangeOrganisationFactory(
        exchange=exchange, organisation=centre_val_de_loire, role=ExchangeRole.SENDING
    )
    ExchangeParticipantsFactory(exchange=exchange, target_group=added, count=5)
    staff = TargetGroup.objects.get(slug="teachers-and-trainers")
    ExchangeParticipantsFactory(exchange=exchange, target_group=staff, count=2)

    assert kpis_for(year=2025)["participants"]["adult_learners"] == 5
    page = secretariat_client.get(reverse("monitoring:dashboard"), {"year": 2025})
    people = page.context["kpis"]["participants"]
    assert (people["adult_learners"], people["staff"], people["total"]) == (5, 2, 7)
    assert '<th scope="row">Adult learners</th><td>5</td>' in page.text


def test_the_secretariat_changes_what_a_group_counts_towards_in_the_admin(secretariat_client):
    group = TargetGroup.objects.get(slug="guidance-staff")
    page = secretariat_client.get(reverse("admin:taxonomy_targetgroup_changelist"))
    assert page.status_code == 200
    assert 'name="form-0-kpi_category"' in page.text

    response = secretariat_client.post(
        reverse("admin:taxonomy_targetgroup_change", args=[group.pk]),
        {
            "name_en": group.name,
            "slug": group.slug,
            "description": "",
            "position": group.position,
            "active": "on",
            "kpi_category": "",
        },
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.kpi_category == ""
