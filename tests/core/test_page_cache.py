"""Visitors' public pages come from the shared cache until what they show changes."""

import pytest
from django.test import Client

from core import pagecache
from core.counts import generation
from members.models import Membership
from members.services import colleague_remove
from tests.factories import (
    CaseStudyTestimonialFactory,
    LessonFactory,
    OrganisationFactory,
    PhotoFactory,
    PublishedCaseStudyFactory,
    RequestFactory,
)

pytestmark = pytest.mark.django_db

PAGES = ["/", "/case-studies/", "/members/", "/listings/"]


@pytest.mark.parametrize("url", PAGES)
def test_a_visitors_page_is_served_again_without_a_query(
    client, boras, url, django_assert_max_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(0):
        again = client.get(url)
    assert again.status_code == 200
    assert (
        again.content.split(b"csrfmiddlewaretoken")[0]
        == first.content.split(b"csrfmiddlewaretoken")[0]
    )


def test_the_case_study_list_and_page_show_a_new_case_study_at_once(client, boras):
    study = PublishedCaseStudyFactory(title="Green skills in Borås")
    assert "Green skills in Borås" in client.get("/case-studies/").text
    assert "Inclusion in Tyrol" not in client.get("/case-studies/").text
    PublishedCaseStudyFactory(title="Inclusion in Tyrol")
    assert "Inclusion in Tyrol" in client.get("/case-studies/").text
    client.get(study.get_absolute_url())
    study.title = "Green skills in Borås, revised"
    study.save(update_fields=["title"])
    assert "Green skills in Borås, revised" in client.get(study.get_absolute_url()).text


def test_the_directory_shows_a_new_member_at_once(client, boras):
    client.get("/members/")
    OrganisationFactory(name="Tyrol Apprenticeship Academy", country="AT")
    assert "Tyrol Apprenticeship Academy" in client.get("/members/").text


def test_each_visitor_gets_their_own_csrf_token_on_a_kept_page(boras):
    first, second = Client(), Client()
    first.get("/")
    page = second.get("/")
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert "__csrf_token" not in page.text
    # The language switcher posts with this visitor's token, from their cookie.
    second_csrf = Client(enforce_csrf_checks=True)
    second_csrf.cookies = second.cookies
    answer = second_csrf.post(
        "/i18n/setlang/", {"language": "fr", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302


def test_a_signed_in_persons_page_is_not_kept_for_visitors(client, alice):
    client.force_login(alice)
    assert alice.full_name in client.get("/").text
    client.logout()
    assert alice.full_name not in client.get("/").text


def test_unknown_query_parameters_are_not_kept(client, boras, django_assert_max_num_queries):
    client.get("/members/?utm_source=x")
    response = client.get("/members/?utm_source=x")
    assert response.status_code == 200
    client.get("/members/?country=SE")
    with django_assert_max_num_queries(0):
        client.get("/members/?country=SE")


def test_pages_are_kept_per_language(client, boras):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").text
    assert french != english


@pytest.fixture
def kept_in_the_process(settings):
    settings.PAGE_CACHE_LOCAL_MS = 60_000
    yield
    pagecache._local.update(generation=None, until=0.0, pages={})


def test_a_process_serves_a_page_it_keeps_without_asking_the_shared_cache(
    client, boras, kept_in_the_process, monkeypatch
):
    first = client.get("/members/")
    assert client.get("/members/").status_code == 200  # now kept in this process

    def unreachable(*args, **kwargs):
        raise AssertionError("asked the shared cache")

    monkeypatch.setattr(pagecache.cache, "get_many", unreachable)
    again = client.get("/members/")
    assert again.text.split("csrfmiddlewaretoken")[0] == first.text.split("csrfmiddlewaretoken")[0]


def test_a_process_shows_its_own_change_at_once_even_with_pages_kept(
    client, boras, kept_in_the_process
):
    client.get("/members/")
    client.get("/members/")
    OrganisationFactory(name="Tyrol Apprenticeship Academy", country="AT")
    assert "Tyrol Apprenticeship Academy" in client.get("/members/").text


@pytest.fixture
def kept_case_study(client, boras):
    """A published case study whose page a visitor has just been served (and so kept)."""
    study = PublishedCaseStudyFactory(title="Green skills in Borås")
    assert client.get(study.get_absolute_url()).status_code == 200
    return study


def test_a_lesson_changed_alone_shows_at_once_on_the_kept_case_study(client, kept_case_study):
    lesson = LessonFactory(case_study=kept_case_study, text="Plan the visits with the schools")
    assert "Plan the visits with the schools" in client.get(kept_case_study.get_absolute_url()).text
    lesson.text = "Plan the visits with the employers"
    lesson.save()
    page = client.get(kept_case_study.get_absolute_url()).text
    assert "Plan the visits with the employers" in page
    lesson.delete()
    assert "Plan the visits" not in client.get(kept_case_study.get_absolute_url()).text


def test_a_testimonial_changed_alone_shows_at_once_on_the_kept_case_study(client, kept_case_study):
    testimonial = CaseStudyTestimonialFactory(
        case_study=kept_case_study, quote="We learnt more than we taught."
    )
    assert "We learnt more than we taught." in client.get(kept_case_study.get_absolute_url()).text
    testimonial.quote = "We will come back next year."
    testimonial.save()
    assert "We will come back next year." in client.get(kept_case_study.get_absolute_url()).text


def test_a_photo_changed_alone_shows_at_once_on_the_kept_case_study(client, kept_case_study):
    photo = PhotoFactory(case_study=kept_case_study, caption="The welding workshop")
    assert "The welding workshop" in client.get(kept_case_study.get_absolute_url()).text
    photo.caption = "The carpentry workshop"
    photo.save()
    assert "The carpentry workshop" in client.get(kept_case_study.get_absolute_url()).text
    photo.delete()
    assert "carpentry workshop" not in client.get(kept_case_study.get_absolute_url()).text


def test_removing_a_colleague_who_was_a_listings_contact_starts_new_counts(boras, alice, bob):
    listing = RequestFactory(organisation=boras, contact=bob, status="open")
    before = generation()
    colleague_remove(membership=Membership.objects.get(user=bob, organisation=boras), by=alice)
    listing.refresh_from_db()
    assert listing.contact is None
    assert generation() != before
