"""Writes on case studies: the draft started from a completed exchange, the
members' edits, and the secretariat's publish and unpublish."""

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import date as date_format
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from core.language import written_language
from core.workflow import change_status, save_with_history
from members.models import MembershipStatus
from members.selectors import coordinators_by_organisation, responsible_for
from notifications.emails import absolute_url
from notifications.services import notification_record

from .models import CaseStudy, CaseStudyStatus

# Members edit until the secretariat publishes; then the secretariat edits.
MEMBER_EDITABLE = {CaseStudyStatus.DRAFT, CaseStudyStatus.UNPUBLISHED}
# The history reason of a member's edit: the secretariat's desk counts a draft
# as ready once the organisations have worked on it.
MEMBER_EDIT = "edited by a member"
# Paths under /case-studies/ that a slug must not shadow.
RESERVED_SLUGS = {"feed"}


def unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "case-study"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or CaseStudy.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _text(case_study: CaseStudy) -> tuple[str, str, str]:
    return case_study.title, case_study.summary, case_study.story


def case_study_language_set(*, case_study: CaseStudy, before: CaseStudy | None = None) -> None:
    """The language the secretariat chose, else the one detected from the text
    (core.language.written_language, as a listing's)."""
    case_study.language = written_language(
        case_study.language,
        _text(case_study),
        before=(before.language, _text(before)) if before is not None else None,
    )


def case_study_before_edit(case_study: CaseStudy) -> CaseStudy | None:
    """The case study as saved, to compare an edit with."""
    if case_study.pk is None:
        return None
    return CaseStudy.objects.only("title", "summary", "story", "language").get(pk=case_study.pk)


def _names(parties, *roles) -> str:
    return ", ".join(p.organisation.name for p in parties if p.role in roles)


def draft_story(exchange) -> str:
    """The story as far as the tool knows it, for the members to tell the rest."""
    parties = list(exchange.parties.select_related("organisation"))
    request = exchange.match.request if exchange.match_id else None
    paragraphs = []
    if request is not None:
        paragraphs.append(
            _("%(organisation)s submitted a request to find a partner institution:")
            % {"organisation": request.organisation.name}
        )
        paragraphs.append(request.description)
        paragraphs.append(_("The EARLALL secretariat connected them with their partners."))
    paragraphs.append(
        _(
            "The exchange took place in %(city)s (%(country)s) from %(start)s to %(end)s, "
            "hosted by %(host)s, with %(others)s."
        )
        % {
            "city": exchange.city,
            "country": exchange.country.name,
            "start": date_format(exchange.start_date, "j F Y"),
            "end": date_format(exchange.end_date, "j F Y"),
            "host": _names(parties, "host") or "—",
            "others": _names(parties, "sending", "participating") or "—",
        }
    )
    if exchange.participants_total is not None:
        paragraphs.append(
            _("%(total)s people took part, %(fewer)s of them with fewer opportunities.")
            % {"total": exchange.participants_total, "fewer": exchange.fewer_opportunities or 0}
        )
    if exchange.outcomes:
        paragraphs.append(exchange.outcomes)
    return "\n\n".join(paragraphs)


def draft_summary(exchange) -> str:
    # The format's name as the taxonomy writes it: lower-casing it made "a vet
    # learner mobility", and no article fits every format in every language.
    themes = ", ".join(t.name for t in exchange.themes.all())
    summary = _("%(format)s in %(city)s on %(themes)s.") % {
        "format": exchange.format.name,
        "city": exchange.city,
        "themes": themes.lower() or _("mobility"),
    }
    return Truncator(summary).chars(300)


def _notify_coordinators(
    case_study: CaseStudy, *, kind: str, path: str, acting_only: bool = False
) -> None:
    """Each coordinator of the exchange's organisations, once per event;
    `acting_only`: of its active members only (those who may write the draft)."""
    parties = case_study.exchange.parties.all()
    if acting_only:
        parties = parties.filter(organisation__status=MembershipStatus.ACTIVE)
    organisations = parties.values_list("organisation_id", flat=True)
    coordinators = coordinators_by_organisation(organisations)
    users = {
        person.pk: person
        for organisation_id in coordinators
        for person in responsible_for(organisation_id=organisation_id, coordinators=coordinators)
    }.values()
    for user in users:
        notification_record(
            kind=kind,
            recipient=user,
            about=case_study,
            event=kind,
            context={
                "name": user.get_short_name(),
                "title": case_study.title,
                "exchange_title": case_study.exchange.title,
                "url": absolute_url(path),
            },
        )


def case_study_create_draft(*, exchange, by=None) -> CaseStudy:
    """Start the case study of a completed exchange, prefilled; once per exchange."""
    existing = CaseStudy.objects.filter(exchange=exchange).first()
    if existing is not None:
        return existing
    case_study = CaseStudy(
        exchange=exchange,
        title=exchange.title,
        slug=unique_slug(exchange.title),
        summary=draft_summary(exchange),
        story=draft_story(exchange),
    )
    case_study_language_set(case_study=case_study)
    save_with_history(case_study, by=by, reason="draft started from the completed exchange")
    _notify_coordinators(
        case_study,
        kind="case_study_draft_started",
        path=reverse("casestudies:edit", args=[case_study.slug]),
        # A suspended organisation writes none of it (permissions.py).
        acting_only=True,
    )
    return case_study


def not_acting_refusal() -> str:
    return _(
        "Your organisation is not an active member of the partnership: it no longer "
        "writes case studies. The other organisations of the exchange still can."
    )


def case_study_save(*, case_study: CaseStudy, by, form, formsets) -> CaseStudy:
    """Save a member's edits: the page and its lists together, or nothing."""
    if case_study.status not in MEMBER_EDITABLE:
        raise ValidationError(_("A published case study is edited by the secretariat."))
    # The rule (permissions.py) that also hides the editor from the pages.
    if not rules.test_rule("casestudies.change_casestudy", by, case_study):
        raise ValidationError(not_acting_refusal())
    before = case_study_before_edit(case_study)
    with transaction.atomic():
        case_study = form.save(commit=False)
        case_study_language_set(case_study=case_study, before=before)
        save_with_history(case_study, by=by, reason=MEMBER_EDIT)
        for formset in formsets:
            formset.instance = case_study
            formset.save()
    return case_study


def case_study_publish(*, case_study: CaseStudy, by) -> CaseStudy:
    with transaction.atomic():
        change_status(
            case_study,
            to=CaseStudyStatus.PUBLISHED,
            by=by,
            reason="published",
            changes={"published_at": case_study.published_at or timezone.now()},
        )
        # The event key makes a republication send nothing more.
        _notify_coordinators(
            case_study, kind="case_study_published", path=case_study.get_absolute_url()
        )
    return case_study


def case_study_unpublish(*, case_study: CaseStudy, by, reason: str = "") -> CaseStudy:
    change_status(
        case_study,
        to=CaseStudyStatus.UNPUBLISHED,
        by=by,
        reason=reason or "unpublished",
    )
    return case_study
