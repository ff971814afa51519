"""Two secretariat members confirm the same request at the same moment: one match,
and the second is told why. Real concurrent transactions need PostgreSQL."""

import threading

import pytest
from django.db import connection

from listings.models import Listing, ListingRole, ListingStatus
from matchmaking.models import Match
from matchmaking.services import AlreadyMatched, match_confirm
from tests.factories import RequestFactory, ThemeFactory, UserFactory

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


def _race(confirmations):
    """Run each (request, partners, by) confirmation in its own thread and
    connection, released at the same moment; say how each one ended."""
    start = threading.Barrier(len(confirmations))
    outcomes = [None] * len(confirmations)

    def confirm(i, request, partners, by):
        try:
            start.wait(timeout=10)
            match_confirm(request=request, partners=partners, by=by)
            outcomes[i] = "confirmed"
        except AlreadyMatched as exc:
            outcomes[i] = str(exc)
        except Exception as exc:  # a deadlock or a 500: what the race must never give
            outcomes[i] = f"ERROR {exc.__class__.__name__}: {exc}"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=(i, *args)) for i, args in enumerate(confirmations)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_confirming_x_with_y_while_another_confirms_y_with_x_never_deadlocks(secretariat):
    """Each request is the other's partner: before the rows were locked in a fixed
    order, most such races ended in a deadlock (a 500). Now one wins and the other
    is told someone else was faster, every time."""
    colleague = UserFactory(email="second@earlall.example", is_staff=True)
    theme = ThemeFactory(name="Gender equality")
    races = 20
    ended = []
    for _ in range(races):
        x = RequestFactory(role=ListingRole.SEND, themes=[theme])
        y = RequestFactory(role=ListingRole.EITHER, themes=[theme])
        ended.append(_race([(x, [y], secretariat), (y, [x], colleague)]))

    errors = [outcome for outcomes in ended for outcome in outcomes if outcome.startswith("ERROR")]
    assert errors == []
    for outcomes in ended:
        assert sorted(o == "confirmed" for o in outcomes) == [False, True]
        refused = next(o for o in outcomes if o != "confirmed")
        assert refused.startswith("Someone else was faster")
    assert Match.objects.count() == races
    assert not Listing.objects.filter(status=ListingStatus.OPEN).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_confirming_from_the_curation_page_at_once_get_a_match_and_a_refusal(
    secretariat, boras, centre_val_de_loire
):
    """Through the page, as the secretariat clicks: each had the page open, each
    confirms a different partner at the same moment. One gets the match; the other
    is told someone else was faster (409), never a server error."""
    from django.test import Client
    from django.urls import reverse

    from tests.otp import verified_login

    case = build_boras_case(boras, centre_val_de_loire)
    colleague = UserFactory(email="second@earlall.example", full_name="Ola", is_staff=True)
    colleague.groups.set(secretariat.groups.all())
    url = reverse("admin:matchmaking_match_curate", args=[case.request.pk])
    clients = [verified_login(Client(), user) for user in (secretariat, colleague)]
    tokens = [c.get(url).context["shown"] for c in clients]
    start = threading.Barrier(2)
    statuses = [None, None]

    def confirm(i, partner):
        try:
            start.wait(timeout=10)
            data = {"action": "confirm", "shown": tokens[i], "partners": [partner.pk]}
            response = clients[i].post(url, data)
            statuses[i] = (
                response.status_code,
                response.text if response.status_code != 302 else "",
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=(0, case.boras_offer)),
        threading.Thread(target=confirm, args=(1, case.escola_offer)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(status for status, _text in statuses) == [302, 409]
    refused = next(text for status, text in statuses if status == 409)
    assert "Someone else was faster" in refused
    assert Match.objects.filter(request=case.request).count() == 1
