"""After the exchange each organisation says how well the match fitted; the
secretariat reads it in the admin."""

import pytest

from exchanges.models import ExchangeFeedback
from tests.factories import ExchangeFeedbackFactory, OrganisationFactory, exchange_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(boras, centre_val_de_loire):
    return exchange_between(host=boras, sender=centre_val_de_loire, status="completed")


def test_member_gives_feedback_for_their_organisation(alice_client, alice, completed, boras):
    url = f"/exchanges/{completed.pk}/feedback/{boras.slug}/"
    response = alice_client.post(
        url, {"match_fit": 4, "work_again": "on", "to_improve": "Meet the learners earlier."}
    )

    assert response.status_code == 302
    feedback = ExchangeFeedback.objects.get(exchange=completed, organisation=boras)
    assert (feedback.match_fit, feedback.work_again, feedback.given_by) == (4, True, alice)
    assert "Thank you for your feedback" in alice_client.get(response["Location"]).text


def test_giving_feedback_again_changes_it_rather_than_adding_one(alice_client, completed, boras):
    url = f"/exchanges/{completed.pk}/feedback/{boras.slug}/"
    alice_client.post(url, {"match_fit": 4, "to_improve": ""})
    alice_client.post(url, {"match_fit": 2, "to_improve": "Too short."})
    assert ExchangeFeedback.objects.filter(exchange=completed).count() == 1
    assert ExchangeFeedback.objects.get().match_fit == 2


def test_feedback_out_of_range_is_refused_and_nothing_saved(alice_client, completed, boras):
    response = alice_client.post(
        f"/exchanges/{completed.pk}/feedback/{boras.slug}/", {"match_fit": 9}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not ExchangeFeedback.objects.exists()


def test_feedback_for_another_organisation_or_exchange_is_404(
    alice_client, completed, centre_val_de_loire, boras
):
    # Alice is not in Centre-Val de Loire, and not in an exchange she took no part in.
    url = f"/exchanges/{completed.pk}/feedback/{centre_val_de_loire.slug}/"
    assert alice_client.post(url, {"match_fit": 1}).status_code == 404
    foreign = exchange_between(
        host=OrganisationFactory(), sender=OrganisationFactory(), status="completed"
    )
    url = f"/exchanges/{foreign.pk}/feedback/{boras.slug}/"
    assert alice_client.post(url, {"match_fit": 1}).status_code == 404
    assert not ExchangeFeedback.objects.exists()


def test_feedback_waits_until_the_exchange_is_completed(alice_client, boras, centre_val_de_loire):
    planned = exchange_between(host=boras, sender=centre_val_de_loire)
    alice_client.post(f"/exchanges/{planned.pk}/feedback/{boras.slug}/", {"match_fit": 5})
    assert not ExchangeFeedback.objects.exists()


def test_secretariat_reads_the_feedback_in_the_admin(secretariat_client, completed, boras):
    ExchangeFeedbackFactory(exchange=completed, organisation=boras, to_improve="Longer visit")
    response = secretariat_client.get(f"/admin/exchanges/exchange/{completed.pk}/change/")
    assert "Longer visit" in response.text
