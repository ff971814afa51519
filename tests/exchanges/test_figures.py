"""The coordinators report an exchange's figures; reporting completes it and
starts the case study. The same check guards the member form and the admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from casestudies.models import CaseStudy
from exchanges.models import ExchangeStatus
from exchanges.services import exchange_complete, validate_exchange_figures
from tests.factories import TargetGroupFactory, exchange_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(db):
    TargetGroupFactory(name="People with fewer opportunities", fewer_opportunities=True)
    return [
        TargetGroupFactory(name="Guidance staff", position=1),
        TargetGroupFactory(name="VET learners", position=2),
    ]


@pytest.fixture
def exchange(boras, centre_val_de_loire):
    return exchange_between(host=boras, sender=centre_val_de_loire)


def report_data(groups, **overrides):
    data = {
        f"group_{groups[0].pk}": 3,
        f"group_{groups[1].pk}": 5,
        "participants_total": 8,
        "staff": 3,
        "learners": 5,
        "fewer_opportunities": 2,
        "outcomes": "A three-way mobility project for female learners.",
    }
    data.update(overrides)
    return data


def figures(**overrides):
    values = {
        "participants_total": 8,
        "fewer_opportunities": 2,
        "staff": 3,
        "learners": 5,
        "counts": {"a": 3, "b": 5},
    }
    values.update(overrides)
    return values


def test_figures_that_add_up_are_accepted():
    validate_exchange_figures(**figures())


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"counts": {"a": 3, "b": 4}}, "counts", "add up to 7, not to the 8"),
        ({"fewer_opportunities": 9}, "fewer_opportunities", "cannot be more"),
        ({"staff": -1, "learners": 9}, "staff", "cannot be negative"),
        ({"counts": {"a": -3, "b": 11}}, "counts", "cannot be negative"),
        ({"staff": 4}, "learners", "add up to 9"),
        ({"participants_total": None}, "participants_total", "Please give a number"),
    ],
)
def test_figures_that_do_not_add_up_are_refused_with_the_reason(overrides, field, words):
    with pytest.raises(ValidationError) as error:
        validate_exchange_figures(**figures(**overrides))
    assert words in " ".join(error.value.message_dict[field])


def test_report_form_shows_one_count_per_target_group_but_not_fewer_opportunities(
    alice_client, exchange, groups
):
    response = alice_client.get(f"/exchanges/{exchange.pk}/report/")
    assert response.status_code == 200
    assert "Guidance staff" in response.text
    assert "VET learners" in response.text
    assert f"group_{groups[0].pk}" in response.text
    assert "People with fewer opportunities" not in response.text


def test_coordinator_reports_figures_and_the_exchange_is_completed_with_a_draft(
    alice_client, alice, exchange, groups
):
    response = alice_client.post(f"/exchanges/{exchange.pk}/report/", report_data(groups))

    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.COMPLETED
    assert (exchange.participants_total, exchange.fewer_opportunities) == (8, 2)
    assert (exchange.staff, exchange.learners) == (3, 5)
    assert {f.target_group.name: f.count for f in exchange.figures.all()} == {
        "Guidance staff": 3,
        "VET learners": 5,
    }
    draft = CaseStudy.objects.get(exchange=exchange)
    assert draft.status == "draft"
    assert exchange.history.first().history_user == alice
    page = alice_client.get(response["Location"]).text
    assert "its case study is started" in page
    assert "Edit the case-study draft" in page


def test_report_that_does_not_add_up_explains_and_changes_nothing(alice_client, exchange, groups):
    response = alice_client.post(
        f"/exchanges/{exchange.pk}/report/",
        report_data(groups, fewer_opportunities=12, **{f"group_{groups[1].pk}": 1}),
    )

    assert response.status_code == 200
    assert "cannot be more participants with fewer opportunities" in response.text
    assert "add up to 4, not to the 8" in response.text
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.PLANNED
    assert exchange.participants_total is None
    assert not exchange.figures.exists()
    assert not CaseStudy.objects.exists()


def test_correcting_figures_of_a_completed_exchange_keeps_one_draft(alice_client, exchange, groups):
    alice_client.post(f"/exchanges/{exchange.pk}/report/", report_data(groups))
    alice_client.post(
        f"/exchanges/{exchange.pk}/report/",
        report_data(
            groups,
            participants_total=5,
            learners=2,
            **{f"group_{groups[1].pk}": 2},
        ),
    )
    exchange.refresh_from_db()
    assert exchange.participants_total == 5
    assert CaseStudy.objects.filter(exchange=exchange).count() == 1


def test_a_contact_of_the_organisation_may_not_report(client, bob, exchange, groups):
    client.force_login(bob)
    response = client.post(f"/exchanges/{exchange.pk}/report/", report_data(groups))
    assert response.status_code == 403
    exchange.refresh_from_db()
    assert exchange.participants_total is None


def test_another_organisation_cannot_report_someone_elses_exchange(client, boras, groups, db):
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    other = exchange_between(host=boras, sender=OrganisationFactory())
    outsider = UserFactory()
    MembershipFactory(user=outsider, organisation=OrganisationFactory())
    client.force_login(outsider)
    assert client.get(f"/exchanges/{other.pk}/report/").status_code == 404
    assert client.post(f"/exchanges/{other.pk}/report/", report_data(groups)).status_code == 404


@pytest.fixture
def future(boras, centre_val_de_loire):
    return exchange_between(
        host=boras,
        sender=centre_val_de_loire,
        start_date=datetime.date(2027, 3, 8),
        end_date=datetime.date(2027, 3, 12),
    )


def test_future_exchange_offers_no_report_form_and_says_when_it_opens(alice_client, future, groups):
    page = alice_client.get(future.get_absolute_url()).text
    assert "Report the figures and outcomes" not in page
    assert "Reporting opens on 8 Mar 2027, when the exchange starts." in page
    response = alice_client.get(f"/exchanges/{future.pk}/report/", follow=True)
    assert "Reporting opens on 8 Mar 2027" in response.text
    assert 'name="participants_total"' not in response.text


def test_started_exchange_offers_the_report_form(alice_client, exchange, groups):
    page = alice_client.get(exchange.get_absolute_url()).text
    assert "Report the figures and outcomes" in page
    assert "Reporting opens" not in page
    assert 'name="participants_total"' in alice_client.get(f"/exchanges/{exchange.pk}/report/").text


def test_refused_report_keeps_what_was_typed(alice_client, future, groups):
    data = report_data(groups, outcomes="Twelve learners met employers in Orléans.")
    response = alice_client.post(f"/exchanges/{future.pk}/report/", data)
    assert response.status_code == 200
    assert "Reporting opens on 8 Mar 2027, when the exchange starts." in response.text
    assert "Twelve learners met employers in Orléans." in response.text
    assert 'name="participants_total" value="8"' in response.text
    future.refresh_from_db()
    assert future.status == ExchangeStatus.PLANNED
    assert future.participants_total is None


def test_cancelled_exchange_offers_no_report_form(alice_client, exchange, groups):
    exchange.status = ExchangeStatus.CANCELLED
    exchange.save()
    page = alice_client.get(exchange.get_absolute_url()).text
    assert "Report the figures and outcomes" not in page
    assert "A cancelled exchange has no figures to report." in page


def test_an_exchange_without_figures_cannot_be_completed(exchange, secretariat):
    with pytest.raises(ValidationError, match="figures"):
        exchange_complete(exchange=exchange, by=secretariat)
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.PLANNED


def test_admin_refuses_figures_that_do_not_add_up_with_the_same_message(
    secretariat_client, exchange, groups
):
    url = f"/admin/exchanges/exchange/{exchange.pk}/change/"
    data = admin_form_data(exchange, groups, participants_total=8, fewer_opportunities=9)

    response = secretariat_client.post(url, data)

    assert response.status_code == 200
    assert "There cannot be more participants with fewer opportunities" in response.text
    exchange.refresh_from_db()
    assert exchange.participants_total is None


def test_admin_corrects_figures_and_completes_the_exchange_with_the_action(
    secretariat_client, exchange, groups
):
    url = f"/admin/exchanges/exchange/{exchange.pk}/change/"
    response = secretariat_client.post(url, admin_form_data(exchange, groups))
    assert response.status_code == 302, response.text
    exchange.refresh_from_db()
    assert exchange.participants_total == 8

    response = secretariat_client.post(
        "/admin/exchanges/exchange/",
        {"action": "complete_exchanges", "_selected_action": [exchange.pk]},
        follow=True,
    )
    assert "1 exchange(s) completed." in response.text
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.COMPLETED
    assert CaseStudy.objects.filter(exchange=exchange, status="draft").exists()


def test_admin_action_refuses_to_complete_without_figures(secretariat_client, exchange):
    response = secretariat_client.post(
        "/admin/exchanges/exchange/",
        {"action": "complete_exchanges", "_selected_action": [exchange.pk]},
        follow=True,
    )
    assert "Report the exchange" in response.text
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.PLANNED


def admin_form_data(exchange, groups, **overrides):
    parties = list(exchange.parties.all())
    data = {
        "title": exchange.title,
        "match": exchange.match_id or "",
        "format": exchange.format_id,
        "themes": [t.pk for t in exchange.themes.all()],
        "start_date": "2024-12-09",
        "end_date": "2024-12-14",
        "city": exchange.city,
        "country": exchange.country.code,
        "participants_total": 8,
        "staff": 3,
        "learners": 5,
        "fewer_opportunities": 2,
        "outcomes": "A three-way project.",
        "parties-TOTAL_FORMS": len(parties),
        "parties-INITIAL_FORMS": len(parties),
        "figures-TOTAL_FORMS": 2,
        "figures-INITIAL_FORMS": 0,
        "figures-0-target_group": groups[0].pk,
        "figures-0-count": 3,
        "figures-1-target_group": groups[1].pk,
        "figures-1-count": 5,
        "programme-TOTAL_FORMS": 0,
        "programme-INITIAL_FORMS": 0,
        "feedback-TOTAL_FORMS": 0,
        "feedback-INITIAL_FORMS": 0,
    }
    for i, party in enumerate(parties):
        data.update(
            {
                f"parties-{i}-id": party.pk,
                f"parties-{i}-exchange": exchange.pk,
                f"parties-{i}-organisation": party.organisation_id,
                f"parties-{i}-role": party.role,
            }
        )
    data.update(overrides)
    return data


def test_secretariat_records_an_exchange_from_before_the_tool(
    secretariat_client, boras, centre_val_de_loire, groups
):
    from exchanges.models import Exchange
    from tests.factories import FormatFactory, ThemeFactory

    data = {
        "title": "Job shadowing in Orléans, 2023",
        "match": "",
        "format": FormatFactory().pk,
        "themes": [ThemeFactory(name="Career guidance").pk],
        "start_date": "2023-10-02",
        "end_date": "2023-10-06",
        "city": "Orléans",
        "country": "FR",
        "participants_total": 4,
        "staff": 4,
        "learners": 0,
        "fewer_opportunities": 0,
        "outcomes": "Guidance staff shared their methods.",
        "parties-TOTAL_FORMS": 2,
        "parties-INITIAL_FORMS": 0,
        "parties-0-organisation": centre_val_de_loire.pk,
        "parties-0-role": "host",
        "parties-1-organisation": boras.pk,
        "parties-1-role": "sending",
        "figures-TOTAL_FORMS": 1,
        "figures-INITIAL_FORMS": 0,
        "figures-0-target_group": groups[0].pk,
        "figures-0-count": 4,
        "programme-TOTAL_FORMS": 1,
        "programme-INITIAL_FORMS": 0,
        "programme-0-day": "2023-10-02",
        "programme-0-activities": "Visit of the regional guidance centre",
        "feedback-TOTAL_FORMS": 0,
        "feedback-INITIAL_FORMS": 0,
    }
    response = secretariat_client.post("/admin/exchanges/exchange/add/", data)
    assert response.status_code == 302, response.text
    exchange = Exchange.objects.get(title="Job shadowing in Orléans, 2023")
    assert exchange.status == ExchangeStatus.PLANNED
    assert exchange.parties.count() == 2

    secretariat_client.post(
        "/admin/exchanges/exchange/",
        {"action": "complete_exchanges", "_selected_action": [exchange.pk]},
    )
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.COMPLETED
    assert exchange.case_study.story.startswith("The exchange took place in Orléans (France)")
