"""What `manage.py seed_demo` loads: a realistic partnership around the Borås case
that obeys the product's own rules (dates, durations, NUTS, OIDs, figures).
Loading it again is tested in test_seed_demo_again.py."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone

from casestudies.models import CaseStudy, CaseStudyStatus
from core.secretariat import SECRETARIAT_GROUP
from demo.loader import read
from exchanges.models import (
    Exchange,
    ExchangeFeedback,
    ExchangeStatus,
    ProgrammeItem,
)
from exchanges.services import validate_exchange_figures
from listings.filters import ListingFilter
from listings.models import Listing, ListingStatus, SavedSearch
from matchmaking.models import Answer, Match, MatchStatus
from members.models import Invitation, MembershipStatus, Organisation, User
from members.validators import validate_nuts_for_country
from monitoring.selectors import kpis_for
from taxonomy.models import TargetGroup

pytestmark = pytest.mark.django_db

BORAS_CASE = ["centre-val-de-loire", "boras", "escola-del-treball"]
PEOPLE = read("people")
SECRETARIAT_EMAIL = PEOPLE["secretariat"]["email"]


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_loads_a_realistic_partnership(demo):
    orgs = Organisation.objects.all()
    assert orgs.count() >= 28
    assert orgs.values("country").distinct().count() >= 12
    assert set(BORAS_CASE) <= set(orgs.values_list("slug", flat=True))
    statuses = set(orgs.values_list("status", flat=True))
    assert statuses == {s.value for s in MembershipStatus}
    assert Listing.objects.count() >= 43
    assert Listing.objects.open().count() > Listing.objects.exclude(status="open").count()
    assert TargetGroup.objects.get(slug="people-with-fewer-opportunities").fewer_opportunities


def test_seed_demo_loads_the_boras_match_exchange_and_case_study(demo):
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


def test_seed_demo_secretariat_is_staff_in_the_secretariat_group(demo):
    user = User.objects.get(email=SECRETARIAT_EMAIL)

    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=SECRETARIAT_GROUP).exists()


def test_seed_demo_users_sign_in_with_the_demo_password(demo, settings):
    settings.AXES_ENABLED = True  # sign in as on the site, through django-axes
    request = RequestFactory().post("/accounts/login/")

    user = authenticate(
        request, username="claire.chartier@centre-valdeloire.example", password=PEOPLE["password"]
    )

    assert user is not None and user.full_name == "Claire Chartier"


def test_seed_demo_applicants_cannot_sign_in(demo):
    for org in Organisation.objects.filter(status__in=["applicant", "rejected"]):
        assert not org.memberships.filter(user__is_active=True).exists()


def test_seed_demo_open_listings_lie_ahead_and_fit_their_window(demo):
    today = timezone.localdate()
    for listing in Listing.objects.open().prefetch_related("formats"):
        assert listing.earliest_start > today, listing.external_ref
        assert listing.duration_days <= listing.window_days, listing.external_ref
        assert today <= listing.expires_on <= today + datetime.timedelta(days=366)
        assert 2 <= listing.participants <= 30
        for fmt in listing.formats.all():
            assert fmt.min_days <= listing.duration_days <= fmt.max_days, listing.external_ref


def test_seed_demo_rows_pass_model_validation(demo):
    for org in Organisation.objects.all():
        org.full_clean()
        validate_nuts_for_country(org.region, org.country.code)
    for listing in Listing.objects.all():
        listing.full_clean()
        assert listing.themes.exists() and listing.formats.exists()
        assert listing.contact.memberships.filter(organisation=listing.organisation).exists()


def test_seed_demo_prints_the_logins_unless_quiet(demo):
    assert "nicholas.waller@boras.example" in seed()
    assert "nicholas.waller@boras.example" not in seed("--quiet")


def test_seed_demo_listing_statuses_cover_the_workflow(demo):
    statuses = set(Listing.objects.values_list("status", flat=True))

    assert {ListingStatus.DRAFT, ListingStatus.SUBMITTED, ListingStatus.CLOSED} <= statuses
    assert {ListingStatus.EXPIRED, ListingStatus.MATCHED} <= statuses


def test_seed_demo_boras_figures_pass_the_exchange_figures_check(demo):
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


def figures_check(exchange):
    validate_exchange_figures(
        participants_total=exchange.participants_total,
        fewer_opportunities=exchange.fewer_opportunities,
        staff=exchange.staff,
        learners=exchange.learners,
        counts={f.target_group_id: f.count for f in exchange.figures.all()},
    )


def test_seed_demo_past_exchanges_span_the_years_and_pass_the_figures_check(demo):
    exchanges = Exchange.objects.prefetch_related("figures", "parties__organisation")
    completed = exchanges.filter(status=ExchangeStatus.COMPLETED)
    assert completed.count() >= 9
    assert {e.start_date.year for e in completed} >= {2024, 2025, 2026}
    assert all(e.start_date <= timezone.localdate() for e in completed)
    assert {e.start_date.year for e in exchanges.filter(status="planned")} == {2027}
    assert exchanges.filter(status=ExchangeStatus.CANCELLED).count() == 1
    assert exchanges.values("country").distinct().count() >= 8
    for exchange in completed:
        figures_check(exchange)
        assert not exchange.figures.filter(target_group__fewer_opportunities=True).exists()
        hosts = [p.organisation for p in exchange.parties.all() if p.role == "host"]
        assert len(hosts) == 1 and exchange.parties.count() >= 2, exchange.title
        assert (hosts[0].city, hosts[0].country) == (exchange.city, exchange.country)
        assert exchange.outcomes
    assert ProgrammeItem.objects.values("exchange").distinct().count() >= 3
    assert ExchangeFeedback.objects.values("exchange").distinct().count() >= 4


def test_seed_demo_kpis_show_participants_and_a_meaningful_fewer_opportunities_share(demo):
    participants = kpis_for(year=2025)["participants"]

    assert participants["total"] > 0
    assert participants["vet_learners"] > 0 and participants["adult_learners"] > 0
    assert participants["apprentices"] > 0
    assert 10 <= participants["fewer_opportunities_share"] <= 30
    overall = kpis_for()["participants"]
    assert 15 <= overall["fewer_opportunities_share"] <= 25


def test_seed_demo_case_studies_published_and_one_draft(demo):
    published = CaseStudy.objects.published()
    assert published.count() >= 3
    assert CaseStudy.objects.filter(status=CaseStudyStatus.DRAFT).count() == 1
    for case in published:
        assert case.exchange.status == ExchangeStatus.COMPLETED
        assert case.published_at and case.lessons.filter(audience="host").exists()
        assert case.lessons.filter(audience="participants").exists()
        assert case.testimonials.exists()
        assert all(t.organisation and t.organisation_name for t in case.testimonials.all())


def test_seed_demo_match_waits_for_one_partner(demo):
    match = Match.objects.get(request__external_ref="demo-req-caminhos-outreach")
    answers = dict(match.parties.values_list("organisation__slug", "answer"))

    assert match.status == MatchStatus.CONFIRMED
    assert not Exchange.objects.filter(match=match).exists()
    assert answers["lubelskie-guidance-centre"] == Answer.PENDING
    assert answers["shannonside-fet"] == Answer.ACCEPTED
    age = timezone.now() - match.confirmed_at
    assert datetime.timedelta(days=4) < age < datetime.timedelta(days=6)
    listings = Listing.objects.filter(match_parties__match=match)
    assert set(listings.values_list("status", flat=True)) == {ListingStatus.MATCHED}


def test_seed_demo_declined_pairing_left_the_request_open(demo):
    match = Match.objects.get(status=MatchStatus.DECLINED)
    declined = match.parties.get(answer=Answer.DECLINED)

    assert declined.decline_reason and declined.answered_at
    assert match.request.status == ListingStatus.OPEN


def test_seed_demo_one_person_in_two_organisations(demo):
    two = User.objects.filter(memberships__isnull=False).annotate(n=Count("memberships"))

    assert two.filter(n=2).exists()


def test_seed_demo_invitation_waits_to_be_accepted(demo):
    invitation = Invitation.objects.get(accepted_at__isnull=True)

    assert invitation.invited_by.memberships.filter(organisation=invitation.organisation).exists()
    assert not User.objects.filter(email=invitation.email).exists()
    assert invitation.created_at < timezone.now() - datetime.timedelta(days=2)


def test_seed_demo_saved_searches_are_valid_browse_filters(demo):
    searches = SavedSearch.objects.filter(user__email="claire.chartier@centre-valdeloire.example")

    assert searches.count() == 2 and searches.filter(notify=True).exists()
    for search in searches:
        filters = ListingFilter(QueryDict(search.query), queryset=Listing.objects.open())
        assert filters.is_valid(), filters.errors
        assert filters.qs.exists(), search.query


def test_seed_demo_a_listing_expires_soon_and_some_await_review(demo):
    today = timezone.localdate()
    soon = Listing.objects.open().filter(expires_on__lte=today + datetime.timedelta(days=14))

    assert soon.filter(earliest_start__gt=today).exists()
    assert Listing.objects.filter(status=ListingStatus.SUBMITTED).exists()


def test_seed_demo_matcher_puts_boras_and_escola_first_for_the_three_way_request(demo):
    """The next step of the Borås case is open in the demo, so the secretariat can
    walk the matching journey on it."""
    from matchmaking.matcher import rank

    request = Listing.objects.get(external_ref="demo-req-cvl-three-way-female-learners")
    top = [candidate.organisation.slug for candidate in rank(request)[:3]]
    assert {"boras", "escola-del-treball"} <= set(top)
    assert request.interests.count() == 2


def test_seed_demo_stores_each_open_requests_ranking_current(demo):
    """Computed once, after the load (matchmaking.rankings.refresh_deferred):
    the curation page reads them without computing."""
    from matchmaking.matcher import rank
    from matchmaking.models import StoredRanking
    from matchmaking.rankings import ranking_stored

    requests = Listing.objects.open().filter(kind="request")
    assert set(StoredRanking.objects.values_list("pk", flat=True)) == set(
        requests.values_list("pk", flat=True)
    )
    assert not StoredRanking.objects.filter(stale=True).exists()
    request = requests.get(external_ref="demo-req-cvl-three-way-female-learners")
    stored = [c.listing.pk for c in ranking_stored(request)]
    assert stored == [c.listing.pk for c in rank(request)][: len(stored)]
