"""The matcher proposes the partners a well-informed secretariat member would,
and says why."""

import pytest
from django.utils import translation

from listings.models import ListingKind, ListingRole, ListingStatus
from matchmaking.matcher import left_out_named, rank, ranking
from matchmaking.models import DEFAULT_WEIGHTS, Answer, MatchingWeights, PartyRole
from matchmaking.reasons import reasons_text
from tests.factories import OfferFactory, OrganisationFactory, RequestFactory, in_days

pytestmark = pytest.mark.django_db


def names(ranked):
    return [c.organisation.name for c in ranked]


def test_matcher_puts_boras_and_escola_in_top_three_for_centre_val_de_loire(case):
    top = names(rank(case.request, limit=3))
    assert "Working Life Department of the municipality of Borås" in top
    assert "Institut Escola del Treball" in top


def test_matcher_explains_each_candidate_in_the_users_words(case):
    boras = next(c for c in rank(case.request) if c.listing == case.boras_offer)
    texts = reasons_text(boras.reasons)
    assert "both work on Gender equality" in texts
    host = "Working Life Department of the municipality of Borås"
    guest = "Centre-Val de Loire Region - Service Orientation"
    assert f"{host} can host 12; {guest} brings 8" in texts
    # Each side reads it as its own: "you" is the reader.
    as_host = reasons_text(boras.reasons, readers=[case.boras_offer.organisation_id])
    assert f"you can host 12; {guest} brings 8" in as_host
    as_guest = reasons_text(boras.reasons, readers=[case.request.organisation_id])
    assert f"{host} can host 12; you bring 8" in as_guest
    assert any(t.startswith("the descriptions speak of the same thing") for t in texts)
    assert any(t.startswith("dates overlap ") for t in texts)
    assert "shared language: English" in texts
    assert "different country" in texts
    assert "supports participants with fewer opportunities" in texts
    assert "expressed interest" in texts
    assert any("gender equality" in t for t in texts if t.startswith("both descriptions speak of"))
    assert boras.role == PartyRole.HOST


def test_matcher_names_the_mismatches(case):
    tampere = next(c for c in rank(case.request) if "Tampere" in c.organisation.name)
    assert "no shared theme" not in reasons_text(tampere.reasons)
    bologna = next(c for c in rank(case.request) if "Bologna" in c.organisation.name)
    assert "no shared theme" in reasons_text(bologna.reasons)


def test_matcher_leaves_out_a_partner_with_no_shared_language_and_says_so(case):
    found = ranking(case.request)
    assert "Digital Berufsschule München" not in names(found.candidates)
    left_out = {
        item.listing.organisation.name: item.rule for item in left_out_named(found.left_out)
    }
    assert left_out["Digital Berufsschule München"] == "language"


def test_matcher_leaves_out_what_the_hard_rules_exclude(case):
    ranked = names(rank(case.request))
    assert "Closed Gender Offer Graz" not in ranked  # not open
    assert "Sending School Porto" not in ranked  # a group to send needs a host
    assert "Short Window Lyon" not in ranked  # three days cannot hold six
    assert case.request.organisation.name not in ranked


def test_matcher_never_proposes_the_same_organisation(case):
    OfferFactory(organisation=case.request.organisation, themes=list(case.request.themes.all()))
    assert case.request.organisation.name not in names(rank(case.request))


def test_matcher_needs_the_overlap_of_windows_to_hold_the_duration(case):
    org = OrganisationFactory(name="Late Starter Gent", country="BE")
    # Both windows are long enough, but they overlap by three days only.
    OfferFactory(
        organisation=org, earliest_start=in_days(57), latest_end=in_days(90), duration_days=6
    )
    assert "Late Starter Gent" not in names(rank(case.request))


def test_matcher_proposes_other_requests_whose_roles_fit(case):
    org = OrganisationFactory(name="Host-or-send Region Tallinn", country="EE")
    other = RequestFactory(
        organisation=org,
        role=ListingRole.EITHER,
        themes=list(case.request.themes.all()),
        earliest_start=case.request.earliest_start,
        latest_end=case.request.latest_end,
    )
    sending = RequestFactory(
        organisation=OrganisationFactory(name="Sending Region Riga", country="LV"),
        role=ListingRole.SEND,
        earliest_start=case.request.earliest_start,
        latest_end=case.request.latest_end,
    )
    ranked = {c.listing: c for c in rank(case.request)}
    assert other in ranked and other.kind == ListingKind.REQUEST
    assert "both look for partners on this theme" in reasons_text(ranked[other].reasons)
    assert sending not in ranked


def test_matcher_reads_descriptions_whatever_the_tags_and_language(db):
    window = {"earliest_start": in_days(10), "latest_end": in_days(40)}
    request = RequestFactory(
        title="Women in male-dominated trades",
        description="Nous voulons que plus de femmes choisissent les métiers du bâtiment.",
        organisation=OrganisationFactory(country="FR"),
        **window,
    )
    fits = OfferFactory(
        title="Jämställdhet i yrkesutbildningen",
        description="Vi tar emot besök om jämställdhet och kvinnor i byggprogrammet.",
        organisation=OrganisationFactory(name="Fits", country="SE"),
        **window,
    )
    unrelated = OfferFactory(
        title="Digitale Kompetenzen",
        description="Programmieren und Informatik für Lehrkräfte.",
        organisation=OrganisationFactory(name="Unrelated", country="DE"),
        **window,
    )
    ranked = {c.listing: c for c in rank(request)}
    assert ranked[fits].score > ranked[unrelated].score


def test_matcher_does_not_propose_a_pairing_declined_before(case, secretariat):
    from matchmaking.services import match_answer, match_confirm

    match = match_confirm(
        request=case.request, partners=[case.boras_offer], by=secretariat, message=""
    )
    party = match.parties.get(organisation=case.boras_offer.organisation)
    match_answer(party=party, answer=Answer.DECLINED, by=secretariat, reason="No room in December")
    case.request.refresh_from_db()
    assert case.request.status == ListingStatus.OPEN
    assert case.boras_offer.organisation.name not in names(rank(case.request))
    party.refresh_from_db()
    assert party.decline_reason == "No room in December"


def test_matcher_weights_from_the_admin_change_the_ranking(case):
    before = {c.listing: c.score for c in rank(case.request)}
    MatchingWeights.objects.create(interest=100)
    after = {c.listing: c.score for c in rank(case.request)}
    # Borås expressed interest: it gains the new weight, and every score is
    # still read out of 100 (the weights now add up to more).
    total, gain = sum(DEFAULT_WEIGHTS.values()), 100 - DEFAULT_WEIGHTS["interest"]
    expected = (before[case.boras_offer] * total / 100 + gain) * 100 / (total + gain)
    assert after[case.boras_offer] == pytest.approx(expected)
    assert after[case.boras_offer] > before[case.boras_offer]


def test_scores_are_out_of_100_whatever_the_weights_add_up_to(case):
    before = {c.listing: c.score for c in rank(case.request)}
    assert all(0 <= score <= 100 for score in before.values())
    assert 50 < before[case.boras_offer] < 100
    # The same weights, each doubled: the same scores.
    MatchingWeights.objects.create(**{name: 2 * w for name, w in DEFAULT_WEIGHTS.items()})
    after = {c.listing: c.score for c in rank(case.request)}
    assert after == pytest.approx(before)


def test_boras_comes_first_and_escola_second_with_the_title_and_centred_vectors(case):
    top = names(rank(case.request, limit=2))
    assert top == [
        "Working Life Department of the municipality of Borås",
        "Institut Escola del Treball",
    ]


def test_the_same_data_gives_the_same_ranking_every_time(case):
    from embeddings.index import index

    first = [(c.listing.pk, round(c.score, 9)) for c in rank(case.request)]
    index.clear()  # read the vectors again, as a fresh process would
    assert [(c.listing.pk, round(c.score, 9)) for c in rank(case.request)] == first


def test_an_offer_that_ticks_every_theme_does_not_outrank_one_on_the_requests_theme():
    from listings.models import Listing
    from listings.services import listings_embed
    from tests.factories import ThemeFactory

    gender, *others = (
        ThemeFactory(name=name) for name in ("Gender", "Green skills", "Digital skills", "Tourism")
    )
    request = RequestFactory(organisation=OrganisationFactory(country="FR"), themes=[gender])
    same = {
        "title": "We host a study visit on gender equality in VET",
        "description": "Guidance counsellors meet our schools and employers for a week.",
    }
    OfferFactory(
        organisation=OrganisationFactory(name="Focused", country="DE"), themes=[gender], **same
    )
    # Named to come first when the scores are equal: only the themes part them.
    OfferFactory(
        organisation=OrganisationFactory(name="Aaa Ticks every theme", country="DE"),
        themes=[gender, *others],
        **same,
    )
    listings_embed(listings=Listing.objects.all())

    assert names(rank(request))[:2] == ["Focused", "Aaa Ticks every theme"]


def test_a_partner_abroad_comes_before_a_closer_partner_at_home():
    from listings.models import Listing
    from listings.services import listings_embed

    request = RequestFactory(organisation=OrganisationFactory(country="FR"))
    text = {
        "title": "We host a study visit on gender equality in guidance",
        "description": "Guidance counsellors meet our schools and employers for a week.",
    }
    # Named to come first, and closer in words: only the border parts them.
    OfferFactory(organisation=OrganisationFactory(name="Aaa At home", country="FR"), **text)
    OfferFactory(
        organisation=OrganisationFactory(name="Abroad", country="DE"),
        title="Study visits for guidance staff",
        description="Visitors meet our counsellors.",
    )
    listings_embed(listings=Listing.objects.all())

    ranked = rank(request)
    assert names(ranked)[:2] == ["Abroad", "Aaa At home"]
    assert "same country" in reasons_text(ranked[1].reasons)


def test_a_preferred_country_is_named_in_the_readers_language(case):
    # Reasons are stored once and read by every party in their own language:
    # the French requester read "dans un pays souhaité : Sweden".
    boras = next(c for c in rank(case.request) if c.listing == case.boras_offer)
    assert "in a preferred country: Sweden" in reasons_text(boras.reasons)
    with translation.override("fr"):
        french = [t for t in reasons_text(boras.reasons) if "Suède" in t or "Sweden" in t]
    assert len(french) == 1
    assert "Suède" in french[0]
