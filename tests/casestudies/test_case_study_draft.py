"""Completing an exchange starts a case-study draft that its organisations'
members write together; nobody else sees it."""

import pytest

from casestudies import models as casestudies
from casestudies.services import case_study_create_draft
from tests.factories import (
    CaseStudyFactory,
    MembershipFactory,
    OrganisationFactory,
    PublishedCaseStudyFactory,
    UserFactory,
    exchange_between,
)
from tests.otp import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def escola(db):
    return OrganisationFactory(name="Institut Escola del Treball", country="ES", city="Barcelona")


@pytest.fixture
def exchange(boras, centre_val_de_loire, escola):
    return exchange_between(
        host=boras,
        sender=centre_val_de_loire,
        participating=[escola],
        status="completed",
        participants_total=8,
        fewer_opportunities=1,
        staff=8,
        learners=0,
    )


@pytest.fixture
def draft(exchange):
    return case_study_create_draft(exchange=exchange)


def test_draft_starts_from_what_the_tool_knows(draft):
    assert draft.title == "Advancing Gender Equality in Education Exchange"
    assert draft.status == "draft"
    assert "Centre-Val de Loire Region - Service Orientation submitted a request" in draft.story
    assert "exchange on gender equality in education and guidance services" in draft.story
    assert "Borås (Sweden) from 9 December 2024 to 14 December 2024" in draft.story
    assert "hosted by Working Life Department of the municipality of Borås" in draft.story
    assert "Institut Escola del Treball" in draft.story
    assert "8 people took part, 1 of them with fewer opportunities" in draft.story
    assert "gender equality" in draft.summary


def test_a_second_draft_for_the_same_exchange_is_the_same_one(exchange, draft):
    assert case_study_create_draft(exchange=exchange) == draft
    assert casestudies.CaseStudy.objects.count() == 1


def test_draft_slug_never_shadows_the_feed(boras, centre_val_de_loire):
    exchange = exchange_between(host=boras, sender=centre_val_de_loire, title="Feed")
    assert case_study_create_draft(exchange=exchange).slug == "feed-2"


def test_draft_is_hidden_from_visitors_and_other_members(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    outsider = UserFactory()
    MembershipFactory(user=outsider, organisation=OrganisationFactory())
    client.force_login(outsider)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/case-studies/{draft.slug}/edit/").status_code == 404
    assert client.get(f"/case-studies/{draft.slug}/print/").status_code == 404


def test_draft_is_visible_to_its_organisations_and_the_secretariat(
    alice_client, draft, secretariat, client
):
    response = alice_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Edit the draft" in response.text
    verified_login(client, secretariat)
    assert client.get(draft.get_absolute_url()).status_code == 200


def edit_data(draft, **overrides):
    data = {
        "title": draft.title,
        "summary": "Borås hosted a week on gender inclusion in VET.",
        "story": "The exchange focused on the role of public institutions.",
        "next_steps": "A three-way international mobility project.",
        "lessons-TOTAL_FORMS": 2,
        "lessons-INITIAL_FORMS": 0,
        "lessons-0-audience": "host",
        "lessons-0-text": "Hosting fosters positive energy and engagement",
        "lessons-0-position": 1,
        "lessons-1-audience": "participants",
        "lessons-1-text": "School leadership is crucial for gender inclusion.",
        "lessons-1-position": 1,
        "testimonials-TOTAL_FORMS": 1,
        "testimonials-INITIAL_FORMS": 0,
        "testimonials-0-quote": "My expectations have been more than satisfied.",
        "testimonials-0-person_name": "Albert Peiró Mateu",
        "testimonials-0-person_role": "Head of Studies",
        "testimonials-0-organisation_name": "Escola del Treball (Catalonia, Spain)",
        "testimonials-0-position": 0,
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def test_members_of_two_organisations_write_the_draft_together(
    alice_client, client, charlie, draft
):
    response = alice_client.post(f"/case-studies/{draft.slug}/edit/", edit_data(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.next_steps == "A three-way international mobility project."
    assert draft.lessons.count() == 2
    assert casestudies.Testimonial.objects.get().person_name == "Albert Peiró Mateu"

    client.force_login(charlie)
    data = edit_data(draft, next_steps="A three-way project with Catalonia.")
    data.update({"lessons-TOTAL_FORMS": 0, "testimonials-TOTAL_FORMS": 0})
    response = client.post(f"/case-studies/{draft.slug}/edit/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.next_steps == "A three-way project with Catalonia."
    assert draft.lessons.count() == 2
    assert draft.history.first().history_user == charlie


def test_an_incomplete_testimonial_is_refused_and_nothing_changes(alice_client, draft):
    story = draft.story
    data = edit_data(draft, story="Changed", **{"testimonials-0-person_name": ""})
    response = alice_client.post(f"/case-studies/{draft.slug}/edit/", data)
    assert response.status_code == 200
    assert "This field is required." in response.text
    draft.refresh_from_db()
    assert draft.story == story
    assert not casestudies.Lesson.objects.exists()
    assert not casestudies.Testimonial.objects.exists()


def test_a_published_case_study_is_no_longer_edited_by_members(alice_client, exchange):
    published = PublishedCaseStudyFactory(exchange=exchange)
    response = alice_client.post(f"/case-studies/{published.slug}/edit/", edit_data(published))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.next_steps == ""


def test_editor_needs_sign_in(client, exchange):
    draft = CaseStudyFactory(exchange=exchange)
    response = client.get(f"/case-studies/{draft.slug}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_draft_summary_names_the_format_as_the_taxonomy_writes_it(boras, centre_val_de_loire):
    from tests.factories import FormatFactory, exchange_between

    exchange = exchange_between(
        host=boras,
        sender=centre_val_de_loire,
        status="completed",
        format=FormatFactory(name="VET learner mobility (short-term)", max_days=89),
    )
    draft = case_study_create_draft(exchange=exchange)
    assert draft.summary == "VET learner mobility (short-term) in Borås on gender equality."
