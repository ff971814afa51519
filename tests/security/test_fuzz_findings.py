"""Each server error the fuzzing found (issue 14, "every 500") now gets a clear
answer, and the ordinary request next to it still works."""

import pytest
from django.core.exceptions import ValidationError

from exchanges.services import MAX_PEOPLE_IN_AN_EXCHANGE, validate_exchange_figures
from members.models import Organisation, User
from tests.factories import TargetGroupFactory, exchange_between
from tests.members.helpers import application_data
from tests.otp import verified_login

pytestmark = pytest.mark.django_db


def test_a_join_form_posted_twice_makes_one_application_and_answers_both(client, secretariat):
    client.raise_request_exception = False
    first = client.post("/members/join/", application_data())
    second = client.post("/members/join/", application_data())
    assert first.status_code == second.status_code == 302
    assert Organisation.objects.filter(oid="E10123456").count() == 1
    assert User.objects.filter(email="tuula@tampere.example").count() == 1


def test_a_join_form_posted_twice_without_an_oid_makes_one_application(client, secretariat):
    client.raise_request_exception = False
    first = client.post("/members/join/", application_data(oid=""))
    second = client.post("/members/join/", application_data(oid=""))
    assert first.status_code == second.status_code == 302
    assert User.objects.filter(email="tuula@tampere.example").count() == 1


@pytest.mark.parametrize("chosen", ["abc", "", "²", "1e3", "-1", "9" * 40, "1\x00"])
def test_switching_to_a_forged_organisation_id_is_not_found(client, alice, chosen):
    client.raise_request_exception = False
    client.force_login(alice)
    response = client.post("/members/my-organisation/switch/", {"organisation": chosen})
    assert response.status_code == 404


def test_switching_to_ones_own_organisation_still_works(client, alice, boras):
    client.force_login(alice)
    response = client.post("/members/my-organisation/switch/", {"organisation": str(boras.pk)})
    assert response.status_code == 302 and response["Location"].endswith("/manage/boras/")


@pytest.mark.parametrize("huge", [MAX_PEOPLE_IN_AN_EXCHANGE + 1, 2**31 - 1, 2**31, 10**20])
def test_exchange_figures_beyond_any_real_exchange_are_refused(huge):
    with pytest.raises(ValidationError) as refused:
        validate_exchange_figures(
            participants_total=huge,
            fewer_opportunities=0,
            staff=0,
            learners=huge,
            counts={"a": huge},
        )
    assert "participants_total" in refused.value.message_dict


def test_the_report_form_refuses_two_billion_participants_next_to_the_field(
    client, alice, boras, centre_val_de_loire
):
    group = TargetGroupFactory(name="VET learners")
    exchange = exchange_between(host=boras, sender=centre_val_de_loire)
    client.raise_request_exception = False
    client.force_login(alice)
    huge = 2**31 - 1
    response = client.post(
        f"/exchanges/{exchange.pk}/report/",
        {
            f"group_{group.pk}": huge,
            "participants_total": huge,
            "staff": 0,
            "learners": huge,
            "fewer_opportunities": 0,
            "outcomes": "Everybody came.",
        },
    )
    assert response.status_code == 200
    assert f"At most {MAX_PEOPLE_IN_AN_EXCHANGE:,}".replace(
        ",", ""
    ) in response.content.decode().replace(",", "").replace("\u202f", "").replace("\xa0", "")
    exchange.refresh_from_db()
    assert exchange.participants_total is None


@pytest.mark.parametrize("prefix", ["lessons", "testimonials", "photos"])
def test_a_formset_claiming_ten_to_the_twenty_forms_is_refused_quickly(
    client, alice, boras, centre_val_de_loire, prefix
):
    from casestudies.forms import case_study_formsets
    from tests.factories import CaseStudyFactory

    exchange = exchange_between(host=boras, sender=centre_val_de_loire, status="completed")
    case_study = CaseStudyFactory(exchange=exchange)
    data = {}
    for name in ("lessons", "testimonials", "photos"):
        data[f"{name}-TOTAL_FORMS"] = "0"
        data[f"{name}-INITIAL_FORMS"] = "0"
    data[f"{prefix}-TOTAL_FORMS"] = str(10**20)
    formsets = case_study_formsets(data, instance=case_study)
    formset = formsets[prefix]
    assert formset.absolute_max <= 24
    assert len(formset.forms) <= formset.absolute_max
    assert not formset.is_valid()


@pytest.mark.parametrize(
    "query",
    [
        "?joined_on__year=99999999999",
        "?joined_on__year=%00",
        "?q=%00",
        "?status=%00",
        "?country=%00",
        "?created_at__year=10000000000000000000",
    ],
)
def test_admin_changelists_answer_hostile_filters_without_a_server_error(
    client, secretariat, query
):
    from django.contrib.admin import site as admin_site
    from django.urls import reverse

    verified_login(client, secretariat)
    client.raise_request_exception = False
    broken = []
    for model in admin_site._registry:
        opts = model._meta
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + query
        status = client.get(path).status_code
        if status >= 500:
            broken.append(f"{path}: {status}")
    assert not broken, "\n".join(broken)


def test_a_directory_search_of_100000_characters_is_refused_next_to_the_field(client, boras):
    response = client.get("/members/", {"q": "x" * 100_000})
    assert response.status_code == 200
    assert "at most 200 characters" in response.text
    assert boras.name in client.get("/members/", {"q": "Borås"}).text
