"""Match reasons render whatever their age: the one format the matcher stores,
the sentences the first demo data stored, and shapes nobody planned for."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from matchmaking.reasons import as_reasons, note, reason, reason_text, reasons_marked
from notifications.emails import render
from notifications.models import Notification
from tests.factories import MatchFactory, MatchPartyFactory

old = importlib.import_module("matchmaking.migrations.0006_reasons_in_one_format")


def test_a_reason_reads_as_a_sentence_in_the_readers_language():
    item = reason("dates", start="2024-12-09", end="2024-12-14")
    assert reason_text(item) == "dates overlap 9–14 December"
    with translation.override("fr"):
        assert reason_text(reason("no_language", fit=False)) != "no shared language"


@pytest.mark.django_db
def test_a_shared_language_is_named_as_the_readers_language_writes_it_in_a_sentence():
    from taxonomy.models import Language

    english = Language.objects.get(code="en")
    item = reason("languages", languages="English", languages_ids=[english.pk])
    with translation.override("fr"):
        assert reason_text(item) == "langue commune\xa0: anglais"
    with translation.override("de"):
        assert reason_text(item) == "gemeinsame Sprache: Englisch"


@pytest.mark.parametrize(
    ("item", "text"),
    [
        ("Offers to host a study visit", "Offers to host a study visit"),
        (
            note("Dates overlap: October to December 2024"),
            "Dates overlap: October to December 2024",
        ),
        ({"code": "themes", "params": {}}, "both work on …"),
        ({"code": "themes"}, "both work on …"),
        ({"code": "themes", "params": "Gender equality"}, "both work on …"),
        ({"code": "dates", "params": {"start": "December", "end": "2024"}}, "dates overlap …"),
        ({"code": "concepts", "params": {"concepts": ["not-a-concept"]}}, None),
        ({"code": "from_a_newer_version", "params": {}}, "from a newer version"),
        ({"code": "from_a_newer_version", "params": {"text": "Said so"}}, "Said so"),
        ({"text": "No code at all"}, "No code at all"),
        ({}, ""),
        (None, ""),
        (42, ""),
        (["nested"], ""),
    ],
)
def test_a_reason_of_any_shape_renders_without_raising(item, text):
    result = reason_text(item)
    assert isinstance(result, str)
    if text is not None:
        assert result == text


def test_reasons_marked_keep_the_mismatches_and_skip_what_holds_no_reason():
    stored = [reason("no_themes", fit=False), "Theme in common: Gender equality", None, 3]
    assert reasons_marked(stored) == [
        ("no shared theme", False),
        ("Theme in common: Gender equality", True),
    ]
    assert as_reasons("one sentence") == [note("one sentence")]
    assert reasons_marked("not a list") == [("not a list", True)]


@pytest.mark.django_db
def test_a_match_whose_reasons_are_old_sentences_opens_for_its_parties(client, alice, boras):
    match = MatchFactory()
    MatchPartyFactory(match=match, organisation=boras, reasons=["Offers to host a study visit"])
    MatchPartyFactory(
        match=match,
        reasons=[{"code": "themes", "params": {}}, {"code": "retired"}, 7],
    )
    client.force_login(alice)

    response = client.get(reverse("matchmaking:detail", args=[match.pk]))

    assert response.status_code == 200
    assert "Offers to host a study visit" in response.text
    assert "both work on …" in response.text


@pytest.mark.django_db
def test_the_migration_turns_old_sentences_into_notes_and_keeps_the_rest():
    party = MatchPartyFactory(reasons=["Theme in common: Gender equality", reason("interest")])
    untouched = MatchPartyFactory(reasons=[reason("different_country")])
    email = Notification.objects.create(
        kind="match_confirmed",
        email="claire@example.org",
        context={"partners": [{"organisation": "Borås", "reasons": ["Dates overlap"]}]},
    )

    old.convert(apps, None)

    party.refresh_from_db()
    untouched.refresh_from_db()
    email.refresh_from_db()
    assert party.reasons == [note("Theme in common: Gender equality"), reason("interest")]
    assert untouched.reasons == [reason("different_country")]
    assert email.context["partners"][0]["reasons"] == [note("Dates overlap")]


def test_a_match_email_says_reasons_of_either_age_in_the_recipients_language():
    context = {
        "name": "Claire",
        "organisation": "Centre-Val de Loire",
        "role": "requester",
        "request_reference": "REQ-1",
        "request_title": "Gender equality",
        "message": "",
        "partners": [
            {
                "organisation": "Borås",
                "country": "Sweden",
                "role": "host",
                "contacts": [],
                "reasons": [
                    "Offers to host a study visit",
                    reason("dates", start="2024-12-09", end="2024-12-14"),
                ],
            }
        ],
        "match_url": "http://127.0.0.1:8000/matches/1/",
        "accept_url": "http://127.0.0.1:8000/matches/1/#answer",
        "decline_url": "http://127.0.0.1:8000/matches/1/#decline",
    }

    _, text, html = render("match_confirmed", context, "en")
    _, text_fr, _ = render("match_confirmed", context, "fr")

    assert "· Offers to host a study visit" in text
    assert "· dates overlap 9–14 December" in text
    assert "<li>dates overlap 9–14 December</li>" in html
    assert "décembre" in text_fr


def test_who_hosts_whom_reads_from_the_readers_side_in_the_forms_words():
    # Issue 12: the role was read backwards; the reasons now say what each side
    # does in the words of the listing form ("host visitors", "send participants
    # abroad"), and "you" is whoever reads.
    item = reason("hosting", host="Borås", host_id=1, guest="Centre-Val de Loire", guest_id=2)
    assert reason_text(item, readers=[1]) == "you would host visitors from Centre-Val de Loire"
    assert reason_text(item, readers=[2]) == (
        "Borås can host visitors; you would send participants there"
    )
    assert reason_text(item) == "Borås would host visitors from Centre-Val de Loire"


def test_a_co_participant_reads_that_it_sends_alongside_the_requester():
    item = reason(
        "co_participant",
        organisation="Escola del Treball",
        organisation_id=3,
        requester="Centre-Val de Loire",
        requester_id=2,
    )
    assert reason_text(item, readers=[3]) == (
        "you would send participants abroad alongside Centre-Val de Loire, with another host"
    )
    assert reason_text(item, readers=[2]) == (
        "Escola del Treball would send participants abroad alongside you, with another host"
    )
    assert "alongside Centre-Val de Loire" in reason_text(item)
    # A reason stored before the requester was named keeps its first wording.
    old_reason = reason("co_participant", organisation="Escola del Treball")
    assert reason_text(old_reason) == (
        "Escola del Treball would take part alongside you, with another host"
    )


def test_a_track_record_of_one_exchange_reads_in_the_singular():
    assert reason_text(reason("track_record", exchanges=1, rating=None)) == (
        "1 completed exchange on these themes"
    )
    assert reason_text(reason("track_record", exchanges=3, rating=4.5)) == (
        "3 completed exchanges on these themes, rated 4.5/5 by partners"
    )


def test_members_read_no_similarity_figure_and_a_weak_one_is_not_called_related():
    assert reason_text(reason("text_related", similarity=0.32)) == "the descriptions are related"
    assert reason_text(reason("text_related", similarity=0.05)) == (
        "the descriptions have little in common"
    )
    assert reason_text(reason("text_close", similarity=0.71)) == (
        "the descriptions speak of the same thing"
    )


def test_the_secretariats_curation_keeps_the_similarity_figure():
    marked = reasons_marked([reason("text_related", similarity=0.32)], figures=True)
    assert marked == [("the descriptions are related (similarity 0.32)", True)]


def test_the_concepts_of_a_text_are_remembered_by_its_digest_and_bounded(monkeypatch):
    from matchmaking import concepts

    monkeypatch.setattr(concepts, "REMEMBERED", 2)
    monkeypatch.setattr(concepts, "_remembered", concepts.OrderedDict())
    text = "Apprentices in construction: gender equality in guidance."
    first = concepts.concepts_in(text)
    assert first and concepts.concepts_in(text) is first
    concepts.concepts_in("Heat pumps for installers.")
    concepts.concepts_in("Hospitality and tourism placements.")
    assert len(concepts._remembered) == 2
    assert all(isinstance(key, bytes) and len(key) == 16 for key in concepts._remembered)
    assert concepts.concepts_in(text) == first
