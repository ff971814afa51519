"""The vocabularies speak the reader's language: the shipped names exist in the
ten interface languages, the request form, the filters, the match e-mails and
the reasons use them, the secretariat enters the names per language in the
admin, and a name nobody translated yet reads in English."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from listings.models import ListingKind
from matchmaking.reasons import reason, reason_text
from matchmaking.services import match_confirm
from taxonomy.models import Format, Language, TargetGroup, Theme
from taxonomy.selectors import sorted_by_name
from tests.factories import ListingFactory
from tests.matchmaking.cases import build_boras_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(boras, centre_val_de_loire):
    return build_boras_case(boras, centre_val_de_loire)


shipped = importlib.import_module("taxonomy.migrations.0005_vocabulary_translations")
CODES = [code for code, _name in settings.LANGUAGES]

# What a reader of each language finds on the request form.
GENDER_EQUALITY = {
    "en": "Gender equality",
    "fr": "Égalité entre les femmes et les hommes",
    "es": "Igualdad de género",
    "ca": "Igualtat de gènere",
    "de": "Gleichstellung der Geschlechter",
    "it": "Parità di genere",
    "sv": "Jämställdhet",
    "pt": "Igualdade de género",
    "nl": "Gendergelijkheid",
    "pl": "Równość płci",
}
STUDY_VISIT = {
    "en": "Study visit",
    "fr": "Visite d’étude",
    "es": "Visita de estudio",
    "ca": "Visita d’estudi",
    "de": "Studienbesuch",
    "it": "Visita di studio",
    "sv": "Studiebesök",
    "pt": "Visita de estudo",
    "nl": "Studiebezoek",
    "pl": "Wizyta studyjna",
}
GERMAN = {
    "en": "German",
    "fr": "Allemand",
    "es": "Alemán",
    "ca": "Alemany",
    "de": "Deutsch",
    "it": "Tedesco",
    "sv": "Tyska",
    "pt": "Alemão",
    "nl": "Duits",
    "pl": "Niemiecki",
}


@pytest.mark.parametrize("model", [Theme, Format, TargetGroup, Language])
def test_every_shipped_name_exists_in_every_interface_language(model):
    for term in model.objects.all():
        missing = [code for code in CODES if not getattr(term, f"name_{code}")]
        assert not missing, f"{term.name_en} has no name in {missing}"


def test_the_shipped_tables_cover_the_shipped_vocabularies_in_every_language():
    vocabularies = importlib.import_module("taxonomy.migrations.0003_vocabularies")
    assert dict(vocabularies.THEMES) == {slug: names[0] for slug, names in shipped.THEMES.items()}
    assert set(shipped.FORMATS) == {row[0] for row in vocabularies.FORMATS}
    assert set(shipped.TARGET_GROUPS) == {row[0] for row in vocabularies.TARGET_GROUPS}
    assert set(shipped.LANGUAGES) == {code for code, _name in vocabularies.LANGUAGES}
    assert shipped.ORDER == tuple(CODES[1:])


@pytest.mark.parametrize("language", CODES)
def test_the_request_form_lists_the_vocabularies_in_the_readers_language(client, alice, language):
    alice.language = language
    alice.save(update_fields=["language"])
    client.force_login(alice)

    page = client.get(
        reverse("listings:listing-create", args=[ListingKind.REQUEST]),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert page.status_code == 200
    assert page.context["form"]["themes"].field.choices  # the field is there at all
    labels = [str(label) for _value, label in page.context["form"].fields["themes"].choices]
    assert GENDER_EQUALITY[language] in labels
    assert GENDER_EQUALITY[language] in page.text
    assert STUDY_VISIT[language] in page.text
    assert GERMAN[language] in page.text
    if language != "en":
        assert ">Gender equality<" not in page.text


def test_working_languages_are_listed_alphabetically_in_the_readers_language(client, alice):
    client.force_login(alice)
    alice.language = "pl"
    alice.save(update_fields=["language"])

    page = client.get(
        reverse("listings:listing-create", args=[ListingKind.REQUEST]), HTTP_ACCEPT_LANGUAGE="pl"
    )
    with translation.override("pl"):
        names = [str(label) for _value, label in page.context["form"].fields["languages"].choices]
    assert "Albański" in page.text

    # Polish order, not English: "Angielski" (English) first, "Łotewski"
    # (Latvian) among the L's, not after "Włoski" as a byte order would put it.
    assert names[0] == "Albański"
    assert names.index("Litewski") < names.index("Łotewski") < names.index("Maltański")
    assert names[-1] == "Włoski"


def test_the_browse_filters_offer_the_terms_in_the_readers_language(client, alice):
    alice.language = "fr"
    alice.save(update_fields=["language"])
    client.force_login(alice)

    page = client.get(reverse("listings:browse"), HTTP_ACCEPT_LANGUAGE="fr")

    assert page.status_code == 200
    assert ">Égalité entre les femmes et les hommes</option>" in page.text
    assert ">Visite d’étude</option>" in page.text


def test_a_reason_names_the_terms_in_the_readers_language():
    gender = Theme.objects.get(slug="gender-equality")
    green = Theme.objects.get(slug="green-skills")
    german = Language.objects.get(code="de")
    themes = reason(
        "themes", themes="Gender equality, Green skills", themes_ids=[gender.pk, green.pk]
    )
    languages = reason("languages", languages="German", languages_ids=[german.pk])

    with translation.override("fr"):
        # Alphabetical in French: "Égalité" after "Compétences", not after "Z".
        assert reason_text(themes).endswith(
            ": Compétences vertes, Égalité entre les femmes et les hommes"
        )
        assert reason_text(languages).endswith("allemand")
    with translation.override("sv"):
        assert reason_text(themes).endswith("Gröna färdigheter, Jämställdhet")
    # A reason stored before the ids, or naming a term deleted since: its words.
    assert reason_text(reason("themes", themes="Gender equality")).endswith("Gender equality")
    green.delete()
    with translation.override("fr"):
        assert reason_text(themes).endswith("Gender equality, Green skills")


@pytest.mark.parametrize(
    ("language", "theme"),
    [("fr", GENDER_EQUALITY["fr"]), ("de", GENDER_EQUALITY["de"])],
)
def test_the_match_email_names_the_shared_theme_in_the_recipients_language(
    case,
    secretariat,
    alice,
    mailoutbox,
    django_capture_on_commit_callbacks,
    language,
    theme,
):
    alice.language = language
    alice.save(update_fields=["language"])

    with django_capture_on_commit_callbacks(execute=True):
        match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)

    to_alice = next(m for m in mailoutbox if m.to == [alice.email])
    reasons = [line for line in to_alice.body.splitlines() if line.strip().startswith("·")]
    assert any(theme in line for line in reasons), reasons
    assert not any("Gender equality" in line for line in reasons), reasons
    html = to_alice.alternatives[0][0]
    assert theme in html


def test_the_secretariat_adds_a_term_with_its_names_per_language(secretariat_client):
    form = secretariat_client.get(reverse("admin:taxonomy_theme_add"))
    for code in CODES:
        assert f'name="name_{code}"' in form.text

    response = secretariat_client.post(
        reverse("admin:taxonomy_theme_add"),
        {
            "name_en": "Circular economy",
            "name_fr": "Économie circulaire",
            "name_de": "Kreislaufwirtschaft",
            "slug": "circular-economy",
            "description": "",
            "position": 20,
            "active": "on",
        },
    )

    assert response.status_code == 302, response.context["adminform"].errors
    theme = Theme.objects.get(slug="circular-economy")
    with translation.override("fr"):
        assert theme.name == "Économie circulaire"
    with translation.override("de"):
        assert theme.name == "Kreislaufwirtschaft"
    # Not translated yet: English, on the page and in the filters.
    with translation.override("it"):
        assert theme.name == "Circular economy"
    assert theme.name_it is None


def test_a_name_nobody_translated_reads_in_english_on_the_form(client, alice):
    Theme.objects.create(name_en="Circular economy", slug="circular-economy")
    alice.language = "it"
    alice.save(update_fields=["language"])
    client.force_login(alice)

    page = client.get(
        reverse("listings:listing-create", args=[ListingKind.REQUEST]), HTTP_ACCEPT_LANGUAGE="it"
    )
    assert "Circular economy" in page.text
    assert GENDER_EQUALITY["it"] in page.text


def test_saving_in_another_language_keeps_the_english_base_name():
    with translation.override("fr"):
        theme = Theme.objects.get(slug="gender-equality")
        theme.position = 3
        theme.save()
    assert Theme.objects.filter(name="Gender equality").rewrite(False).exists()


def test_translations_run_again_keep_the_secretariats_words():
    renamed = Theme.objects.get(slug="green-skills")
    renamed.name_en = "Green and digital transition"
    renamed.name_fr = None
    renamed.save()
    TargetGroup.objects.filter(slug="guidance-staff").update(name_fr="Psychologues de l’EN")

    shipped.add_translations(apps, None)

    renamed.refresh_from_db()
    # Renamed: the shipped French would name another thing; English stands in.
    assert renamed.name_fr is None
    with translation.override("fr"):
        assert renamed.name == "Green and digital transition"
    assert TargetGroup.objects.get(slug="guidance-staff").name_fr == "Psychologues de l’EN"


def test_the_vocabularies_come_back_in_every_language_after_a_flush():
    # What tests/conftest.py does after a transactional test emptied the tables.
    Theme.objects.all().delete()
    Language.objects.all().delete()

    importlib.import_module("taxonomy.migrations.0003_vocabularies").add_vocabularies(apps, None)
    shipped.add_translations(apps, None)

    for code in CODES:
        with translation.override(code):
            assert Theme.objects.get(slug="gender-equality").name == GENDER_EQUALITY[code]
            assert Language.objects.get(code="de").name == GERMAN[code]


def test_the_curation_filters_name_formats_and_languages_in_the_secretariats_language(
    secretariat, secretariat_client, case
):
    secretariat.language = "fr"
    secretariat.save(update_fields=["language"])
    url = reverse("admin:matchmaking_match_curate", args=[case.request.pk])

    page = secretariat_client.get(url, HTTP_ACCEPT_LANGUAGE="fr")

    languages = [str(label) for _value, label in page.context["filters"].fields["language"].choices]
    assert {"Anglais", "Catalan", "Français", "Suédois"} <= set(languages)
    assert languages[1:] == sorted_by_name(languages[1:])
    assert ">Observation en situation de travail (job shadowing) du personnel<" in page.text


def test_cards_detail_pages_and_the_teaser_name_the_themes_in_the_readers_language(client, alice):
    gender = Theme.objects.get(slug="gender-equality")
    listing = ListingFactory(themes=[gender])

    teaser = client.get(reverse("listings:browse"), HTTP_ACCEPT_LANGUAGE="ca")
    assert "<span>Igualtat de gènere</span>" in teaser.text

    alice.language = "es"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    cards = client.get(reverse("listings:browse"), HTTP_ACCEPT_LANGUAGE="es")
    detail = client.get(listing.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")
    assert ">Igualdad de género</span>" in cards.text
    assert "Igualdad de género" in detail.text
    assert "Gender equality" not in detail.text


def test_a_name_the_secretariat_corrects_shows_at_once_on_the_visitors_teaser(client):
    gender = Theme.objects.get(slug="gender-equality")
    ListingFactory(themes=[gender])
    before = client.get(reverse("listings:browse"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "<span>Égalité entre les femmes et les hommes</span>" in before.text

    gender.name_fr = "Égalité femmes-hommes"
    gender.save()

    after = client.get(reverse("listings:browse"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "<span>Égalité femmes-hommes</span>" in after.text
