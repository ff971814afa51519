"""One language choice: a member's profile language is the site's language for
them from sign-in on, the header menu changes it, and their e-mails follow.
Visitors get their browser's language."""

import pytest
from django.conf import settings

from members.models import User
from notifications.services import notification_record, notification_send
from tests.factories import MatchFactory

pytestmark = pytest.mark.django_db

SIGN_IN = {"username": "alice@boras.example", "password": "correct-horse-battery"}


def sign_in(client):
    response = client.post("/accounts/login/", SIGN_IN)
    assert response.status_code == 302
    return response


def test_french_member_signs_in_and_sees_french(client, alice):
    alice.language = "fr"
    alice.save()
    # The browser asks for English: the profile wins.
    sign_in(client)
    response = client.get("/my/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr">' in response.text
    assert "Opportunités" in response.text
    assert response["Content-Language"] == "fr"
    # Signed out, the same browser stays in French.
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    client.post("/accounts/logout/")
    assert '<html lang="fr">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").text


def test_a_language_cookie_left_by_someone_else_does_not_override_the_profile(client, alice):
    alice.language = "fr"
    alice.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    sign_in(client)
    assert '<html lang="fr">' in client.get("/my/").text


def test_switching_language_in_the_header_updates_the_profile(client, alice):
    sign_in(client)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/my/"})
    assert response.status_code == 302
    assert response["Location"] == "/my/"
    assert User.objects.get(pk=alice.pk).language == "fr"
    assert '<html lang="fr">' in client.get("/my/").text


def test_an_email_queued_after_the_switch_is_in_the_new_language(client, alice, mailoutbox):
    sign_in(client)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    notification = notification_record(
        kind="match_reminder",
        recipient=User.objects.get(pk=alice.pk),
        about=MatchFactory(),
        context={"reference": "REQ-4F2A9C", "title": "Gender equality", "organisation": "Borås"},
    )
    assert notification_send(notification_id=notification.pk) == "sent"
    assert mailoutbox[-1].subject.startswith("Rappel : votre réponse")


def test_an_unknown_language_in_the_header_changes_nothing(client, alice):
    sign_in(client)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert User.objects.get(pk=alice.pk).language == "en"


def test_a_visitor_switching_language_gets_the_cookie_only(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert '<html lang="fr">' in client.get("/").text


@pytest.mark.parametrize("language", ["de", "ca", "it", "pl"])
def test_a_visitor_gets_the_browser_language(client, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=f"{language},en;q=0.5")
    assert f'<html lang="{language}">' in response.text
    assert response["Content-Language"] == language
