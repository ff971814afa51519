"""The one loader of the demo data (the YAML files in demo/data/).

It creates what is missing and never changes what exists: a record found by its
key (an organisation's slug, a person's email, a listing's external reference, a
match's request, an exchange's title, a case study's slug) is left exactly as it
is, and so are its parts. A record's parts (memberships, parties, figures,
lessons, interests, invitations, saved searches) are created with it and only
then, so that what someone removed while walking the demo stays removed. Loading
again after a walk therefore keeps every state and writes no history.

Listings are created by the listings service, as the form creates them; scores
and reasons of match parties come from the matcher, as when the secretariat
confirms a match. The demo's events happened in the past, so the loader records
their outcome and sends none of the notifications they once caused.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from casestudies.models import Audience, CaseStudy, Lesson, Testimonial
from core.language import written_language_detect
from core.refusals import refusal_text
from core.secretariat import sync_secretariat_group
from exchanges.models import (
    Exchange,
    ExchangeFeedback,
    ExchangeOrganisation,
    ExchangeParticipants,
    ProgrammeItem,
)
from exchanges.services import validate_exchange_figures
from listings.models import (
    LISTING_PRIVATE,
    ExpressionOfInterest,
    Listing,
    ListingStatus,
    SavedSearch,
)
from listings.services import interest_check, listing_create, listings_embed
from matchmaking.matcher import score_listing
from matchmaking.models import Answer, Match, MatchParty, PartyRole
from members.models import Invitation, Membership, MembershipStatus, Organisation, Role, User
from taxonomy.models import Format, Language, TargetGroup, Theme

from .events import load_events

DATA = Path(__file__).resolve().parent / "data"
# Listings that must still lie ahead: the browse page and the expiry task see them.
LIVE_OR_PENDING = {ListingStatus.OPEN, ListingStatus.DRAFT, ListingStatus.SUBMITTED}
UI_LANGUAGES = {code for code, _ in settings.LANGUAGES}


class DemoDataError(Exception):
    """The demo data contradict the product's rules or the vocabularies."""


def read(name: str):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


@dataclass
class Run:
    today: datetime.date
    terms: dict
    password: str
    created: set = field(default_factory=set)
    # Each organisation's coordinator in the demo data, by the organisation's slug.
    coordinators: dict = field(default_factory=dict)

    def at(self, day: datetime.date, hour: int = 10) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    def days_ago(self, days: int) -> datetime.datetime:
        return self.at(self.today) - datetime.timedelta(days=days)

    def term(self, kind: str, key: str):
        try:
            return self.terms[kind][key]
        except KeyError:
            raise DemoDataError(
                f"The {kind} '{key}' is missing: run `manage.py migrate`, which ships the "
                "vocabularies, or restore it in the admin."
            ) from None

    def terms_of(self, kind: str, keys: list) -> list:
        return [self.term(kind, key) for key in keys]

    def is_new(self, obj) -> bool:
        return (type(obj), obj.pk) in self.created

    def get_or_create(self, model, defaults=None, **key):
        obj = model.objects.filter(**key).first()
        if obj is None:
            obj = model.objects.create(**key, **(defaults or {}))
            self.created.add((model, obj.pk))
        return obj


def load_demo(*, today: datetime.date | None = None) -> list[dict]:
    """Create the demo records that are missing; return the logins to print."""
    people = read("people")
    run = Run(
        today=today or timezone.localdate(),
        terms={
            "theme": Theme.objects.in_bulk(field_name="slug"),
            "format": Format.objects.in_bulk(field_name="slug"),
            "target group": TargetGroup.objects.in_bulk(field_name="slug"),
            "language": Language.objects.in_bulk(field_name="code"),
        },
        # PBKDF2 is slow on purpose: one hash serves every demo login created.
        password=make_password(people["password"]),
    )
    secretariat = load_secretariat(run, people["secretariat"])
    orgs, logins = load_organisations(run, read("organisations"))
    logins += load_colleagues(run, people, orgs)
    load_listings(run, read("listings"), orgs, read("activity")["expiring_soon"])
    load_interests(run, read("interests"), orgs)
    matches = read("matches")
    # A match is confirmed after its listings' vectors exist (a task computes them
    # on publication), so the matcher reads the descriptions here as it would then.
    listings_embed(listings=Listing.objects.filter(external_ref__in=match_listings(matches)))
    load_matches(run, matches, orgs, secretariat)
    exchanges = load_exchanges(run, read("exchanges"), orgs)
    load_case_studies(run, read("case_studies"), exchanges, orgs)
    load_activity(run, read("activity"), orgs)
    load_events(run, read("events"), orgs)
    return [login(secretariat, "EARLALL secretariat", "staff"), *logins]


def login(user: User, organisation: str, role: str) -> dict:
    return {
        "email": user.email,
        "organisation": organisation,
        "role": role,
        "active": user.is_active,
    }


def save_person(run: Run, person: dict, *, active=True, language="en", **extra) -> User:
    return run.get_or_create(
        User,
        email=person["email"],
        defaults={
            "full_name": person["name"],
            "job_title": person.get("job_title", ""),
            "language": language if language in UI_LANGUAGES else "en",
            "is_active": active,
            "password": run.password,
            **extra,
        },
    )


def join(run: Run, user: User, org: Organisation, role: str) -> None:
    """A membership, made with the person or the organisation it links."""
    if run.is_new(user) or run.is_new(org):
        run.get_or_create(Membership, user=user, organisation=org, defaults={"role": role})


def load_secretariat(run: Run, person: dict) -> User:
    user = save_person(run, person, is_staff=True)
    if run.is_new(user):
        user.groups.add(sync_secretariat_group(apps))
    # Staff sign in with a second factor; a demo secretariat loaded before that
    # existed gets its published device too, or it could not open the admin.
    if not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(
            user=user, name="Demo authenticator", key=person["totp_key"], confirmed=True
        )
    return user


def load_organisations(run: Run, rows: list) -> tuple[dict, list]:
    orgs, logins = {}, []
    for row in rows:
        status = row.get("status", MembershipStatus.ACTIVE)
        person = row["coordinator"]
        org = run.get_or_create(
            Organisation,
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "country": row["country"],
                "region": row["region"],
                "city": row["city"],
                "website": row.get("website") or f"https://www.{person['email'].split('@')[1]}",
                "oid": row["oid"],
                "description": row["description"],
                "status": status,
                "joined_on": row["joined_on"],
            },
        )
        if run.is_new(org):
            org.themes.set(run.terms_of("theme", row["themes"]))
            org.languages.set(run.terms_of("language", row["languages"]))
        # Applicants and refused organisations cannot sign in until approved.
        active = status in (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)
        user = save_person(run, person, active=active, language=row["languages"][0])
        join(run, user, org, Role.COORDINATOR)
        orgs[row["slug"]], run.coordinators[row["slug"]] = org, user
        logins.append(login(user, row["name"], Role.COORDINATOR.label))
    return orgs, logins


def load_colleagues(run: Run, people: dict, orgs: dict) -> list:
    logins = []
    for person in people["colleagues"] + people["memberships"]:
        org = orgs[person["organisation"]]
        if "name" in person:
            user = save_person(run, person, language=person.get("language", "en"))
        else:  # someone of another demo organisation, in a second one
            user = User.objects.get(email=person["email"])
        join(run, user, org, person["role"])
        logins.append(login(user, org.name, Role(person["role"]).label))
    return logins


def month_start(today: datetime.date, months: int) -> datetime.date:
    years, month = divmod(today.month - 1 + months, 12)
    return datetime.date(today.year + years, month + 1, 1)


def listing_window(run: Run, row: dict) -> tuple[datetime.date, datetime.date]:
    """Fixed `dates`, or `when`: from the 1st of month `first` to the end of month
    `last` counted from the current month."""
    if "dates" in row:
        return tuple(row["dates"])
    first, last = row["when"]
    end = month_start(run.today, last + 1) - datetime.timedelta(days=1)
    return month_start(run.today, first), end


def check_listing(run: Run, row: dict, start, end, status) -> None:
    """Refuse demo data that the product's own rules would refuse."""
    days = row["duration"]
    for fmt in run.terms_of("format", row["formats"]):
        if not fmt.min_days <= days <= fmt.max_days:
            raise DemoDataError(f"{row['ref']}: {days} days is outside {fmt.name}")
    if days > (end - start).days + 1:
        raise DemoDataError(f"{row['ref']}: {days} days do not fit in the window")
    if status in LIVE_OR_PENDING and start <= run.today:
        raise DemoDataError(f"{row['ref']}: the window of a live listing must lie ahead")


def load_listings(run: Run, rows: list, orgs: dict, expiring: dict) -> None:
    for row in rows:
        if Listing.objects.filter(external_ref=row["ref"]).exists():
            continue
        status = row.get("status", ListingStatus.OPEN)
        start, end = listing_window(run, row)
        check_listing(run, row, start, end, status)
        # Published some weeks before the window opens, never in the future.
        published = row.get("published") or min(
            start - datetime.timedelta(days=90), run.today - datetime.timedelta(days=3)
        )
        # Expiry: the end of the window, but at most a year ahead (renewal extends it).
        expires = min(end, run.today + datetime.timedelta(days=365))
        if row["ref"] == expiring["listing"]:
            expires = run.today + datetime.timedelta(days=expiring["in_days"])
        contact = run.coordinators[row["organisation"]]
        listing = listing_create(
            organisation=orgs[row["organisation"]],
            kind=row["kind"],
            by=contact,
            external_ref=row["ref"],
            data={
                "title": row["title"],
                "description": row["description"],
                "role": row["role"],
                "earliest_start": start,
                "latest_end": end,
                "duration_days": row["duration"],
                "participants": row["participants"],
                "preferred_countries": row.get("countries", []),
                "fewer_opportunities_support": row.get("fewer_opportunities_support", ""),
                "funding": row["funding"],
                "contact": contact,
                "expires_on": expires,
                "status": status,
                "review_comment": row.get("review_comment", ""),
                "submitted_at": None if status == ListingStatus.DRAFT else run.at(published),
                "published_at": None if status in LISTING_PRIVATE else run.at(published),
                "themes": run.terms_of("theme", row["themes"]),
                "formats": run.terms_of("format", row["formats"]),
                "target_groups": run.terms_of("target group", row["target_groups"]),
                "languages": run.terms_of("language", row["languages"]),
            },
        )
        run.created.add((Listing, listing.pk))


def load_interests(run: Run, rows: list, orgs: dict) -> None:
    for row in rows:
        listing = Listing.objects.get(external_ref=row["listing"])
        if not run.is_new(listing):
            continue
        org = orgs[row["organisation"]]
        try:
            interest_check(listing=listing, organisation=org)
        except ValidationError as error:
            raise DemoDataError(f"{row['listing']}: {refusal_text(error)}") from error
        ExpressionOfInterest.objects.create(
            listing=listing,
            organisation=org,
            user=run.coordinators[row["organisation"]],
            role=row["role"],
            what_we_bring=row["what_we_bring"],
            who_takes_part=row["who_takes_part"],
            when=row["when"],
            message=row.get("message", ""),
        )


def moment(run: Run, row: dict, name: str) -> datetime.datetime | None:
    """`<name>_at` (a date and time) or `<name>_days_ago`."""
    if f"{name}_at" in row:
        return timezone.make_aware(row[f"{name}_at"])
    if f"{name}_days_ago" in row:
        return run.days_ago(row[f"{name}_days_ago"])
    return None


def match_listings(rows: list) -> set[str]:
    return {row["request"] for row in rows} | {
        party["listing"] for row in rows for party in row["parties"]
    }


def load_matches(run: Run, rows: list, orgs: dict, secretariat: User) -> None:
    for row in rows:
        request = Listing.objects.get(external_ref=row["request"])
        if Match.objects.filter(request=request).exists():
            continue
        answered = moment(run, row, "answered")
        match = Match.objects.create(
            request=request,
            status=row["status"],
            message=row["message"],
            confirmed_by=secretariat,
            answered_at=answered,
        )
        # confirmed_at is auto_now_add: backdate it to when the secretariat confirmed.
        Match.objects.filter(pk=match.pk).update(confirmed_at=moment(run, row, "confirmed"))
        for party in row["parties"]:
            load_party(run, match, party, orgs, answered)


def load_party(run: Run, match: Match, row: dict, orgs: dict, answered) -> None:
    listing = Listing.objects.get(external_ref=row["listing"])
    score, reasons = None, []
    if row["role"] != PartyRole.REQUESTER:
        candidate = score_listing(match.request, listing, row["role"])
        score, reasons = candidate.score, candidate.reasons
    answer = row.get("answer", Answer.PENDING)
    org = orgs[row["organisation"]]
    MatchParty.objects.create(
        match=match,
        organisation=org,
        listing=listing,
        role=row["role"],
        score=score,
        reasons=reasons,
        answer=answer,
        answered_by=None if answer == Answer.PENDING else run.coordinators[row["organisation"]],
        answered_at=None if answer == Answer.PENDING else moment(run, row, "answered") or answered,
        decline_reason=row.get("decline_reason", ""),
    )


def check_exchange(run: Run, row: dict, fmt, start, end) -> None:
    days = (end - start).days + 1
    if not fmt.min_days <= days <= fmt.max_days:
        raise DemoDataError(f"{row['title']}: {days} days is outside {fmt.name}")
    if "figures" not in row:
        return
    try:
        validate_exchange_figures(
            participants_total=row["staff"] + row["learners"],
            fewer_opportunities=row["fewer_opportunities"],
            staff=row["staff"],
            learners=row["learners"],
            counts={run.term("target group", g).pk: n for g, n in row["figures"].items()},
        )
    except ValidationError as error:
        raise DemoDataError(f"{row['title']}: {error.messages}") from error


def load_exchanges(run: Run, rows: list, orgs: dict) -> dict:
    exchanges = {}
    for row in rows:
        match = None
        if "match" in row:
            match = Match.objects.get(request__external_ref=row["match"])
        existing = Exchange.objects.filter(title=row["title"]).first()
        if existing is None and match is not None:
            existing = Exchange.objects.filter(match=match).first()
        if existing is not None:
            exchanges[row["title"]] = existing
            continue
        start, end = row["dates"]
        fmt = run.term("format", row["format"])
        check_exchange(run, row, fmt, start, end)
        host = next(orgs[p["organisation"]] for p in row["parties"] if p["role"] == "host")
        figures = "figures" in row
        exchange = Exchange.objects.create(
            match=match,
            title=row["title"],
            format=fmt,
            start_date=start,
            end_date=end,
            city=row.get("city", host.city),
            country=host.country,
            status=row["status"],
            participants_total=row["staff"] + row["learners"] if figures else None,
            fewer_opportunities=row["fewer_opportunities"] if figures else None,
            staff=row.get("staff"),
            learners=row.get("learners"),
            outcomes=row.get("outcomes", ""),
        )
        exchange.themes.set(run.terms_of("theme", row["themes"]))
        load_exchange_parts(run, exchange, row, orgs)
        exchanges[row["title"]] = exchange
    return exchanges


def load_exchange_parts(run: Run, exchange: Exchange, row: dict, orgs: dict) -> None:
    for party in row["parties"]:
        ExchangeOrganisation.objects.create(
            exchange=exchange, organisation=orgs[party["organisation"]], role=party["role"]
        )
    for group, count in row.get("figures", {}).items():
        ExchangeParticipants.objects.create(
            exchange=exchange, target_group=run.term("target group", group), count=count
        )
    for item in row.get("programme", []):
        ProgrammeItem.objects.create(
            exchange=exchange, day=item["day"], activities=item["activities"]
        )
    for item in row.get("feedback", []):
        org = orgs[item["organisation"]]
        ExchangeFeedback.objects.create(
            exchange=exchange,
            organisation=org,
            match_fit=item["match_fit"],
            work_again=item["work_again"],
            to_improve=item["to_improve"],
            given_by=run.coordinators[item["organisation"]],
        )


def load_case_studies(run: Run, rows: list, exchanges: dict, orgs: dict) -> None:
    for row in rows:
        exchange = exchanges[row["exchange"]]
        taken = CaseStudy.objects.filter(exchange=exchange).exists()
        if taken or CaseStudy.objects.filter(slug=row["slug"]).exists():
            continue
        case = CaseStudy.objects.create(
            exchange=exchange,
            slug=row["slug"],
            title=row["title"],
            summary=row["summary"],
            story=row["story"],
            language=written_language_detect(row["title"], row["summary"], row["story"]),
            next_steps=row["next_steps"],
            status=row["status"],
            published_at=timezone.make_aware(row["published_at"])
            if row.get("published_at")
            else None,
        )
        for audience, texts in (
            (Audience.HOST, row["lessons_host"]),
            (Audience.PARTICIPANTS, row["lessons_participants"]),
        ):
            Lesson.objects.bulk_create(
                Lesson(case_study=case, audience=audience, position=i, text=text)
                for i, text in enumerate(texts)
            )
        for position, item in enumerate(row["testimonials"]):
            Testimonial.objects.create(
                case_study=case,
                person_name=item["name"],
                person_role=item["role"],
                organisation=orgs[item["organisation"]],
                organisation_name=item["organisation_name"],
                quote=item["quote"],
                position=position,
            )


def load_activity(run: Run, data: dict, orgs: dict) -> None:
    for row in data["invitations"]:
        org = orgs[row["organisation"]]
        if not run.is_new(org):
            continue
        invitation = Invitation.objects.create(
            organisation=org,
            email=row["email"],
            role=row["role"],
            invited_by=User.objects.get(email=row["invited_by"]),
        )
        # created_at is auto_now_add: backdate it to when the coordinator sent it.
        Invitation.objects.filter(pk=invitation.pk).update(created_at=run.days_ago(row["days_ago"]))
    for row in data["saved_searches"]:
        user = User.objects.get(email=row["user"])
        if run.is_new(user):
            SavedSearch.objects.create(
                user=user, name=row["name"], query=row["query"], notify=row["notify"]
            )
