"""Turn the demo data into rows. Every function is idempotent: update_or_create
on a natural key (slug, email, code, external_ref), then set the many-to-many."""

import datetime
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.secretariat import sync_secretariat_group
from listings.models import LISTING_PRIVATE, ExpressionOfInterest, Listing, ListingStatus
from members.models import Membership, MembershipStatus, Organisation, Role, User
from taxonomy.models import Format, Language, TargetGroup, Theme

from . import DEMO_PASSWORD, DEMO_TOTP_KEY, SECRETARIAT_EMAIL, boras, next_step
from .activity_loader import load_activity
from .case_loader import load_boras_case
from .exchange_loader import load_exchanges
from .interests import INTERESTS
from .listings import REQUESTS
from .offers import OFFERS
from .organisations import ORGANISATIONS

# Listings that must still lie ahead: the browse page and the expiry task see them.
LIVE_OR_PENDING = {ListingStatus.OPEN, ListingStatus.DRAFT, ListingStatus.SUBMITTED}
UI_LANGUAGES = {code for code, _ in settings.LANGUAGES}


def load_demo(*, today: datetime.date | None = None) -> list[dict]:
    """Load everything; return the logins (email, organisation, role, active)."""
    today = today or timezone.localdate()
    terms = load_taxonomies()
    password_for = demo_password_hashes()
    secretariat = save_user(
        SECRETARIAT_EMAIL,
        "EARLALL Secretariat",
        "Working Group on Mobility",
        password_for=password_for,
        is_staff=True,
    )
    secretariat.groups.add(sync_secretariat_group(apps))
    # Staff sign in with a second factor; the demo's device key is published.
    TOTPDevice.objects.update_or_create(
        user=secretariat,
        name="Demo authenticator",
        defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
    )
    logins = [login_row(secretariat, "EARLALL secretariat", "staff")]
    orgs, people = {}, {}
    for row in boras.ORGANISATIONS + ORGANISATIONS:
        orgs[row["slug"]], people[row["slug"]] = save_organisation(row, terms, password_for)
        logins.append(login_row(people[row["slug"]], row["name"], Role.COORDINATOR.label))
    listings = {}
    for row in boras.LISTINGS:
        start, end = row["dates"]
        listings[row["ref"]] = save_listing(row, row["kind"], start, end, orgs, people, terms)
    for kind, rows in (
        ("request", REQUESTS + next_step.REQUESTS),
        ("offer", OFFERS + next_step.OFFERS),
    ):
        for row in rows:
            start, end = window(today, *row["when"])
            check_listing(row, start, end, terms, today)
            save_listing(row, kind, start, end, orgs, people, terms, today=today)
    load_interests(orgs, people)
    load_boras_case(terms=terms, orgs=orgs, people=people, listings=listings, by=secretariat)
    load_exchanges(terms=terms, orgs=orgs, people=people)
    load_activity(orgs=orgs, people=people, by=secretariat, today=today)
    return logins


def load_taxonomies() -> SimpleNamespace:
    """The vocabularies ship with the migrations (taxonomy 0003): the demo reads them."""
    return SimpleNamespace(
        themes=Theme.objects.in_bulk(field_name="slug"),
        formats=Format.objects.in_bulk(field_name="slug"),
        target_groups=TargetGroup.objects.in_bulk(field_name="slug"),
        languages=Language.objects.in_bulk(field_name="code"),
    )


def demo_password_hashes():
    """All demo logins share one hash. PBKDF2 is slow on purpose, so hash once per
    run; keep a user's hash when it already verifies, so a second run changes nothing."""
    fresh = make_password(DEMO_PASSWORD)
    good = {fresh}

    def password_for(encoded: str | None) -> str:
        if encoded and encoded not in good and check_password(DEMO_PASSWORD, encoded):
            good.add(encoded)
        return encoded if encoded in good else fresh

    return password_for


def save_user(email, full_name, job_title, *, password_for, is_staff=False, active=True, lang="en"):
    current = User.objects.filter(email=email).values_list("password", flat=True).first()
    user, _ = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "job_title": job_title,
            "language": lang if lang in UI_LANGUAGES else "en",
            "is_active": active,
            "is_staff": is_staff,
            "password": password_for(current),
        },
    )
    return user


def save_organisation(row, terms, password_for):
    email, full_name, job_title = row["person"]
    status = row.get("status", MembershipStatus.ACTIVE)
    org, _ = Organisation.objects.update_or_create(
        slug=row["slug"],
        defaults={
            "name": row["name"],
            "kind": row["kind"],
            "country": row["country"],
            "region": row["region"],
            "city": row["city"],
            "website": row.get("website") or f"https://www.{email.split('@')[1]}",
            "oid": row["oid"],
            "description": row["description"],
            "status": status,
            "joined_on": row["joined_on"],
        },
    )
    org.themes.set([terms.themes[s] for s in row["themes"]])
    org.languages.set([terms.languages[c] for c in row["languages"]])
    # Applicants and refused organisations cannot sign in until approved.
    active = status in (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)
    user = save_user(
        email,
        full_name,
        job_title,
        password_for=password_for,
        active=active,
        lang=row["languages"][0],
    )
    Membership.objects.update_or_create(
        user=user, organisation=org, defaults={"role": Role.COORDINATOR}
    )
    return org, user


def login_row(user, organisation, role):
    return {
        "email": user.email,
        "organisation": organisation,
        "role": role,
        "active": user.is_active,
    }


def month_start(today, months):
    years, month = divmod(today.month - 1 + months, 12)
    return datetime.date(today.year + years, month + 1, 1)


def window(today, first, last):
    """From the 1st of month `first` to the last day of month `last` after today's."""
    return month_start(today, first), month_start(today, last + 1) - datetime.timedelta(days=1)


def check_listing(row, start, end, terms, today):
    """Refuse demo data that the product's own rules would refuse."""
    days = row["duration"]
    for slug in row["formats"]:
        fmt = terms.formats[slug]
        if not fmt.min_days <= days <= fmt.max_days:
            raise ValueError(f"{row['ref']}: {days} days is outside {fmt.name}")
    if days > (end - start).days + 1:
        raise ValueError(f"{row['ref']}: {days} days do not fit in the window")
    if row.get("status", ListingStatus.OPEN) in LIVE_OR_PENDING and start <= today:
        raise ValueError(f"{row['ref']}: the window of a live listing must lie ahead")


def at_ten(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def save_listing(row, kind, start, end, orgs, people, terms, *, today=None):
    status = row.get("status", ListingStatus.OPEN)
    contact = people[row["org"]]
    if "published" in row:
        published = row["published"]
    else:
        # Published some weeks before the window opens, never in the future.
        published = min(start - datetime.timedelta(days=90), today - datetime.timedelta(days=3))
    # Expiry: the end of the window, but at most a year ahead (renewal extends it).
    expires = min(end, today + datetime.timedelta(days=365)) if today else end
    listing, _ = Listing.objects.update_or_create(
        external_ref=row["ref"],
        defaults={
            "kind": kind,
            "organisation": orgs[row["org"]],
            "title": row["title"],
            "description": row["description"],
            "role": row["role"],
            "earliest_start": start,
            "latest_end": end,
            "duration_days": row["duration"],
            "participants": row["participants"],
            "preferred_countries": row.get("countries", []),
            "fewer_opportunities_support": row.get("fewer", ""),
            "funding": row["funding"],
            "contact": contact,
            "created_by": contact,
            "expires_on": expires,
            "status": status,
            "review_comment": row.get("review_comment", ""),
            "submitted_at": None if status == ListingStatus.DRAFT else at_ten(published),
            "published_at": None if status in LISTING_PRIVATE else at_ten(published),
        },
    )
    listing.themes.set([terms.themes[s] for s in row["themes"]])
    listing.formats.set([terms.formats[s] for s in row["formats"]])
    listing.target_groups.set([terms.target_groups[s] for s in row["target_groups"]])
    listing.languages.set([terms.languages[c] for c in row["languages"]])
    return listing


def load_interests(orgs, people):
    for row in INTERESTS + next_step.INTERESTS:
        ExpressionOfInterest.objects.update_or_create(
            listing=Listing.objects.get(external_ref=row["listing"]),
            organisation=orgs[row["org"]],
            defaults={
                "user": people[row["org"]],
                "role": row["role"],
                "what_we_bring": row["what_we_bring"],
                "who_takes_part": row["who_takes_part"],
                "when": row["when"],
                "message": row.get("message", ""),
            },
        )
