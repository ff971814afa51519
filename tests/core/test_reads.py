"""Finding 11: reads that were looser than the rules."""

import pytest

from members.models import Membership, MembershipStatus
from tests.factories import ExchangeFactory, ExchangeOrganisationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_exchange_elsewhere(db):
    exchange = ExchangeFactory(status="completed", title="Completed elsewhere")
    ExchangeOrganisationFactory(exchange=exchange, organisation=OrganisationFactory())
    return exchange


def test_a_colleague_removed_from_every_organisation_no_longer_reads_exchanges(
    client, bob, completed_exchange_elsewhere
):
    client.force_login(bob)
    assert client.get(f"/exchanges/{completed_exchange_elsewhere.pk}/").status_code == 200
    Membership.objects.filter(user=bob).delete()
    assert client.get(f"/exchanges/{completed_exchange_elsewhere.pk}/").status_code == 404
    assert "Completed elsewhere" not in client.get("/exchanges/").text


def test_people_of_a_suspended_organisation_lose_the_monitoring(alice_client, boras):
    assert alice_client.get("/monitoring/").status_code == 200
    boras.status = MembershipStatus.SUSPENDED
    boras.save()
    assert alice_client.get("/monitoring/").status_code == 403
