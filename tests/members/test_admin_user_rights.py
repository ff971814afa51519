"""Finding 4: a member of the secretariat cannot make anyone (itself included)
a superuser or staff, nor take over another staff account."""

import pytest

from tests.factories import UserFactory
from tests.otp import verified_login

pytestmark = pytest.mark.django_db


def change_form_data(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": "",
        "language": "en",
        "is_active": "on",
        "date_joined_0": "2024-09-17",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2024-09-17",
        "initial-date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_secretariat_cannot_grant_superuser_or_staff(secretariat_client, alice):
    url = f"/admin/members/user/{alice.pk}/change/"
    page = secretariat_client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.text
    assert 'name="is_staff"' not in page.text
    assert 'name="groups"' not in page.text
    secretariat_client.post(url, change_form_data(alice, is_superuser="on", is_staff="on"))
    alice.refresh_from_db()
    assert not alice.is_superuser and not alice.is_staff


def test_secretariat_cannot_change_its_own_rights(secretariat_client, secretariat):
    url = f"/admin/members/user/{secretariat.pk}/change/"
    response = secretariat_client.post(url, change_form_data(secretariat, is_superuser="on"))
    assert response.status_code == 403
    secretariat.refresh_from_db()
    assert not secretariat.is_superuser


def test_secretariat_cannot_reset_a_superusers_password(secretariat_client):
    boss = UserFactory(email="root@earlall.example", is_staff=True, is_superuser=True)
    url = f"/admin/members/user/{boss.pk}/password/"
    response = secretariat_client.post(
        url, {"password1": "taken-over-2024!", "password2": "taken-over-2024!"}
    )
    assert response.status_code == 403
    boss.refresh_from_db()
    assert not boss.check_password("taken-over-2024!")


def test_a_superuser_still_names_the_secretariat(client, alice):
    boss = UserFactory(email="root@earlall.example", is_staff=True, is_superuser=True)
    verified_login(client, boss)
    url = f"/admin/members/user/{alice.pk}/change/"
    response = client.post(url, change_form_data(alice, is_staff="on"))
    assert response.status_code == 302, response.content[:2000]
    alice.refresh_from_db()
    assert alice.is_staff
