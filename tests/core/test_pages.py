"""The public pages, the member area and the admin answer as each user expects."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_home_page_tells_a_visitor_what_the_tool_is(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Mobility Matchmaking Tool" in response.text
    assert 'href="/accounts/login/"' in response.text
    assert "cdn" not in response.text.lower()


def test_member_area_needs_sign_in(client):
    response = client.get("/my/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_member_area_lists_my_organisations(alice_client):
    response = alice_client.get("/my/")
    assert "Working Life Department of the municipality of Borås" in response.text
    assert "Secretariat" not in response.text


def test_secretariat_sees_the_admin_link_and_the_admin(secretariat_client):
    assert 'href="/admin/"' in secretariat_client.get("/my/").text
    response = secretariat_client.get("/admin/")
    assert response.status_code == 200
    assert "RSP Mobility Matchmaking — Secretariat" in response.text


def test_member_cannot_enter_the_admin(alice_client):
    response = alice_client.get("/admin/")
    assert response.status_code == 302


def test_secretariat_group_can_work_on_the_products_models(secretariat):
    assert secretariat.has_perm("listings.change_listing")
    assert secretariat.has_perm("matchmaking.add_match")
    assert secretariat.has_perm("casestudies.change_casestudy")
    assert not secretariat.has_perm("auth.change_permission")


def test_password_reset_email_has_text_and_html_parts(client, alice, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "ALICE@boras.example"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["alice@boras.example"]
    assert "Choose a new password" in message.subject
    assert "/accounts/password/reset/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Choose a new password</a>" in html


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_sign_in_with_email_address(client, alice, settings):
    response = client.post(
        "/accounts/login/", {"username": "alice@boras.example", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/signed-in/"
    assert client.get("/signed-in/")["Location"] == "/my/"


def test_language_switcher_changes_the_language(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "fr"


def test_pages_send_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "onchange=" not in response.text


def directive(response, name: str) -> str:
    policy = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return next(part for part in policy if part.startswith(f"{name} "))


def test_public_and_member_pages_refuse_inline_styles(client, alice):
    assert directive(client.get("/"), "style-src") == "style-src 'self'"
    client.force_login(alice)
    assert directive(client.get("/my/"), "style-src") == "style-src 'self'"
    assert directive(client.get("/monitoring/"), "style-src") == "style-src 'self'"


def test_only_the_admin_allows_inline_styles(secretariat_client):
    response = secretariat_client.get("/admin/")
    assert response.status_code == 200
    assert directive(response, "style-src") == "style-src 'self' 'unsafe-inline'"
    assert directive(response, "script-src") == "script-src 'self'"


# A style="…" attribute, a <style> block or an onclick="…"-like handler: what the
# policy of the public and member pages refuses, so the browser would ignore it.
INLINE = re.compile(r"\sstyle=|<style|\son[a-z]+=", re.IGNORECASE)


def test_no_page_template_holds_an_inline_style_or_script():
    """The e-mails keep their inline styles (mail programs need them, and no
    policy applies to an e-mail) and the admin's pages are allowed them."""
    base = Path(settings.BASE_DIR)
    templates = [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]
    allowed = (base / "templates" / "emails", base / "templates" / "admin")
    found = [
        f"{path.relative_to(base)}: {match.group().strip()}"
        for path in templates
        if not path.is_relative_to(allowed[0]) and not path.is_relative_to(allowed[1])
        for match in INLINE.finditer(path.read_text())
    ]
    assert len(templates) > 100
    assert found == []


def test_uploaded_logo_is_served_under_media_url(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "boras.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    response = client.get("/media/logos/boras.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_form_sent_from_an_expired_page_is_explained_and_changes_nothing(alice):
    from django.test import Client

    from members.models import User

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    response = strict.post("/members/account/", {"full_name": "Someone Else"})
    assert response.status_code == 403
    text = response.text
    assert "The form has expired" in text and "Nothing was saved" in text
    assert '<html lang="' in text  # the site's own layout, not Django's page
    assert "<style" not in text  # nothing the Content Security Policy refuses
    assert User.objects.get(pk=alice.pk).full_name == alice.full_name
