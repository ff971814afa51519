"""Finding 3 (lockout bypass), 9 (reset flood) and 10 (second factor, idle
timeout, no-store): each attack as the review made it, now refused."""

import time

import pytest
from django.core import mail

from core.middleware import LAST_SEEN_KEY
from tests.factories import UserFactory
from tests.otp import totp_device, totp_token, verified_login

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
PROXY = "10.0.0.2"


def sign_in(client, username, password, **headers):
    return client.post("/accounts/login/", {"username": username, "password": password}, **headers)


def test_sign_in_counts_case_and_space_variants_against_one_lock(client, alice, settings):
    settings.AXES_ENABLED = True
    variants = ["alice@boras.example", "ALICE@boras.example", " Alice@Boras.Example ",
                "aLiCe@BORAS.example", "alice@BORAS.EXAMPLE"]  # fmt: skip
    for variant in variants:
        sign_in(client, variant, "wrong-password")
    response = sign_in(client, "alice@boras.example", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_in_from_one_address_is_throttled_across_accounts(client, settings):
    # Password spraying: one guess for each of many accounts from one address.
    settings.AXES_ENABLED = True
    answers = [
        sign_in(client, f"person{n}@example.org", "Summer2024!").status_code for n in range(31)
    ]
    assert answers[:30] == [200] * 30
    assert answers[30] == 429
    assert "Too many attempts" in sign_in(client, "x@example.org", "y").text


def test_behind_the_proxy_one_client_does_not_lock_out_another(client, alice, settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for _ in range(5):
        sign_in(client, "alice@boras.example", "wrong-password", **attacker)
    assert sign_in(client, "alice@boras.example", PASSWORD, **attacker).status_code == 429
    victim = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    response = sign_in(client, "alice@boras.example", PASSWORD, **victim)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_a_forged_forwarded_address_does_not_escape_the_lock(client, alice, settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        # The client writes a new address in front each time; the proxy appends the real one.
        forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}, 203.0.113.5"}
        sign_in(client, "alice@boras.example", "wrong-password", **forged)
    real = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    assert sign_in(client, "alice@boras.example", PASSWORD, **real).status_code == 429


def test_without_a_declared_proxy_the_forwarded_header_is_ignored(client, alice, settings):
    settings.AXES_ENABLED = True
    for n in range(5):
        spoofed = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{n}"}
        sign_in(client, "alice@boras.example", "wrong-password", **spoofed)
    assert sign_in(client, "alice@boras.example", PASSWORD).status_code == 429


def test_password_reset_sends_at_most_three_emails_an_hour_to_one_person(client, alice):
    answers = [
        client.post("/accounts/password/reset/", {"email": email}).status_code
        for email in ["alice@boras.example", "ALICE@boras.example", " alice@boras.example"] * 3
    ]
    assert answers[:3] == [302, 302, 302]
    assert set(answers[3:]) == {429}
    assert len(mail.outbox) == 3


def test_password_reset_for_an_unknown_address_answers_like_a_known_one(client, alice):
    known = client.post("/accounts/password/reset/", {"email": "alice@boras.example"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@boras.example"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)


# --- The secretariat's second factor ----------------------------------------------


def test_staff_password_alone_does_not_open_the_admin(client, secretariat):
    response = sign_in(client, secretariat.email, PASSWORD)
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/two-factor/")
    # Nor the secretariat's view of the members' pages.
    assert client.get("/monitoring/").url.startswith("/accounts/two-factor/")


def test_staff_with_a_wrong_code_stay_outside(client, secretariat):
    sign_in(client, secretariat.email, PASSWORD)
    response = client.post("/accounts/two-factor/", {"token": "000000", "next": "/admin/"})
    assert response.status_code == 200
    assert "This code is not valid" in response.text
    assert client.get("/admin/").status_code == 302


def test_staff_with_the_code_enter_the_admin(client, secretariat):
    sign_in(client, secretariat.email, PASSWORD)
    token = totp_token(secretariat.totp_device)
    response = client.post("/accounts/two-factor/", {"token": token, "next": "/admin/"})
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_works_once(client, secretariat):
    sign_in(client, secretariat.email, PASSWORD)
    token = totp_token(secretariat.totp_device)
    client.post("/accounts/two-factor/", {"token": token})
    client.post("/accounts/logout/")
    sign_in(client, secretariat.email, PASSWORD)
    response = client.post("/accounts/two-factor/", {"token": token})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_new_staff_enrol_an_authenticator_at_first_sign_in(client):
    staff = UserFactory(email="new.staff@earlall.example", is_staff=True)
    sign_in(client, staff.email, PASSWORD)
    response = client.get("/accounts/two-factor/?next=/admin/")
    assert "Set up your second factor" in response.text
    assert 'src="data:image/svg+xml' in response.text
    device = staff.totpdevice_set.get()
    assert not device.confirmed
    response = client.post(
        "/accounts/two-factor/", {"token": totp_token(device), "next": "/admin/"}
    )
    assert response.url == "/admin/"
    device.refresh_from_db()
    assert device.confirmed


def test_the_admin_login_form_is_the_sites_sign_in(client):
    response = client.get("/admin/login/?next=/admin/members/user/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/members/user/"


def test_a_member_in_the_admin_is_refused_without_a_redirect_loop(alice_client):
    response = alice_client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_members_sign_in_without_a_second_factor(client, alice):
    sign_in(client, "alice@boras.example", PASSWORD)
    assert client.get("/my/").status_code == 200


def test_demo_code_command_prints_the_demo_secretariats_current_code(capsys):
    from django.core.management import call_command

    call_command("demo_code")
    assert len(capsys.readouterr().out.split()[0]) == 6


# --- Sessions ------------------------------------------------------------------------


def test_an_idle_session_is_signed_out(alice_client, settings):
    session = alice_client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = alice_client.get("/members/account/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in alice_client.session


def test_an_active_session_stays_signed_in(alice_client):
    session = alice_client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 120
    session.save()
    assert alice_client.get("/members/account/").status_code == 200


def test_personal_pages_are_never_stored_by_caches(alice_client):
    for url in ["/members/account/", "/inbox/", "/members/account/data/", "/my/"]:
        cache_control = alice_client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_the_secretariat_verified_once_keeps_its_device(client, secretariat):
    verified_login(client, secretariat)
    assert client.get("/admin/").status_code == 200
    assert totp_device(secretariat) == secretariat.totp_device
