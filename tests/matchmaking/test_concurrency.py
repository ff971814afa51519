"""Two secretariat members confirm the same request at the same moment: one match,
and the second is told why. Real concurrent transactions need PostgreSQL."""

import threading

import pytest
from django.db import connection

from matchmaking.models import Match
from matchmaking.services import AlreadyMatched, match_confirm
from tests.factories import UserFactory

from .cases import build_boras_case


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_match_confirm_at_the_same_moment_makes_one_match_and_tells_the_second(
    boras, centre_val_de_loire, secretariat
):
    case = build_boras_case(boras, centre_val_de_loire)
    colleague = UserFactory(
        email="second@earlall.example", full_name="Second Secretariat", is_staff=True
    )
    start = threading.Barrier(2)
    outcomes = {}

    def confirm(user, partner):
        try:
            start.wait(timeout=10)
            match_confirm(request=case.request, partners=[partner], by=user, message="")
            outcomes[user.email] = "confirmed"
        except AlreadyMatched as exc:
            outcomes[user.email] = str(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=(secretariat, case.boras_offer)),
        threading.Thread(target=confirm, args=(colleague, case.escola_offer)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert Match.objects.filter(request=case.request).count() == 1
    assert sorted(outcomes.values(), key=len)[0] == "confirmed"
    refused = [text for text in outcomes.values() if text != "confirmed"]
    assert len(refused) == 1
    winner = Match.objects.get(request=case.request).confirmed_by
    assert refused[0].startswith(f"Someone else was faster: {winner.full_name} confirmed")
