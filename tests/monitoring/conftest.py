"""A small partnership whose figures are worked out by hand in the tests.

2024: the Borås exchange (completed, 6 participants, 2 with fewer opportunities).
2025: requests R1 (matched, Borås), R2 (open, Borås), R3 (expired, Centre-Val de
Loire); offers O1 (open, Centre-Val de Loire), O2 (matched, Valencia); a draft;
matches M1 (accepted, 10 days after R1), M2 (declined, 30 days after R3), M3
(confirmed, 5 days after R2); exchanges E1 (completed, from M1, 54 days later),
E2 (completed, no match), E3 (planned, from M3, 103 days later), E4 (cancelled).
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from exchanges.models import ExchangeRole, ExchangeStatus
from listings.models import ListingKind, ListingStatus
from matchmaking.models import MatchStatus
from tests.factories import (
    ExchangeFactory,
    ExchangeOrganisationFactory,
    ExchangeParticipantsFactory,
    FormatFactory,
    ListingFactory,
    MatchFactory,
    MatchPartyFactory,
    OrganisationFactory,
    TargetGroupFactory,
    ThemeFactory,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The public summary is cached; each test starts from what its data says.
    cache.clear()
    yield
    cache.clear()


def at_noon(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def _exchange(*, parties, figures=(), themes=(), **kwargs):
    exchange = ExchangeFactory(**kwargs)
    exchange.themes.set(themes)
    for organisation, role in parties:
        ExchangeOrganisationFactory(exchange=exchange, organisation=organisation, role=role)
    for group, count in figures:
        ExchangeParticipantsFactory(exchange=exchange, target_group=group, count=count)
    return exchange


@pytest.fixture
def valencia(db):
    return OrganisationFactory(name="Valencia VET Centre", slug="valencia", country="ES")


@pytest.fixture
def partnership(boras, centre_val_de_loire, valencia):
    cvl = centre_val_de_loire
    gender = ThemeFactory(name="Gender equality")
    green = ThemeFactory(name="Green skills")
    visit = FormatFactory(name="Study visit")
    shadowing = FormatFactory(name="Staff job shadowing")
    vet = TargetGroupFactory(name="VET learners")
    apprentices = TargetGroupFactory(name="Apprentices")
    adults = TargetGroupFactory(name="Adult learners")
    guidance = TargetGroupFactory(name="Guidance staff")

    def listing(kind, organisation, status, submitted, theme, fmt=visit):
        return ListingFactory(
            kind=kind,
            organisation=organisation,
            status=status,
            submitted_at=submitted,
            themes=[theme],
            formats=[fmt],
        )

    request, offer, s = ListingKind.REQUEST, ListingKind.OFFER, ListingStatus
    r1 = listing(request, boras, s.MATCHED, at_noon(2025, 1, 10), gender)
    r2 = listing(request, boras, s.OPEN, at_noon(2025, 2, 1), green)
    r3 = listing(request, cvl, s.EXPIRED, at_noon(2025, 3, 1), gender)
    listing(offer, cvl, s.OPEN, at_noon(2025, 1, 5), gender)
    listing(offer, valencia, s.MATCHED, at_noon(2025, 4, 1), green, shadowing)
    listing(request, boras, s.DRAFT, None, gender)
    listing(request, boras, s.CLOSED, at_noon(2024, 6, 1), gender)

    m1 = MatchFactory(request=r1, status=MatchStatus.ACCEPTED, confirmed_at=at_noon(2025, 1, 20))
    MatchPartyFactory(match=m1, organisation=cvl)
    m2 = MatchFactory(request=r3, status=MatchStatus.DECLINED, confirmed_at=at_noon(2025, 3, 31))
    MatchPartyFactory(match=m2, organisation=valencia)
    m3 = MatchFactory(request=r2, status=MatchStatus.CONFIRMED, confirmed_at=at_noon(2025, 2, 6))
    MatchPartyFactory(match=m3, organisation=valencia)

    host, sending = ExchangeRole.HOST, ExchangeRole.SENDING
    completed, planned = ExchangeStatus.COMPLETED, ExchangeStatus.PLANNED
    e0 = _exchange(
        title="Advancing Gender Equality in Education Exchange",
        status=completed,
        start_date=datetime.date(2024, 12, 9),
        end_date=datetime.date(2024, 12, 14),
        participants_total=6,
        fewer_opportunities=2,
        parties=[(boras, host), (cvl, sending)],
        figures=[(guidance, 6)],
        themes=[gender],
    )
    e1 = _exchange(
        title="Guidance without gender bias",
        match=m1,
        format=visit,
        status=completed,
        start_date=datetime.date(2025, 3, 15),
        end_date=datetime.date(2025, 3, 20),
        participants_total=10,
        fewer_opportunities=3,
        parties=[(boras, host), (cvl, sending)],
        figures=[(vet, 4), (guidance, 6)],
        themes=[gender],
    )
    e2 = _exchange(
        title="Green workshops in Valencia",
        format=shadowing,
        status=completed,
        start_date=datetime.date(2025, 5, 10),
        end_date=datetime.date(2025, 5, 14),
        country="ES",
        city="Valencia",
        participants_total=5,
        fewer_opportunities=0,
        parties=[(valencia, host), (boras, sending)],
        figures=[(adults, 2), (apprentices, 3)],
        themes=[green],
    )
    e3 = _exchange(
        title="Planned visit to Valencia",
        match=m3,
        format=visit,
        status=planned,
        start_date=datetime.date(2025, 5, 20),
        end_date=datetime.date(2025, 5, 24),
        country="ES",
        city="Valencia",
        participants_total=8,
        parties=[(valencia, host), (cvl, sending)],
        themes=[green],
    )
    _exchange(
        title="Cancelled visit",
        format=visit,
        status=ExchangeStatus.CANCELLED,
        start_date=datetime.date(2025, 6, 1),
        end_date=datetime.date(2025, 6, 2),
        participants_total=50,
        fewer_opportunities=50,
        parties=[(boras, host)],
    )
    return SimpleNamespace(
        boras=boras,
        cvl=cvl,
        valencia=valencia,
        gender=gender,
        green=green,
        visit=visit,
        shadowing=shadowing,
        exchanges=[e0, e1, e2, e3],
        e1=e1,
        m3=m3,
        vet=vet,
        apprentices=apprentices,
    )
