"""The Borås case after the listings: match, exchange, case study. The exchange
and case-study savers serve the other demo exchanges too (exchange_loader.py)."""

from django.utils import timezone

from casestudies.models import Audience, CaseStudy, CaseStudyStatus, Lesson, Testimonial
from exchanges.models import (
    Exchange,
    ExchangeOrganisation,
    ExchangeParticipants,
    ExchangeStatus,
    ProgrammeItem,
)
from matchmaking.matcher import score_listing
from matchmaking.models import Answer, Match, MatchParty, MatchStatus, PartyRole

from .boras import CASE_STUDY, EXCHANGE, MATCH, TESTIMONIAL_ORGANISATIONS


def load_boras_case(*, terms, orgs, people, listings, by):
    match = save_match(orgs, people, listings, by)
    exchange = save_exchange(EXCHANGE, terms, orgs, match=match)
    save_case_study(CASE_STUDY, exchange, orgs, names=TESTIMONIAL_ORGANISATIONS)


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
    for slug, ref, role in MATCH["parties"]:
        score, reasons = scored(match.request, listings[ref], role)
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


def scored(request, listing, role) -> tuple:
    """Score and reasons as match_confirm records them: the matcher's, in its format."""
    if role == PartyRole.REQUESTER:
        return None, []
    candidate = score_listing(request, listing, role)
    return candidate.score, candidate.reasons


def save_exchange(data, terms, orgs, *, match=None):
    """One exchange; keyed on its match, or on its title when it has none."""
    key = {"match": match} if match else {"title": data["title"], "match": None}
    exchange, _ = Exchange.objects.update_or_create(
        **key,
        defaults={
            "title": data["title"],
            "format": terms.formats[data["format"]],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "city": data["city"],
            "country": data["country"],
            "status": data.get("status", ExchangeStatus.COMPLETED),
            "participants_total": data.get("participants_total"),
            "fewer_opportunities": data.get("fewer_opportunities"),
            "staff": data.get("staff"),
            "learners": data.get("learners"),
            "outcomes": data.get("outcomes", ""),
        },
    )
    exchange.themes.set([terms.themes[s] for s in data["themes"]])
    exchange.parties.exclude(organisation__slug__in=[s for s, _ in data["parties"]]).delete()
    for slug, role in data["parties"]:
        ExchangeOrganisation.objects.update_or_create(
            exchange=exchange, organisation=orgs[slug], defaults={"role": role}
        )
    figures = data.get("figures", [])
    exchange.figures.exclude(target_group__slug__in=[s for s, _ in figures]).delete()
    for slug, count in figures:
        ExchangeParticipants.objects.update_or_create(
            exchange=exchange, target_group=terms.target_groups[slug], defaults={"count": count}
        )
    programme = data.get("programme", [])
    exchange.programme.exclude(day__in=[day for day, _ in programme]).delete()
    for day, activities in programme:
        ProgrammeItem.objects.update_or_create(
            exchange=exchange, day=day, defaults={"activities": activities}
        )
    return exchange


def save_case_study(data, exchange, orgs, *, names):
    """`names`: the organisations as the testimonials print them, by slug."""
    status = data.get("status", CaseStudyStatus.PUBLISHED)
    published = status == CaseStudyStatus.PUBLISHED
    case, _ = CaseStudy.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "exchange": exchange,
            "title": data["title"],
            "summary": data["summary"],
            "story": data["story"],
            "next_steps": data["next_steps"],
            "status": status,
            "published_at": timezone.make_aware(data["published_at"]) if published else None,
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
    testimonials = data["testimonials"]
    case.testimonials.exclude(person_name__in=[t[0] for t in testimonials]).delete()
    for position, (name, role, slug, quote) in enumerate(testimonials):
        Testimonial.objects.update_or_create(
            case_study=case,
            person_name=name,
            defaults={
                "person_role": role,
                "organisation": orgs[slug],
                "organisation_name": names[slug],
                "quote": quote,
                "position": position,
            },
        )
    return case
