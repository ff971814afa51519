"""The pages that ask a signed-in person for their password again answer at most
ten tries an hour per account: a stolen session does not find the password there."""

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
