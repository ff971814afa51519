"""A listing records the language it is written in, and readers of another
language see it named, with `lang` on the text for their screen reader."""

import importlib

import pytest
from django.apps import apps

from core.language import language_detect
from listings.models import Listing
from tests.factories import RequestFactory

pytestmark = pytest.mark.django_db

# Short descriptions as members write them, one per language.
DESCRIPTIONS = {
    "fi": "Etsimme kumppania opintovierailulle, jossa tutustutaan työpaikalla tapahtuvaan "
    "oppimiseen ammatillisessa koulutuksessa.",
    "pl": "Szukamy partnera do wizyty studyjnej dotyczącej kształcenia zawodowego w miejscu "
    "pracy dla nauczycieli szkół zawodowych.",
    "nl": "Wij zoeken een partner voor een studiebezoek over werkplekleren in het middelbaar "
    "beroepsonderwijs.",
    "ca": "Busquem un soci per a una visita d'estudi sobre la formació dual i l'orientació "
    "professional de les noies.",
    "it": "Cerchiamo un partner per una visita di studio sull'apprendimento duale nelle scuole "
    "professionali del Trentino.",
    "fr": "Nous cherchons un partenaire pour un échange sur l'égalité entre les femmes et les "
    "hommes dans les services d'orientation.",
    "es": "Buscamos un socio para una visita de estudio sobre la formación profesional dual en "
    "empresas del sector industrial.",
    "de": "Wir suchen einen Partner für einen Studienbesuch zur dualen Berufsausbildung in "
    "Handwerksbetrieben.",
    "sv": "Vi söker en partner för ett studiebesök om arbetsplatsförlagt lärande inom "
    "yrkesutbildningen.",
    "pt": "Procuramos um parceiro para uma visita de estudo sobre aprendizagem em contexto de "
    "trabalho no ensino profissional.",
    "en": "We are looking for a partner for a study visit on work-based learning in vocational "
    "schools.",
}


@pytest.mark.parametrize("code", sorted(DESCRIPTIONS))
def test_language_detect_names_the_language_of_a_short_description(code):
    assert language_detect(DESCRIPTIONS[code]) == code


def test_language_detect_says_nothing_of_a_few_words():
    assert language_detect("Study visit") == ""
    assert language_detect("") == ""


def post(client, data, url="/listings/new/request/", action="save"):
    return client.post(url, {**data, "action": action})


def test_listing_created_in_italian_records_italian(charlie_client, request_data):
    italian = {**request_data, "title": "Visita di studio", "description": DESCRIPTIONS["it"]}
    post(charlie_client, {**italian, "language": ""})
    assert Listing.objects.get().language == "it"


def test_listing_language_chosen_by_the_member_wins_over_detection(charlie_client, request_data):
    spanish = {**request_data, "title": "Visita de estudio", "description": DESCRIPTIONS["es"]}
    post(charlie_client, {**spanish, "language": "ca"})
    assert Listing.objects.get().language == "ca"


def test_listing_form_offers_the_detected_language_when_editing(
    charlie_client, charlie, centre_val_de_loire
):
    listing = RequestFactory(organisation=centre_val_de_loire, contact=charlie, language="nl")
    page = charlie_client.get(f"/listings/{listing.reference}/edit/")
    assert '<option value="nl" selected>Dutch</option>' in page.text


def test_listing_rewritten_in_another_language_is_detected_again(
    charlie_client, charlie, centre_val_de_loire, request_data
):
    listing = RequestFactory(
        organisation=centre_val_de_loire, contact=charlie, language="fr", status="draft"
    )
    polish = {**request_data, "description": DESCRIPTIONS["pl"], "language": "fr"}
    post(charlie_client, polish, url=f"/listings/{listing.reference}/edit/")
    listing.refresh_from_db()
    assert listing.language == "pl"


def test_listing_in_another_language_is_labelled_for_the_reader(alice_client, centre_val_de_loire):
    listing = RequestFactory(
        organisation=centre_val_de_loire,
        title="Visita di studio sull'apprendimento duale",
        description=DESCRIPTIONS["it"],
        language="it",
    )
    page = alice_client.get(listing.get_absolute_url())
    assert "Written in Italian" in page.text
    assert '<h1 lang="it">' in page.text
    assert 'data-testid="listing-description" lang="it"' in page.text
    assert "listing-translate" not in page.text  # no translation service configured

    browse = alice_client.get("/listings/")
    assert "Written in Italian" in browse.text
    assert 'lang="it">Visita di studio' in browse.text


def test_listing_language_is_named_in_the_readers_language(alice, client, centre_val_de_loire):
    alice.language = "fr"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    listing = RequestFactory(organisation=centre_val_de_loire, language="it")
    page = client.get(listing.get_absolute_url())
    # Within a sentence, French writes a language's name in lower case.
    assert "Rédigé en italien" in page.text


def test_listing_in_the_readers_language_has_no_label(alice_client, centre_val_de_loire):
    listing = RequestFactory(organisation=centre_val_de_loire, language="en")
    page = alice_client.get(listing.get_absolute_url())
    assert 'data-testid="listing-language"' not in page.text
    assert '<h1 lang="en">' in page.text


def test_listing_translate_link_only_where_a_service_is_configured(
    alice_client, centre_val_de_loire, settings
):
    settings.LISTING_TRANSLATE_URL = "https://translate.example/?sl={source}&tl={target}&q={text}"
    listing = RequestFactory(
        organisation=centre_val_de_loire, title="Visita di studio", language="it"
    )
    page = alice_client.get(listing.get_absolute_url())
    assert (
        'href="https://translate.example/?sl=it&amp;tl=en&amp;q=Visita%20di%20studio' in page.text
    )
    assert "Translate into English" in page.text


def test_existing_listings_get_their_language_from_the_backfill(centre_val_de_loire):
    finnish = RequestFactory(organisation=centre_val_de_loire, description=DESCRIPTIONS["fi"])
    chosen = RequestFactory(organisation=centre_val_de_loire, language="ca")
    Listing.objects.filter(pk=finnish.pk).update(language="")
    backfill = importlib.import_module("listings.migrations.0005_listing_language_backfill")

    backfill.detect_languages(apps, None)

    finnish.refresh_from_db()
    chosen.refresh_from_db()
    assert (finnish.language, chosen.language) == ("fi", "ca")


def admin_post(client, listing, **changes):
    """The listing's admin change form posted back as it is shown, with `changes`."""
    url = f"/admin/listings/listing/{listing.pk}/change/"
    page = client.get(url)
    form = page.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is not None:
            data[name] = getattr(value, "pk", value)
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {management.add_prefix(k): v for k, v in management.initial.items()}
    return client.post(url, {**data, **changes})


def test_the_secretariat_rewrites_a_listing_in_the_admin_and_its_language_is_detected_again(
    secretariat_client, centre_val_de_loire
):
    listing = RequestFactory(organisation=centre_val_de_loire, language="en")

    response = admin_post(secretariat_client, listing, description=DESCRIPTIONS["de"])
    assert response.status_code == 302, response.context["adminform"].form.errors
    listing.refresh_from_db()
    assert listing.language == "de"

    # Corrected by hand, the language stays as chosen.
    admin_post(secretariat_client, listing, language="lb")
    listing.refresh_from_db()
    assert listing.language == "lb"
