"""WCAG 2.1 AA on every page: contrast of the shared navigation, footer and
field borders, a summary of a refused form's errors, autocomplete on personal
fields, a language menu that waits for its button, and error pages inside the
site's layout, in the reader's language."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from tests.factories import UserFactory

STATIC = Path(settings.BASE_DIR) / "static"
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def css_rule(selector: str) -> dict:
    """The declarations of the site.css rule whose selector list contains `selector`."""
    css = re.sub(r"/\*.*?\*/", "", (STATIC / "css" / "site.css").read_text(), flags=re.S)
    for selectors, body in RULE.findall(css):
        if selector in [s.strip() for s in selectors.split(",")]:
            return {
                name.strip(): value.strip()
                for name, value in (d.split(":", 1) for d in body.split(";") if ":" in d)
            }
    raise AssertionError(f"no rule for {selector} in site.css")


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    dark, light = sorted([luminance(one), luminance(other)])
    return (light + 0.05) / (dark + 0.05)


WHITE, FOOTER_GREY = "#ffffff", "#f8f9fa"  # the page, and Bootstrap's bg-light


def test_navigation_links_and_focus_ring_stand_out_from_the_blue_bar():
    bar = css_rule(".site-navbar")
    for link in ("--bs-navbar-color", "--bs-navbar-hover-color", "--bs-navbar-brand-color"):
        assert contrast(bar[link], bar["background-color"]) >= 4.5
    ring = css_rule(".site-navbar .nav-link:focus-visible")["outline-color"]
    assert contrast(ring, bar["background-color"]) >= 3


def test_footer_links_are_readable_on_the_grey():
    assert contrast(css_rule(".site-footer a")["color"], FOOTER_GREY) >= 4.5


@pytest.mark.parametrize("selector", [".form-control", ".form-select", ".form-check-input"])
def test_field_and_checkbox_borders_can_be_seen(selector):
    assert contrast(css_rule(selector)["border-color"], WHITE) >= 3


def test_every_page_uses_the_readable_navigation_and_footer(client, db):
    html = client.get("/").text
    assert 'class="navbar navbar-expand-xl navbar-dark site-navbar"' in html
    assert "bg-primary" not in html.split("<main")[0]
    assert '<footer class="site-footer' in html


def test_a_refused_form_opens_with_an_error_summary_linking_to_each_field(client, db):
    response = client.post("/members/join/", {"email": "not-an-address"})
    html = response.text
    assert response.status_code == 200
    assert re.search(r"<title>Error: ", html)
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert 'role="alert"' in html.split('id="error-summary"')[1].split(">")[0]
    assert 'tabindex="-1"' in html.split('id="error-summary"')[1].split(">")[0]
    assert 'href="#id_name"' in summary
    assert 'href="#id_email"' in summary
    assert "Your email address: Enter a valid email address." in summary
    # Each link leads to a control that exists on the page.
    for anchor in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{anchor}"' in html


def test_the_summary_takes_the_focus():
    script = (STATIC / "js" / "site.js").read_text()
    assert 'document.getElementById("error-summary")' in script
    assert "summary.focus()" in script


def test_a_form_wide_error_is_in_the_summary_without_a_link(client, alice):
    response = client.post(
        "/accounts/login/", {"username": "alice@boras.example", "password": "wrong"}
    )
    html = response.text
    assert re.search(r"<title>Error: ", html)
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert "Please enter a correct" in summary
    assert "href=" not in summary
    # Both fields are marked invalid, as the refusal concerns them both.
    for name in ("username", "password"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag, name


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client, db):
    html = client.get("/members/join/").text
    assert 'id="error-summary"' not in html
    assert "<title>Error:" not in html


def test_personal_fields_say_what_they_hold(client, db):
    html = client.get("/members/join/").text
    for name, token in [
        ("full_name", "name"),
        ("email", "email"),
        ("job_title", "organization-title"),
        ("name", "organization"),
        ("city", "address-level2"),
        ("website", "url"),
        ("country", "country"),
    ]:
        tag = re.search(rf'<(input|select)[^>]*name="{name}"[^>]*>', html).group(0)
        assert f'autocomplete="{token}"' in tag, name


def test_account_fields_say_what_they_hold(alice_client):
    html = alice_client.get("/members/account/").text
    assert re.search(r'<input[^>]*name="full_name"[^>]*autocomplete="name"', html) or re.search(
        r'<input[^>]*autocomplete="name"[^>]*name="full_name"', html
    )
    assert 'autocomplete="email"' in html
    delete = alice_client.get("/members/account/delete/").text
    assert 'autocomplete="current-password"' in delete


def test_the_language_menu_changes_language_only_with_its_button(client, db):
    html = client.get("/").text
    menu = html.split('action="/i18n/setlang/"')[1].split("</form>")[0]
    assert '<button type="submit"' in menu
    assert "<noscript>" not in menu
    assert "data-autosubmit" not in menu
    assert "autosubmit" not in (STATIC / "js" / "site.js").read_text()


def test_page_not_found_is_inside_the_layout_in_the_readers_language(client, db):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    html = response.text
    assert '<html lang="fr">' in html
    assert "<title>Page introuvable" in html
    assert "Opportunités" in html  # the site's navigation
    assert '<footer class="site-footer' in html


def test_forbidden_page_is_inside_the_layout_and_says_why(client, bob):
    client.force_login(bob)
    response = client.get("/members/manage/boras/edit/")
    assert response.status_code == 403
    html = response.text
    assert 'class="navbar navbar-expand-xl navbar-dark site-navbar"' in html
    assert "<h1" in html and "Not allowed" in html
    assert "Sign out" in html


def test_server_error_page_needs_no_request_nor_database(django_assert_num_queries, db):
    with translation.override("fr"), django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in html
    assert "Erreur du serveur (500)" in html
    assert "site-navbar" in html and '<footer class="site-footer' in html


def test_server_error_template_renders_with_an_empty_context():
    html = render_to_string("500.html")
    assert "Server error (500)" in html


def test_a_wrong_password_on_account_deletion_gets_the_summary(client, db):
    # Any form in the context gets the summary: a second form type, to be sure.
    user = UserFactory(email="dana@example.org")
    client.force_login(user)
    response = client.post("/members/account/delete/", {"password": "wrong"})
    assert re.search(r"<title>Error: ", response.text)
    assert 'href="#id_password"' in response.text


def test_the_error_summary_lists_the_errors_in_the_order_of_the_form(client, db):
    # The Erasmus+ ID, checked with the model after the rest, came last in the
    # summary although it is near the top of the form.
    response = client.post("/members/join/", {"name": "School", "oid": "X123"})
    summary = response.text.split('id="error-summary"')[1].split("</div>")[0]
    anchors = re.findall(r'href="#([^"]+)"', summary)
    assert "id_oid" in anchors and "id_email" in anchors
    html = response.text.split('id="error-summary"')[1]
    positions = [html.index(f'id="{anchor}"') for anchor in anchors]
    assert positions == sorted(positions)


def test_a_label_written_as_a_sentence_is_not_followed_by_two_marks(client, db):
    # "…to run the partnership.: You must accept…" in the summary.
    response = client.post("/members/join/", {"name": "School"})
    summary = response.text.split('id="error-summary"')[1].split("</div>")[0]
    assert "run the partnership:" in summary
    assert ".:" not in summary
