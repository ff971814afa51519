"""Anyone browses published case studies: filters, cards, detail, feed, print."""

import datetime
import re

import pytest

from tests.factories import (
    CaseStudyFactory,
    CaseStudyTestimonialFactory,
    ExchangeParticipantsFactory,
    FormatFactory,
    LessonFactory,
    OrganisationFactory,
    PhotoFactory,
    PublishedCaseStudyFactory,
    TargetGroupFactory,
    ThemeFactory,
    exchange_between,
)

pytestmark = pytest.mark.django_db


def published(n=1, *, themes=None, **exchange_fields):
    studies = []
    for _ in range(n):
        exchange = exchange_between(
            host=OrganisationFactory(),
            sender=OrganisationFactory(),
            status="completed",
            themes=themes,
            **exchange_fields,
        )
        studies.append(PublishedCaseStudyFactory(exchange=exchange))
    return studies


def full_case_study(**fields):
    """A case study with everything its page shows, to count queries honestly."""
    (case_study,) = published(1, **fields)
    for audience in ["host", "participants"]:
        LessonFactory.create_batch(3, case_study=case_study, audience=audience)
    CaseStudyTestimonialFactory.create_batch(3, case_study=case_study)
    PhotoFactory.create_batch(2, case_study=case_study)
    ExchangeParticipantsFactory(exchange=case_study.exchange)
    return case_study


def test_visitors_see_published_case_studies_only(client):
    (shown,) = published(1)
    hidden = CaseStudyFactory(title="A draft nobody sees")
    response = client.get("/case-studies/")
    assert response.status_code == 200
    assert shown.title in response.text
    assert shown.summary in response.text
    assert hidden.title not in response.text


def test_case_study_cards_show_a_photo_with_its_alt_text(client):
    case_study = full_case_study()
    response = client.get("/case-studies/")
    assert 'alt="Participants in a workshop of a VET school"' in response.text
    assert case_study.get_absolute_url() in response.text


def test_case_studies_filter_by_theme_format_country_group_year_and_text(client):
    (match,) = published(
        1,
        themes=[ThemeFactory(name="Green skills")],
        format=FormatFactory(name="Peer-learning activity"),
        country="IT",
        city="Bologna",
        start_date=datetime.date(2023, 5, 2),
        end_date=datetime.date(2023, 5, 5),
    )
    match.title = "Greening VET in Emilia-Romagna"
    match.save()
    ExchangeParticipantsFactory(
        exchange=match.exchange, target_group=TargetGroupFactory(name="Adult learners")
    )
    published(2)
    for query in [
        "theme=green-skills",
        "format=peer-learning-activity",
        "country=IT",
        "target_group=adult-learners",
        "year=2023",
        "q=emilia",
    ]:
        text = client.get(f"/case-studies/?{query}").text
        assert "Greening VET in Emilia-Romagna" in text, query
        assert text.count('data-testid="case-study-card"') == 1, query


def test_case_study_list_paginates_by_25_keeping_the_filters(client):
    published(26)
    response = client.get("/case-studies/?theme=gender-equality")
    assert response.text.count('data-testid="case-study-card"') == 25
    assert "?theme=gender-equality&amp;page=2" in response.text


def test_case_study_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    for _ in range(2):
        full_case_study()
    with django_assert_max_num_queries(12) as few:
        client.get("/case-studies/")
    for _ in range(15):
        full_case_study()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/case-studies/")
    assert response.text.count('data-testid="case-study-card"') == 17


def test_case_study_detail_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    case_study = full_case_study()
    published(1)  # one related case study, so that its queries are counted too
    with django_assert_max_num_queries(18) as few:
        client.get(case_study.get_absolute_url())
    LessonFactory.create_batch(10, case_study=case_study)
    CaseStudyTestimonialFactory.create_batch(10, case_study=case_study)
    PhotoFactory.create_batch(10, case_study=case_study)
    published(10)  # related case studies on the same theme
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(case_study.get_absolute_url())
    assert response.status_code == 200


def test_detail_links_related_case_studies_on_the_same_theme(client):
    case_study, sibling = published(2)
    (other,) = published(1, themes=[ThemeFactory(name="Digital skills")])
    text = client.get(case_study.get_absolute_url()).text
    assert sibling.get_absolute_url() in text
    assert other.get_absolute_url() not in text


def test_feed_lists_new_published_case_studies(client):
    older, newer = published(2)
    older.published_at = newer.published_at - datetime.timedelta(days=3)
    older.save()
    draft = CaseStudyFactory(title="Draft not in the feed")
    response = client.get("/case-studies/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.index(newer.title) < body.index(older.title)
    assert draft.title not in body
    assert newer.summary in body


def test_printable_view_has_the_sections_without_navigation(client):
    case_study = full_case_study()
    response = client.get(f"/case-studies/{case_study.slug}/print/")
    assert response.status_code == 200
    assert "Lessons learnt" in response.text
    # The print button works under the CSP: a data attribute site.js reads, no onclick=.
    assert "data-print" in response.text and "onclick" not in response.text
    assert "/static/js/site.js" in response.text
    assert "navbar" not in response.text
    detail = client.get(case_study.get_absolute_url()).text
    assert f'href="/case-studies/{case_study.slug}/print/"' in detail


def test_nav_links_to_case_studies_for_everyone(client):
    assert 'href="/case-studies/"' in client.get("/").text


BORAS_HOST_LESSONS = [
    "Hosting fosters positive energy and engagement",
    "Broad involvement stakeholders, including local authorities, civil society, and "
    "businesses enhances impact at local level",
    "Hosting as a tool for internal learning",
    "Direct interaction drives knowledge sharing",
    "Pride in local achievements",
]
BORAS_PARTICIPANT_LESSONS = [
    "School leadership is crucial for gender inclusion.",
    "International exchanges provide valuable insights.",
    "First-hand visits showcase effective inclusion strategies.",
    "Strong partnerships drive lasting impact.",
    "Clear preparation enhances collaboration.",
    "Well-organized visits lead to meaningful results.",
    "Sustaining partnerships ensures long-term success.",
]
BORAS_TESTIMONIALS = [
    (
        "Nicholas Waller",
        "International Coordinator",
        "Working Life Department, Borås Stad (Sweden)",
        "My biggest aha moment was realizing how efficiently hosting spreads knowledge",
    ),
    (
        "Albert Peiró Mateu",
        "Head of Studies Responsible for VET Dual & Erasmus+",
        "Escola del Treball (Catalonia, Spain)",
        "My expectations have been more than satisfied.",
    ),
    (
        "Claire Chartier",
        "Guidance Officer",
        "Centre-Val de Loire Region",
        "We are really grateful for the opportunity to use the Mobility Matchmaking Tool",
    ),
]


def test_boras_case_study_reads_in_the_order_of_the_document(client, boras, centre_val_de_loire):
    escola = OrganisationFactory(name="Institut Escola del Treball", country="ES")
    exchange = exchange_between(
        host=boras,
        sender=centre_val_de_loire,
        participating=[escola],
        status="completed",
        participants_total=9,
    )
    case_study = PublishedCaseStudyFactory(
        exchange=exchange,
        title="Advancing Gender Equality in Education Exchange",
        summary="The role of public institutions in advancing gender equality in guidance.",
        story=(
            "The exchange focused on the role of public institutions in advancing gender "
            "equality in career guidance and lifelong learning services."
        ),
        next_steps="The development of a three-way international mobility project.",
    )
    for position, text in enumerate(BORAS_HOST_LESSONS):
        LessonFactory(case_study=case_study, audience="host", text=text, position=position)
    for position, text in enumerate(BORAS_PARTICIPANT_LESSONS):
        LessonFactory(case_study=case_study, audience="participants", text=text, position=position)
    for position, (name, role, organisation, quote) in enumerate(BORAS_TESTIMONIALS):
        CaseStudyTestimonialFactory(
            case_study=case_study,
            person_name=name,
            person_role=role,
            organisation_name=organisation,
            quote=quote,
            position=position,
        )

    text = client.get(case_study.get_absolute_url()).text

    sections = re.findall(r'data-section="([a-z-]+)"', text)
    assert sections[:8] == [
        "receiving",
        "sending",
        "duration",
        "exchange",
        "next-steps",
        "lessons",
        "lessons-host",
        "lessons-participants",
    ]
    assert sections[8] == "testimonials"
    in_order = [
        "Receiving organisation",
        "Working Life Department of the municipality of Borås",
        "Sending organisations",
        "Centre-Val de Loire Region - Service Orientation",
        "Institut Escola del Treball",
        "From 9 December 2024 to 14 December 2024",
        "The exchange",
        "three-way international mobility project",
        "Lessons learnt",
        "Hosting institution",
        *BORAS_HOST_LESSONS,
        "Participants",
        *BORAS_PARTICIPANT_LESSONS,
        "What do the participants say?",
        *[name for name, *_ in BORAS_TESTIMONIALS],
    ]
    positions = [text.index(piece) for piece in in_order]
    assert positions == sorted(positions)
    assert "Escola del Treball (Catalonia, Spain)" in text


def test_printable_view_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    case_study = full_case_study()
    url = f"/case-studies/{case_study.slug}/print/"
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    LessonFactory.create_batch(10, case_study=case_study)
    CaseStudyTestimonialFactory.create_batch(10, case_study=case_study)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_feed_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    published(2)
    with django_assert_max_num_queries(4) as few:
        client.get("/case-studies/feed/")
    published(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/case-studies/feed/")


def test_a_list_typed_in_the_story_reads_as_a_list_not_hyphens(client):
    (case_study,) = published(1)
    case_study.story = (
        "They were connected with two partners:\n\n"
        "- Borås – offered to host\n"
        "- Escola del Treball – offered to <b>host</b> or take part\n\n"
        "Then they prepared the visit."
    )
    case_study.save()
    text = client.get(case_study.get_absolute_url()).text
    assert "<ul><li>Borås – offered to host</li>" in text
    assert (
        "<li>Escola del Treball – offered to &lt;b&gt;host&lt;/b&gt; or take part</li></ul>" in text
    )
    assert "<p>Then they prepared the visit.</p>" in text
    assert "- Borås" not in text


def test_lessons_for_one_side_only_show_no_empty_heading_for_the_other(client):
    # A case study drafted through the form often has lessons for the host only.
    (case_study,) = published(1)
    LessonFactory(case_study=case_study, audience="host", text="Female role models matter")

    response = client.get(case_study.get_absolute_url())

    assert response.status_code == 200
    assert "Female role models matter" in response.text
    assert 'data-section="lessons-host"' in response.text
    assert 'data-section="lessons-participants"' not in response.text
