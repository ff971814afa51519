"""Reads on case studies: the public list, one case study for one viewer, and
the related ones. Querysets prefetch what the pages show, so the number of
queries does not grow with the number of case studies."""

import rules
from django.db.models import Prefetch
from django.http import Http404

from core.counts import country_choices, counts_cached
from exchanges.models import ExchangeOrganisation, ExchangeParticipants

from .models import CaseStudy, CaseStudyStatus, Lesson, Photo, Testimonial


def _showable_photos():
    return Prefetch("photos", queryset=Photo.objects.showable(), to_attr="showable_photos")


def published_case_studies():
    return (
        CaseStudy.objects.published()
        .select_related("exchange", "exchange__format")
        .prefetch_related("exchange__themes", _showable_photos())
        .order_by("-published_at", "pk")
    )


def case_study_countries() -> list[tuple[str, str]]:
    """The case studies' countries: those of published ones, not all 250."""
    return country_choices(
        counts_cached(
            "case-study-countries",
            lambda: set(
                CaseStudy.objects.published()
                .order_by()
                .values_list("exchange__country", flat=True)
                .distinct()
            ),
        )
    )


def _detail_queryset():
    return CaseStudy.objects.select_related("exchange", "exchange__format").prefetch_related(
        "exchange__themes",
        Prefetch(
            "exchange__parties",
            queryset=ExchangeOrganisation.objects.select_related("organisation"),
        ),
        Prefetch(
            "exchange__figures",
            queryset=ExchangeParticipants.objects.select_related("target_group"),
        ),
        "exchange__programme",
        Prefetch("lessons", queryset=Lesson.objects.order_by("position", "pk")),
        Prefetch("testimonials", queryset=Testimonial.objects.select_related("organisation")),
        _showable_photos(),
    )


def case_study_for_viewer(*, slug: str, user) -> CaseStudy:
    """A published case study for anyone; a draft or an unpublished one only for
    its organisations and the secretariat: for everyone else it does not exist."""
    case_study = _detail_queryset().filter(slug=slug).first()
    if case_study is None:
        raise Http404
    if case_study.status == CaseStudyStatus.PUBLISHED or user.is_staff:
        return case_study
    if not rules.test_rule("casestudies.contribute", user, case_study):
        raise Http404
    return case_study


def related_case_studies(case_study: CaseStudy, *, limit: int = 3):
    themes = [t.pk for t in case_study.exchange.themes.all()]
    if not themes:
        return CaseStudy.objects.none()
    return (
        published_case_studies()
        .filter(exchange__themes__in=themes)
        .exclude(pk=case_study.pk)
        .distinct()[:limit]
    )


def lessons_by_audience(case_study: CaseStudy) -> dict:
    grouped = {"host": [], "participants": []}
    for lesson in case_study.lessons.all():
        grouped.setdefault(lesson.audience, []).append(lesson)
    return grouped


def case_study_drafts_of(organisation_ids):
    return (
        CaseStudy.objects.filter(
            status__in=[CaseStudyStatus.DRAFT, CaseStudyStatus.UNPUBLISHED],
            exchange__parties__organisation__in=organisation_ids,
        )
        .distinct()
        .order_by("-pk")
    )


def published_case_studies_of(organisation) -> list:
    """The published case studies of the exchanges the organisation took part in,
    newest first (its public profile lists them)."""
    return list(
        CaseStudy.objects.published()
        .filter(exchange__parties__organisation=organisation)
        .distinct()
        .order_by("-published_at")
    )
