"""Sign-in hardening and the password pages."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def sign_in(client, password):
    return client.post(
        "/accounts/login/", {"username": "alice@boras.example", "password": password}
    )


def test_sign_in_locks_the_account_after_five_wrong_passwords(client, alice, settings):
    settings.AXES_ENABLED = True
    for _ in range(4):
        assert sign_in(client, "wrong-password").status_code == 200
    assert sign_in(client, "wrong-password").status_code == 429
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "locked for an hour" in response.text
    assert "_auth_user_id" not in client.session


def test_sign_in_wrong_password_says_so_next_to_the_form(client, alice):
    response = sign_in(client, "wrong-password")
    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.text


def test_password_change_needs_the_old_password(alice_client, alice):
    response = alice_client.post(
        "/accounts/password/change/",
        {
            "old_password": "not-the-old-one",
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.text
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_password_change_saves_the_new_password(alice_client, alice):
    response = alice_client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=alice.pk).check_password("a-new-long-passphrase")


def test_password_reset_link_sets_a_new_password(client, alice, mailoutbox):
    client.post("/accounts/password/reset/", {"email": "alice@boras.example"})
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/" in line
    )
    path = link.split("testserver", 1)[-1] if "testserver" in link else link.split("8000", 1)[-1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-passphrase")
