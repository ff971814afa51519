"""What every form shares: unambiguous dates, European countries first, several
countries ticked without Ctrl-click, and uploads that survive a form error."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation
from django_countries import countries

from core.uploads import upload_keep, upload_take, uploads_forget_stale
from core.widgets import CountryCheckboxes
from listings.models import Listing
from tests.factories import NotificationFactory, OfferFactory, image_file

pytestmark = pytest.mark.django_db

MIDNIGHT_PAST = datetime.datetime(2026, 12, 1, 0, 33, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 Dec 2026, 01:33"),
        ("fr", "1 déc 2026, 01:33"),
        ("es", "1 dic 2026, 01:33"),
        ("sv", "1 dec 2026, 01:33"),
    ],
)
def test_dates_read_the_same_way_in_every_language(language, expected):
    # 00:33 UTC is 01:33 in Brussels; the month is named, never numbered.
    template = Template('{{ when|date:"SHORT_DATETIME_FORMAT" }} | {{ when|date }}')
    with translation.override(language), timezone.override("Europe/Brussels"):
        text = template.render(Context({"when": MIDNIGHT_PAST}))
    assert text == f"{expected} | {expected.split(',')[0]}"


def test_the_inbox_dates_its_notifications_unambiguously(alice_client, alice):
    notification = NotificationFactory(recipient=alice)
    type(notification).objects.filter(pk=notification.pk).update(created_at=MIDNIGHT_PAST)
    text = alice_client.get("/inbox/").text
    assert "1 Dec 2026, 01:33" in text
    assert "12/01/2026" not in text


def test_email_dates_kept_as_iso_show_in_the_readers_language():
    template = Template("{% load dates %}{{ value|day }}")
    with translation.override("fr"):
        assert template.render(Context({"value": "2026-12-01"})) == "1 déc 2026"
    assert template.render(Context({"value": "soon"})) == "soon"


def test_country_choices_put_the_partnerships_european_countries_first():
    codes = [code for code, _name in countries]
    separator = codes.index("")
    european = set(codes[:separator])
    assert {"SE", "FR", "ES", "NO", "TR", "GB"} <= european
    assert "AQ" not in european and "US" not in european
    assert {"AQ", "US", "JP"} <= set(codes[separator:])  # the rest stays reachable


class PreferredCountriesForm(forms.ModelForm):
    class Meta:
        model = Listing
        fields = ["preferred_countries"]
        widgets = {"preferred_countries": CountryCheckboxes}


def test_preferred_countries_are_checkboxes_the_others_folded_away():
    html = str(PreferredCountriesForm()["preferred_countries"])
    assert "<select" not in html
    assert 'type="checkbox" name="preferred_countries" value="SE"' in html
    europe, others = html.split("<details", 1)
    assert 'value="FI"' in europe and 'value="FI"' not in others
    assert 'value="JP"' in others
    assert '<details class="mb-2">' in html  # closed: nothing ticked there


def test_a_ticked_faraway_country_keeps_its_group_open_and_named():
    form = PreferredCountriesForm(data={"preferred_countries": ["SE", "JP"]})
    assert form.is_valid()
    assert form.cleaned_data["preferred_countries"] == ["SE", "JP"]
    html = str(form["preferred_countries"])
    assert '<details class="mb-2" open>' in html
    assert "Other countries (Japan)" in html


def test_a_kept_upload_is_given_back_once():
    token = upload_keep(image_file("logo.png"))
    upload = upload_take(token)
    assert upload.name == "logo.png"
    assert upload.content_type == "image/png"
    assert upload.read().startswith(b"\x89PNG")
    assert upload_take(token) is None


def test_a_forged_or_foreign_kept_upload_token_gives_nothing():
    assert upload_take("kept-uploads/anything.png") is None
    assert upload_take("") is None


def test_kept_uploads_nobody_came_back_for_are_forgotten():
    token = upload_keep(image_file("old.png"))
    assert uploads_forget_stale(now=timezone.now()) == 0
    tomorrow = timezone.now() + datetime.timedelta(days=2)
    assert uploads_forget_stale(now=tomorrow) >= 1
    assert upload_take(token) is None


def test_a_listing_page_names_the_months_as_its_readers_language_writes_them(alice_client):
    # Every page's dates follow the language's formats (earlall_rsp/formats), never
    # a pattern of their own that capitalises "Déc" in the middle of a French line.
    listing = OfferFactory(
        earliest_start=datetime.date(2027, 12, 6), latest_end=datetime.date(2027, 12, 20)
    )
    alice_client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    text = alice_client.get(listing.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").text
    assert "6 déc 2027 – 20 déc 2027" in text
    assert "Déc" not in text
