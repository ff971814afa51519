"""Throttles per account on the forms a stolen session or a bad member could
abuse: the password asked again (at most ten tries an hour) and the e-mails sent
to a typed address (at most twenty an hour)."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = {
    "/accounts/password/change/": lambda guess: {
        "old_password": guess,
        "new_password1": "An0ther-long-passphrase",
        "new_password2": "An0ther-long-passphrase",
    },
    "/members/account/delete/": lambda guess: {"password": guess},
}


@pytest.mark.parametrize("url", PAGES)
def test_the_eleventh_password_guess_in_an_hour_is_refused(alice_client, alice, url):
    answers = [alice_client.post(url, PAGES[url](f"guess-{n}")).status_code for n in range(11)]
    assert answers[:10] == [200] * 10
    assert answers[10] == 429
    alice.refresh_from_db()
    assert alice.is_active and not alice.check_password("An0ther-long-passphrase")


def test_another_account_is_not_held_back_by_those_guesses(client, alice, bob):
    client.force_login(alice)
    for n in range(11):
        client.post("/members/account/delete/", {"password": f"guess-{n}"})
    client.force_login(bob)
    assert client.post("/members/account/delete/", {"password": "wrong"}).status_code == 200


def test_at_most_twenty_invitations_an_hour_leave_through_one_account(alice_client, boras):
    from members.models import Invitation

    answers = [
        alice_client.post(
            "/members/manage/boras/invite/",
            {"email": f"stranger{n}@example.org", "role": "contact"},
        ).status_code
        for n in range(21)
    ]
    assert answers[:20] == [302] * 20 and answers[20] == 429
    assert Invitation.objects.filter(organisation=boras).count() == 20


def test_at_most_twenty_address_changes_an_hour_are_asked_from_one_account(alice_client, alice):
    from members.models import EmailChange

    answers = [
        alice_client.post(
            "/members/account/",
            {"full_name": alice.full_name, "email": f"new{n}@example.org", "language": "en"},
        ).status_code
        for n in range(21)
    ]
    assert answers[:20] == [302] * 20 and answers[20] == 429
    assert EmailChange.objects.get(user=alice).new_email == "new19@example.org"
