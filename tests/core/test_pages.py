"""The public pages, the member area and the admin answer as each user expects."""

import pytest

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


def test_uploaded_logo_is_served_under_media_url(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "boras.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    response = client.get("/media/logos/boras.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
