"""The matcher's fast path (one table in SQL, the rules in numpy) ranks exactly as
the rules read one listing at a time would: same candidates, same order, same
scores, signals and reasons, and the same listings left out for the same rule.

The reference below is written plainly, from matchmaking.rules and the scoring
of matchmaking.signals, over every listing of a small set in which every hard
rule keeps some listings and refuses others."""

import secrets

import numpy as np
import pytest

from embeddings.encoders import encoder, encoder_name
from embeddings.models import ListingVector
from embeddings.selectors import similarities
from listings.models import Listing, ListingKind, ListingRole, ListingStatus
from matchmaking import rules
from matchmaking.candidates import tag_ids
from matchmaking.matcher import order, rank, ranking
from matchmaking.models import Answer, MatchParty
from matchmaking.signals import Context, score
from members.models import Organisation
from tests.factories import (
    ExpressionOfInterestFactory,
    FormatFactory,
    LanguageFactory,
    MatchFactory,
    MatchPartyFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
    TargetGroupFactory,
    ThemeFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def reference(request: Listing) -> tuple[list, list]:
    """(candidates best first, [(listing id, rule)] left out), one listing at a time."""
    ctx = Context(request)
    declined = set(
        MatchParty.objects.filter(match__request=request, answer=Answer.DECLINED).values_list(
            "organisation_id", flat=True
        )
    )
    wanted = set(ctx.languages_for_rule)
    listings = with_link_tables(Listing.objects.filter(status=ListingStatus.OPEN))
    stamps = dict(ListingVector.objects.values_list("listing_id", "stamp"))
    sims = similarities(
        ctx.vector, [x.pk for x in listings], [stamps.get(x.pk) for x in listings]
    ).tolist()
    kept, left_out = [], []
    for listing, sim in zip(listings, sims, strict=True):
        if (
            listing.role not in rules.COMPLEMENT[request.role]
            or listing.organisation_id == request.organisation_id
            or listing.organisation_id in declined
            or rules.overlap_days(request, listing) < request.duration_days
        ):
            continue
        spoken = listing.languages_ids or listing.organisation_languages
        if not rules.holds_stays(request, listing):
            left_out.append((listing.pk, "dates", sim))
        elif wanted and spoken and not spoken & wanted:
            left_out.append((listing.pk, "language", sim))
        else:
            kept.append((listing, sim))
    ctx.prepare([x.organisation_id for x, _sim in kept], [sim for _x, sim in kept])
    candidates = order([score(ctx, listing, sim) for listing, sim in kept])
    left_out.sort(key=lambda item: (-(-1 if np.isnan(item[2]) else item[2]), item[0]))
    return candidates, [(pk, rule) for pk, rule, _sim in left_out]


def with_link_tables(qs) -> list:
    """The listings with their tags read from the link tables, not from the
    copies on their rows that the fast path reads."""
    listings = list(qs.select_related("organisation"))
    found = tag_ids([x.pk for x in listings])
    spoken = {}
    for org, language in Organisation.languages.through.objects.values_list(
        "organisation_id", "language_id"
    ):
        spoken.setdefault(org, set()).add(language)
    for listing in listings:
        for name in ("themes", "formats", "target_groups", "languages"):
            setattr(listing, f"{name}_ids", found[name].get(listing.pk, set()))
        listing.organisation_languages = spoken.get(listing.organisation_id, set())
    return listings


def as_compared(candidates) -> list:
    return [(c.listing.pk, c.role, c.fits, c.score, c.signals, c.reasons) for c in candidates]


def give_vectors(listings, *, seed=11) -> None:
    """Vectors as the encoder would store them (random, but fixed by the seed)."""
    rows = np.random.default_rng(seed).normal(size=(len(listings), encoder().dimensions))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    ListingVector.objects.bulk_create(
        ListingVector(
            listing=listing,
            encoder=encoder_name(),
            vector=row.astype("<f4").tobytes(),
            text_hash=f"test-{listing.pk}",
            stamp=secrets.randbits(62),
        )
        for listing, row in zip(listings, rows, strict=True)
    )


@pytest.fixture
def every_rule():
    """A request and listings that each meet or break one rule."""
    gender = ThemeFactory(name="Gender equality", slug="gender-equality")
    guidance = ThemeFactory(name="Career guidance", slug="career-guidance")
    green = ThemeFactory(name="Green skills", slug="green-skills")
    visit = FormatFactory(name="Study visit", slug="study-visit")
    shadowing = FormatFactory(name="Job shadowing", slug="job-shadowing")
    staff = TargetGroupFactory(name="Guidance staff", slug="guidance-staff")
    english = LanguageFactory(code="en", name="English")
    french = LanguageFactory(code="fr", name="French")
    german = LanguageFactory(code="de", name="German")

    def org(name, country="SE", languages=()):
        organisation = OrganisationFactory(name=name, country=country)
        organisation.languages.set(languages)
        return organisation

    window = {"earliest_start": in_days(40), "latest_end": in_days(70)}
    request = RequestFactory(
        organisation=org("Requester", "FR", [french]),
        role=ListingRole.SEND,
        participants=8,
        duration_days=6,
        themes=[gender, guidance],
        formats=[visit],
        languages=[english, french],
        preferred_countries=["SE"],
        **window,
    )
    request.target_groups.set([staff])

    def offer(name, **fields):
        fields = {**window, **fields}
        organisation = fields.pop("organisation", None) or org(name, fields.pop("country", "SE"))
        named = fields.pop("languages", [english])
        listing = OfferFactory(organisation=organisation, languages=named or [english], **fields)
        if not named:
            listing.languages.clear()  # the factory gives English to an empty list
        return listing

    listings = [
        # Kept: a shared language, themes, format, target group, a preferred country.
        offer("Host in Sweden", themes=[gender, guidance], formats=[visit], languages=[english]),
        offer("Host in Spain", country="ES", themes=[gender], languages=[french]),
        offer("Host in France, same country", country="FR", themes=[green], languages=[french]),
        # Languages: none of its own, its organisation's French; its organisation's
        # German only (left out); nobody stated any (no rule); German only.
        offer(
            "Speaks French through its organisation",
            organisation=org("Speaks French through its organisation", "IT", [french]),
            languages=[],
        ),
        offer(
            "Speaks German through its organisation",
            organisation=org("Speaks German through its organisation", "DE", [german]),
            languages=[],
        ),
        offer("No language named", languages=[]),
        offer("Speaks German only", languages=[german]),
        # Capacity: a host that cannot take the group of 8, and one that can host or
        # send and cannot, which takes part alongside the requester instead.
        offer("Small host", participants=4, languages=[english]),
        offer("Small either", role=ListingRole.EITHER, participants=4, languages=[english]),
        # Roles: one that only sends is no partner for a request that sends.
        offer("Also sends", role=ListingRole.SEND, languages=[english]),
        # Dates: the overlap of the windows cannot hold the stay (no candidate), or
        # the candidate's own window is too short.
        offer("Too late", earliest_start=in_days(67), latest_end=in_days(120)),
        offer("Too short", earliest_start=in_days(50), latest_end=in_days(53)),
        # A request paired with a request: both stays must fit the overlap.
        RequestFactory(
            organisation=org("Hosting request, short stay", "PT"),
            role=ListingRole.HOST,
            duration_days=8,
            participants=10,
            languages=[english],
            **window,
        ),
        RequestFactory(
            organisation=org("Hosting request, long stay", "PT"),
            role=ListingRole.HOST,
            duration_days=40,
            participants=10,
            languages=[english],
            **window,
        ),
        # Another listing of the requester's organisation; one not open.
        offer("Mine", organisation=request.organisation, languages=[english]),
        offer("Closed", status=ListingStatus.CLOSED, languages=[english]),
        # Equal in everything but the name: ties broken by the organisation's name.
        offer("Twin B", themes=[gender], formats=[shadowing], languages=[english]),
        offer("Twin A", themes=[gender], formats=[shadowing], languages=[english]),
        offer(
            "Fewer opportunities",
            fewer_opportunities_support="Mentors for participants with fewer opportunities.",
            languages=[english],
        ),
    ]
    declined = offer("Declined before", languages=[english])
    match = MatchFactory(request=request)
    MatchPartyFactory(match=match, organisation=declined.organisation, answer=Answer.DECLINED)
    ExpressionOfInterestFactory(listing=request, organisation=listings[1].organisation)
    # Every listing but one has its vector: the one without takes the median.
    give_vectors([request, *listings[:-1], declined])
    return request, [*listings, declined]


def test_fast_path_ranks_exactly_as_the_rules_read_one_by_one(every_rule):
    request, _listings = every_rule
    expected, expected_out = reference(request)
    found = ranking(request)
    for got, want in zip(as_compared(found.candidates), as_compared(expected), strict=False):
        assert got == want
    assert as_compared(found.candidates) == as_compared(expected)
    assert [(item.listing_id, item.rule) for item in found.left_out] == expected_out
    # The set exercises what it means to: each rule keeps some and refuses others.
    names = {c.organisation.name: c for c in found.candidates}
    assert "Speaks French through its organisation" in names and "No language named" in names
    assert not names["Small host"].fits and names["Small either"].role == "participant"
    assert "Hosting request, short stay" in names
    rules_seen = {rule for _pk, rule in expected_out}
    assert rules_seen == {"dates", "language"}
    for absent in ("Also sends", "Too late", "Too short", "Mine", "Closed", "Declined before"):
        assert absent not in names


def test_fast_path_ranks_every_request_of_the_set_as_the_reference(every_rule):
    """The other requests seek other roles (a request that hosts)."""
    request, listings = every_rule
    for other in [x for x in listings if x.kind == ListingKind.REQUEST] + [request]:
        expected, expected_out = reference(other)
        found = ranking(other)
        assert as_compared(found.candidates) == as_compared(expected), other.organisation.name
        assert [(i.listing_id, i.rule) for i in found.left_out] == expected_out


def test_fast_path_follows_a_change_of_themes_or_languages(every_rule):
    request, listings = every_rule
    german_only = next(x for x in listings if x.organisation.name == "Speaks German only")
    german_only.languages.add(LanguageFactory(code="fr", name="French"))
    assert german_only.organisation.name in [c.organisation.name for c in rank(request)]
    assert as_compared(rank(request)) == as_compared(reference(request)[0])
    german_only.languages.clear()
    assert as_compared(rank(request)) == as_compared(reference(request)[0])


def test_listing_row_keeps_its_theme_and_language_ids_in_step(db):
    gender = ThemeFactory(name="Gender equality", slug="gender-equality")
    green = ThemeFactory(name="Green skills", slug="green-skills")
    english = LanguageFactory(code="en", name="English")
    listing = OfferFactory(themes=[gender], languages=[english])

    def copies():
        listing.refresh_from_db()
        return listing.theme_ids, listing.language_ids

    assert copies() == ([gender.pk], [english.pk])
    listing.themes.add(green)
    assert copies() == (sorted([gender.pk, green.pk]), [english.pk])
    green.listing_set.remove(listing)  # from the theme's side
    assert copies() == ([gender.pk], [english.pk])
    listing.languages.clear()
    assert copies() == ([gender.pk], [])
    gender.listing_set.clear()
    assert copies() == ([], [])


def test_ranking_takes_as_many_queries_whatever_the_number_of_listings(
    every_rule, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request, listings = every_rule
    with CaptureQueriesContext(connection) as few:
        ranking(request)
    for n in range(10):
        OfferFactory(
            organisation=OrganisationFactory(name=f"More {n}"),
            earliest_start=listings[0].earliest_start,
            latest_end=listings[0].latest_end,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        ranking(request)


def test_beyond_the_cap_a_hub_is_pre_scored_as_the_score_reads_it(every_rule):
    """A listing close to every request (a hub, embeddings.offsets) is read less
    close by the score; the pre-score that keeps the best `cap` of many survivors
    reads it so too, so it does not take the place of one the score puts higher."""
    from embeddings.offsets import offsets_use

    request, _listings = every_rule
    (first,) = ranking(request, cap=1).candidates
    try:
        offsets_use({}, key="hub", hubness={first.listing.pk: 2.0})
        (now,) = ranking(request, cap=1).candidates
    finally:
        offsets_use(None)
    assert now.listing.pk != first.listing.pk
