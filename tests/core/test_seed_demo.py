"""`manage.py seed_demo`: the demo data load twice without duplicates, and they
obey the product's own rules (dates, durations, NUTS, OIDs)."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from casestudies import models as casestudies
from casestudies.models import CaseStudy, CaseStudyStatus, Lesson
from core.demo import DEMO_PASSWORD, SECRETARIAT_EMAIL
from core.secretariat import SECRETARIAT_GROUP
from exchanges.models import Exchange, ExpressionOfInterest, Listing, ListingStatus
from matchmaking.models import Match, MatchParty, MatchStatus
from members.models import Membership, MembershipStatus, Organisation, User
from members.validators import validate_nuts_for_country
from taxonomy.models import Format, Language, TargetGroup, Theme

pytestmark = pytest.mark.django_db

MODELS = [
    Theme,
    Format,
    TargetGroup,
    Language,
    Organisation,
    User,
    Membership,
    Listing,
    ExpressionOfInterest,
    Match,
    MatchParty,
    Exchange,
    CaseStudy,
    Lesson,
    casestudies.Testimonial,  # imported by module: pytest would collect Test*
]
BORAS_CASE = ["centre-val-de-loire", "boras", "escola-del-treball"]


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def seeded():
    seed("--quiet")


def test_seed_demo_twice_gives_the_same_rows():
    seed("--quiet")
    first = counts()
    references = dict(Listing.objects.values_list("external_ref", "reference"))

    seed("--quiet")

    assert counts() == first
    assert dict(Listing.objects.values_list("external_ref", "reference")) == references


def test_seed_demo_loads_a_realistic_partnership(seeded):
    orgs = Organisation.objects.all()
    assert orgs.count() >= 28
    assert orgs.values("country").distinct().count() >= 12
    assert set(BORAS_CASE) <= set(orgs.values_list("slug", flat=True))
    statuses = set(orgs.values_list("status", flat=True))
    assert statuses == {s.value for s in MembershipStatus}
    assert Listing.objects.count() >= 43
    assert Listing.objects.open().count() > Listing.objects.exclude(status="open").count()
    assert TargetGroup.objects.get(slug="people-with-fewer-opportunities").fewer_opportunities


def test_seed_demo_loads_the_boras_match_exchange_and_case_study(seeded):
    match = Match.objects.get(request__external_ref="demo-boras-request")
    assert match.status == MatchStatus.ACCEPTED
    assert match.confirmed_by.email == SECRETARIAT_EMAIL
    parties = {p.organisation.slug: (p.role, p.answer) for p in match.parties.all()}
    assert parties == {
        "centre-val-de-loire": ("requester", "accepted"),
        "boras": ("host", "accepted"),
        "escola-del-treball": ("participant", "accepted"),
    }

    exchange = match.exchange
    assert (exchange.start_date, exchange.end_date) == (
        datetime.date(2024, 12, 9),
        datetime.date(2024, 12, 14),
    )
    assert (exchange.city, exchange.country.code, exchange.status) == ("Borås", "SE", "completed")
    assert exchange.programme.count() == 6
    assert sum(exchange.figures.values_list("count", flat=True)) == exchange.participants_total

    case = exchange.case_study
    assert case.status == CaseStudyStatus.PUBLISHED
    assert case.lessons.filter(audience="host").count() == 5
    assert case.lessons.filter(audience="participants").count() == 7
    assert case.testimonials.count() == 3
    assert all(t.organisation for t in case.testimonials.all())


def test_seed_demo_secretariat_is_staff_in_the_secretariat_group(seeded):
    user = User.objects.get(email=SECRETARIAT_EMAIL)

    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=SECRETARIAT_GROUP).exists()


def test_seed_demo_users_sign_in_with_the_demo_password(seeded, settings):
    settings.AXES_ENABLED = True  # sign in as on the site, through django-axes
    request = RequestFactory().post("/accounts/login/")

    user = authenticate(
        request, username="claire.chartier@centre-valdeloire.example", password=DEMO_PASSWORD
    )

    assert user is not None and user.full_name == "Claire Chartier"


def test_seed_demo_applicants_cannot_sign_in(seeded):
    for org in Organisation.objects.filter(status__in=["applicant", "rejected"]):
        assert not org.memberships.filter(user__is_active=True).exists()


def test_seed_demo_open_listings_lie_ahead_and_fit_their_window(seeded):
    today = timezone.localdate()
    for listing in Listing.objects.open().prefetch_related("formats"):
        assert listing.earliest_start > today, listing.external_ref
        assert listing.duration_days <= listing.window_days, listing.external_ref
        assert today <= listing.expires_on <= today + datetime.timedelta(days=366)
        assert 2 <= listing.participants <= 30
        for fmt in listing.formats.all():
            assert fmt.min_days <= listing.duration_days <= fmt.max_days, listing.external_ref


def test_seed_demo_rows_pass_model_validation(seeded):
    for org in Organisation.objects.all():
        org.full_clean()
        validate_nuts_for_country(org.region, org.country.code)
    for listing in Listing.objects.all():
        listing.full_clean()
        assert listing.themes.exists() and listing.formats.exists()
        assert listing.contact.memberships.filter(organisation=listing.organisation).exists()


def test_seed_demo_prints_the_logins_unless_quiet():
    assert "nicholas.waller@boras.example" in seed()
    assert "nicholas.waller@boras.example" not in seed("--quiet")


def test_seed_demo_listing_statuses_cover_the_workflow(seeded):
    statuses = set(Listing.objects.values_list("status", flat=True))

    assert {ListingStatus.DRAFT, ListingStatus.SUBMITTED, ListingStatus.CLOSED} <= statuses
    assert {ListingStatus.EXPIRED, ListingStatus.MATCHED} <= statuses


@pytest.mark.django_db
def test_seed_demo_boras_figures_pass_the_exchange_figures_check():
    from exchanges.exchange_services import validate_exchange_figures
    from exchanges.models import Exchange

    call_command("seed_demo", "--quiet")
    exchange = Exchange.objects.get(title="Advancing Gender Equality in Education Exchange")
    validate_exchange_figures(
        participants_total=exchange.participants_total,
        fewer_opportunities=exchange.fewer_opportunities,
        staff=exchange.staff,
        learners=exchange.learners,
        counts={f.target_group_id: f.count for f in exchange.figures.all()},
    )
    names = set(exchange.case_study.testimonials.values_list("organisation_name", flat=True))
    assert "Working Life Department, Borås Stad (Sweden)" in names
