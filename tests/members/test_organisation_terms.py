"""The organisation forms (joining, editing the profile) offer themes and working
languages in the compact term picker: ticked terms are saved, and kept beside the
error when something else is wrong."""

import pytest

from members.models import Organisation
from tests.factories import LanguageFactory, ThemeFactory

from .helpers import application_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(db):
    themes = [ThemeFactory(name=f"Theme {n}", slug=f"theme-{n}") for n in range(15)]
    languages = [LanguageFactory(code=code, name=code.upper()) for code in ("fi", "sv", "it")]
    return themes, languages


def ticked(page: str, name: str, pk: int) -> bool:
    return (
        f'name="{name}" value="{pk}"' in page
        and "checked" in page.split(f'name="{name}" value="{pk}"')[1].split(">")[0]
    )


def test_the_join_form_offers_themes_and_languages_in_the_term_picker(client, terms):
    page = client.get("/members/join/").text
    assert page.count("data-term-picker") == 2
    assert "js/term-picker.js" in page


def test_an_application_with_an_error_keeps_the_ticked_terms_beside_the_error(client, terms):
    themes, languages = terms
    data = application_data(
        themes=[themes[3].pk, themes[12].pk], languages=[languages[1].pk], email=""
    )
    page = client.post("/members/join/", data).text
    assert "This field is required." in page
    assert ticked(page, "themes", themes[12].pk) and ticked(page, "languages", languages[1].pk)
    assert not ticked(page, "themes", themes[0].pk)
    assert not Organisation.objects.filter(oid="E10123456").exists()

    response = client.post("/members/join/", {**data, "email": "tuula@tampere.example"})
    assert response.status_code == 302
    organisation = Organisation.objects.get(oid="E10123456")
    assert set(organisation.themes.all()) == {themes[3], themes[12]}
    assert list(organisation.languages.all()) == [languages[1]]


def test_a_coordinator_ticks_themes_and_languages_in_the_profile(alice_client, boras, terms):
    themes, languages = terms
    page = alice_client.get("/members/manage/boras/edit/").text
    assert page.count("data-term-picker") == 2
    profile = {"name": boras.name, "kind": "local_authority", "country": "SE", "city": "Borås"}

    page = alice_client.post(
        "/members/manage/boras/edit/",
        {**profile, "region": "FRB", "themes": [themes[14].pk], "languages": [languages[0].pk]},
    ).text
    assert "The region FRB is not in the chosen country" in page
    assert ticked(page, "themes", themes[14].pk)

    response = alice_client.post(
        "/members/manage/boras/edit/",
        {**profile, "region": "SE232", "themes": [themes[14].pk], "languages": [languages[0].pk]},
    )
    assert response.status_code == 302
    assert list(boras.themes.all()) == [themes[14]]
    assert list(boras.languages.all()) == [languages[0]]
