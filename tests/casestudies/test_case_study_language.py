"""A case study records the language it is written in, detected as a listing's
is; the secretariat corrects it; readers of another language see it named, with
`lang` on the text for their screen reader."""

import importlib

import pytest
from django.apps import apps

from casestudies.models import CaseStudy
from casestudies.services import case_study_create_draft
from tests.factories import PublishedCaseStudyFactory, exchange_between

pytestmark = pytest.mark.django_db

SWEDISH = {
    "title": "Jämställdhet i studie- och yrkesvägledningen",
    "summary": "Borås tog emot en studievecka om jämställd vägledning i yrkesutbildningen.",
    "story": "Under veckan besökte gästerna skolor och arbetsplatser i Borås och diskuterade "
    "hur vägledningen kan bryta könsmönster i yrkesvalen.",
}


@pytest.fixture
def exchange(boras, centre_val_de_loire):
    return exchange_between(host=boras, sender=centre_val_de_loire, status="completed")


def edit_data(case_study, **text):
    data = {"title": case_study.title, "summary": case_study.summary, "story": case_study.story}
    data.update(text)
    for prefix in ("lessons", "testimonials", "photos"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data


def test_a_draft_records_the_language_it_is_written_in(exchange):
    draft = case_study_create_draft(exchange=exchange)
    assert draft.language == "en"


def test_members_rewriting_the_draft_in_swedish_change_its_language(alice_client, exchange):
    draft = case_study_create_draft(exchange=exchange)
    response = alice_client.post(f"/case-studies/{draft.slug}/edit/", edit_data(draft, **SWEDISH))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.language == "sv"


def admin_change(client, case_study, **fields):
    data = edit_data(case_study, **fields)
    data |= {"exchange": case_study.exchange_id, "slug": case_study.slug}
    data.setdefault("language", case_study.language)
    return client.post(f"/admin/casestudies/casestudy/{case_study.pk}/change/", data)


def test_the_secretariat_corrects_the_language_and_a_new_text_is_detected_again(
    secretariat_client, exchange
):
    case_study = PublishedCaseStudyFactory(exchange=exchange, language="en")
    page = secretariat_client.get(f"/admin/casestudies/casestudy/{case_study.pk}/change/")
    assert 'name="language"' in page.text

    response = admin_change(secretariat_client, case_study, language="ca")
    assert response.status_code == 302, response.context["adminform"].form.errors
    case_study.refresh_from_db()
    assert case_study.language == "ca"

    response = admin_change(secretariat_client, case_study, **SWEDISH)
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.language == "sv"


def test_a_reader_of_another_language_is_told_and_the_text_carries_its_lang(client, exchange):
    case_study = PublishedCaseStudyFactory(exchange=exchange, language="sv", **SWEDISH)

    page = client.get(case_study.get_absolute_url(), headers={"accept-language": "fr"})
    assert 'data-testid="case-study-language"' in page.text
    assert "Rédigé en suédois" in page.text
    assert f'<h1 lang="sv">{SWEDISH["title"]}</h1>' in page.text
    listing = client.get("/case-studies/", headers={"accept-language": "fr"})
    assert f'lang="sv">{SWEDISH["title"]}</a>' in listing.text


def test_a_reader_of_the_same_language_sees_no_label(client, exchange):
    case_study = PublishedCaseStudyFactory(exchange=exchange, language="en")
    page = client.get(case_study.get_absolute_url())
    assert 'data-testid="case-study-language"' not in page.text
    assert '<h1 lang="en">' in page.text


def test_existing_case_studies_get_their_language_from_the_backfill(exchange):
    swedish = PublishedCaseStudyFactory(exchange=exchange, **SWEDISH)
    CaseStudy.objects.filter(pk=swedish.pk).update(language="")
    backfill = importlib.import_module("casestudies.migrations.0007_case_study_language_backfill")

    backfill.detect_languages(apps, None)

    swedish.refresh_from_db()
    assert swedish.language == "sv"
