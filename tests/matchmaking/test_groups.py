"""Groups of partners, reciprocal exchanges and three-way rings."""

import pytest

from listings.models import ListingRole
from matchmaking.groups import proposals, reciprocal, rings
from matchmaking.matcher import rank
from tests.factories import OfferFactory, OrganisationFactory, RequestFactory

pytestmark = pytest.mark.django_db


def members(group):
    return {group.host.listing, *(c.listing for c in group.participants)}


def test_groups_propose_boras_hosting_with_escola_taking_part(case):
    groups = proposals(case.request, rank(case.request))
    best = next(g for g in groups if members(g) == {case.boras_offer, case.escola_offer})
    assert best.host.listing == case.boras_offer
    assert [c.listing for c in best.participants] == [case.escola_offer]


def test_groups_never_exceed_what_the_host_can_take(case):
    sender = RequestFactory(
        organisation=OrganisationFactory(name="Sending Region Tartu", country="EE"),
        role=ListingRole.SEND,
        participants=4,
        themes=list(case.request.themes.all()),
        earliest_start=case.request.earliest_start,
        latest_end=case.request.latest_end,
    )
    case.boras_offer.participants = 10  # 8 from the request + 4 from Tartu do not fit
    case.boras_offer.save()
    groups = proposals(case.request, rank(case.request), limit=50)
    assert all(members(g) != {case.boras_offer, sender} for g in groups)
    # Escola's 4 is what it can host, not a group travelling: Borås still fits.
    assert any(members(g) == {case.boras_offer, case.escola_offer} for g in groups)


def test_groups_add_other_senders_on_the_same_themes(case):
    sender = RequestFactory(
        organisation=OrganisationFactory(name="Sending Region Tartu", country="EE"),
        role=ListingRole.SEND,
        participants=2,
        themes=list(case.request.themes.all()),
        earliest_start=case.request.earliest_start,
        latest_end=case.request.latest_end,
    )
    groups = proposals(case.request, rank(case.request), limit=20)
    assert any(sender in members(g) for g in groups)


def test_groups_are_not_proposed_for_a_request_that_hosts(case):
    case.request.role = ListingRole.HOST
    assert proposals(case.request, rank(case.request)) == []


def test_reciprocal_spots_a_partner_the_requester_could_host_later(case):
    gender = list(case.request.themes.all())
    OfferFactory(organisation=case.request.organisation, role=ListingRole.HOST, themes=gender)
    RequestFactory(organisation=case.boras_offer.organisation, role=ListingRole.SEND, themes=gender)
    found = [c.listing for c in reciprocal(case.request, rank(case.request))]
    assert case.boras_offer in found
    # Escola's offer is "host or take part": it could come to Centre-Val de Loire too.
    assert case.escola_offer in found
    assert all(listing.organisation.country.code != "FI" for listing in found)  # Tampere


def test_rings_find_the_three_way_project_of_the_seed_case(case):
    gender = list(case.request.themes.all())
    # Centre-Val de Loire could host, Borås wants to send: with Escola hosting
    # or sending, A→B→C→A closes.
    OfferFactory(organisation=case.request.organisation, role=ListingRole.HOST, themes=gender)
    RequestFactory(organisation=case.boras_offer.organisation, role=ListingRole.SEND, themes=gender)
    found = [(b.organisation, c) for b, c in rings(case.request, rank(case.request))]
    assert (case.boras_offer.organisation, case.escola) in found
