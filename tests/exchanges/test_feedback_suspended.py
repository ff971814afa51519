"""A suspended organisation gives no feedback on its exchanges (members.permissions
.is_active_organisation): the page answers 403 with the reason, the service
refuses, the exchange offers no link; its active partners still give theirs, and
reinstated, it gives feedback again."""

import pytest
from django.core.exceptions import ValidationError

from exchanges.models import ExchangeFeedback
from exchanges.services import exchange_feedback_give
from tests.factories import exchange_between, reinstate, suspend

pytestmark = pytest.mark.django_db

REFUSAL = "is not an active member of the partnership: it no longer gives feedback"


@pytest.fixture
def completed(boras, centre_val_de_loire):
    return exchange_between(host=boras, sender=centre_val_de_loire, status="completed")


def feedback_url(exchange, organisation):
    return f"/exchanges/{exchange.pk}/feedback/{organisation.slug}/"


def test_a_suspended_organisation_cannot_give_feedback(alice_client, completed, boras):
    suspend(boras)
    url = feedback_url(completed, boras)
    page = alice_client.get(url)
    assert page.status_code == 403
    assert REFUSAL in page.text
    response = alice_client.post(url, {"match_fit": 5, "to_improve": ""})
    assert response.status_code == 403
    assert not ExchangeFeedback.objects.exists()


def test_a_suspended_organisation_cannot_change_the_feedback_it_gave(
    alice_client, alice, completed, boras
):
    exchange_feedback_give(
        exchange=completed,
        organisation=boras,
        by=alice,
        match_fit=4,
        work_again=True,
        to_improve="",
    )
    suspend(boras)
    response = alice_client.post(feedback_url(completed, boras), {"match_fit": 1})
    assert response.status_code == 403
    assert ExchangeFeedback.objects.get().match_fit == 4


def test_the_service_refuses_a_suspended_organisations_feedback(alice, completed, boras):
    suspend(boras)
    with pytest.raises(ValidationError, match=REFUSAL):
        exchange_feedback_give(
            exchange=completed,
            organisation=boras,
            by=alice,
            match_fit=5,
            work_again=True,
            to_improve="",
        )
    assert not ExchangeFeedback.objects.exists()


def test_the_exchange_of_a_suspended_organisation_offers_no_feedback_link(
    alice_client, completed, boras, django_assert_max_num_queries
):
    suspend(boras)
    with django_assert_max_num_queries(16):
        page = alice_client.get(completed.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="party-actions"' in page.text
    assert feedback_url(completed, boras) not in page.text
    assert "Give Working Life" not in page.text
    assert "is not an active member of the partnership: it gives no feedback" in page.text


def test_the_active_partner_of_a_suspended_organisation_still_gives_feedback(
    client, charlie, completed, boras, centre_val_de_loire
):
    suspend(boras)
    client.force_login(charlie)
    url = feedback_url(completed, centre_val_de_loire)
    assert url in client.get(completed.get_absolute_url()).text
    response = client.post(url, {"match_fit": 3, "to_improve": "Earlier contact."})
    assert response.status_code == 302
    assert ExchangeFeedback.objects.get(organisation=centre_val_de_loire).match_fit == 3


def test_a_reinstated_organisation_gives_feedback_again(alice_client, completed, boras):
    suspend(boras)
    reinstate(boras)
    url = feedback_url(completed, boras)
    assert url in alice_client.get(completed.get_absolute_url()).text
    response = alice_client.post(url, {"match_fit": 5, "to_improve": ""})
    assert response.status_code == 302
    assert ExchangeFeedback.objects.get(organisation=boras).match_fit == 5
