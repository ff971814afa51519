"""One language choice: a member's profile language is the site's language for
them from sign-in on, the header menu changes it, and their e-mails follow.
Visitors get their browser's language."""

import importlib.util
import os
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings

from members.models import User
from notifications.services import notification_record, notification_send
from tests.core.test_settings import SETTINGS, STRONG_KEY, production_environment
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


def production_language_cookie() -> dict:
    """The LANGUAGE_COOKIE_* settings production starts with (DEBUG off), read
    afresh from the settings module."""
    production = importlib.util.module_from_spec(SETTINGS)
    with mock.patch.dict(os.environ, production_environment(SECRET_KEY=STRONG_KEY), clear=True):
        SETTINGS.loader.exec_module(production)
    names = [name for name in dir(production) if name.startswith("LANGUAGE_COOKIE_")]
    return {name: getattr(production, name) for name in names}


@pytest.mark.parametrize("path", ["profile", "header menu", "account page"])
def test_in_production_every_language_cookie_is_secure_and_same_site(client, alice, path):
    alice.language = "fr"
    alice.save()
    with override_settings(**production_language_cookie()):
        sign_in(client)
        if path == "profile":
            response = client.get("/my/")
        elif path == "header menu":
            response = client.post("/i18n/setlang/", {"language": "sv", "next": "/my/"})
        else:
            response = client.post(
                "/members/account/",
                {"full_name": alice.full_name, "email": alice.email, "language": "sv"},
            )
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == ("fr" if path == "profile" else "sv")
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")
