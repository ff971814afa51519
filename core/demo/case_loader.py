"""The Borås case after the listings: match, exchange, case study."""

from django.utils import timezone

from casestudies.models import Audience, CaseStudy, CaseStudyStatus, Lesson, Testimonial
from exchanges.models import (
    Exchange,
    ExchangeOrganisation,
    ExchangeParticipants,
    ExchangeStatus,
    ProgrammeItem,
)
from matchmaking.models import Answer, Match, MatchParty, MatchStatus

from .boras import CASE_STUDY, EXCHANGE, MATCH, TESTIMONIAL_ORGANISATIONS


def load_boras_case(*, terms, orgs, people, listings, by):
    match = save_match(orgs, people, listings, by)
    exchange = save_exchange(match, terms, orgs)
    save_case_study(exchange, orgs)


def save_match(orgs, people, listings, by):
    answered_at = timezone.make_aware(MATCH["answered_at"])
    match, _ = Match.objects.update_or_create(
        request=listings[MATCH["request"]],
        defaults={
            "status": MatchStatus.ACCEPTED,
            "message": MATCH["message"],
            "confirmed_by": by,
            "answered_at": answered_at,
        },
    )
    # confirmed_at is auto_now_add: backdate it to when the secretariat confirmed.
    Match.objects.filter(pk=match.pk).update(
        confirmed_at=timezone.make_aware(MATCH["confirmed_at"])
    )
    for slug, ref, role, score, reasons in MATCH["parties"]:
        MatchParty.objects.update_or_create(
            match=match,
            organisation=orgs[slug],
            defaults={
                "listing": listings[ref],
                "role": role,
                "score": score,
                "reasons": reasons,
                "answer": Answer.ACCEPTED,
                "answered_by": people[slug],
                "answered_at": answered_at,
            },
        )
    return match


def save_exchange(match, terms, orgs):
    data = EXCHANGE
    exchange, _ = Exchange.objects.update_or_create(
        match=match,
        defaults={
            "title": data["title"],
            "format": terms.formats[data["format"]],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "city": data["city"],
            "country": data["country"],
            "status": ExchangeStatus.COMPLETED,
            "participants_total": data["participants_total"],
            "fewer_opportunities": data["fewer_opportunities"],
            "staff": data["staff"],
            "learners": data["learners"],
            "outcomes": data["outcomes"],
        },
    )
    exchange.themes.set([terms.themes[s] for s in data["themes"]])
    for slug, role in data["parties"]:
        ExchangeOrganisation.objects.update_or_create(
            exchange=exchange, organisation=orgs[slug], defaults={"role": role}
        )
    for slug, count in data["figures"]:
        ExchangeParticipants.objects.update_or_create(
            exchange=exchange, target_group=terms.target_groups[slug], defaults={"count": count}
        )
    days = [day for day, _ in data["programme"]]
    exchange.programme.exclude(day__in=days).delete()
    for day, activities in data["programme"]:
        ProgrammeItem.objects.update_or_create(
            exchange=exchange, day=day, defaults={"activities": activities}
        )
    return exchange


def save_case_study(exchange, orgs):
    data = CASE_STUDY
    case, _ = CaseStudy.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "exchange": exchange,
            "title": data["title"],
            "summary": data["summary"],
            "story": data["story"],
            "next_steps": data["next_steps"],
            "status": CaseStudyStatus.PUBLISHED,
            "published_at": timezone.make_aware(data["published_at"]),
        },
    )
    for audience, texts in (
        (Audience.HOST, data["lessons_host"]),
        (Audience.PARTICIPANTS, data["lessons_participants"]),
    ):
        case.lessons.filter(audience=audience, position__gte=len(texts)).delete()
        for position, text in enumerate(texts):
            Lesson.objects.update_or_create(
                case_study=case, audience=audience, position=position, defaults={"text": text}
            )
    for position, (name, role, slug, quote) in enumerate(data["testimonials"]):
        Testimonial.objects.update_or_create(
            case_study=case,
            person_name=name,
            defaults={
                "person_role": role,
                "organisation": orgs[slug],
                "organisation_name": TESTIMONIAL_ORGANISATIONS[slug],
                "quote": quote,
                "position": position,
            },
        )
    return case
