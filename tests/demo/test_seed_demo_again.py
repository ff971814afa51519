"""`seed_demo` again (as `make run` does each time): it creates what is missing and
never changes what exists, so a walk through the demo stays as it was left, with
no history rows added; `--reset` deliberately loads the demo afresh and leaves
everything else alone."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from exchanges.services import exchange_create_from_match
from listings.models import Listing, ListingStatus
from listings.services import listing_close, saved_search_delete
from matchmaking.models import Answer, Match, MatchStatus
from matchmaking.services import match_answer, match_confirm
from members.models import Invitation, Organisation, User
from members.services import invitation_withdraw, organisation_update
from tests.factories import ListingFactory, MembershipFactory, OrganisationFactory, UserFactory

SECRETARIAT = "secretariat@earlall.eu"
THREE_WAY = "demo-req-cvl-three-way-female-learners"


def seed(*args):
    call_command("seed_demo", "--quiet", *args, stdout=StringIO())


def rows() -> dict:
    """The number of rows of every table, history tables included."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names
            counts[table] = cursor.fetchone()[0]
    return counts


def user(email):
    return User.objects.get(email=email)


def walk():
    """What a visitor of the demo does, through the services the pages call."""
    secretariat = user(SECRETARIAT)
    request = Listing.objects.get(external_ref=THREE_WAY)
    partners = Listing.objects.filter(
        external_ref__in=["demo-off-boras-female-learners", "demo-off-escola-dones-oficis"]
    )
    match = match_confirm(request=request, partners=list(partners), by=secretariat, message="")
    for party in match.parties.select_related("organisation"):
        coordinator = party.organisation.memberships.get(role="coordinator").user
        match_answer(party=party, answer=Answer.ACCEPTED, by=coordinator)
    exchange_create_from_match(match=match, by=secretariat)
    pending = Match.objects.get(request__external_ref="demo-req-caminhos-outreach")
    lubelskie = pending.parties.get(answer=Answer.PENDING)
    match_answer(
        party=lubelskie,
        answer=Answer.ACCEPTED,
        by=user("katarzyna.nowak@lubelskie-guidance.example"),
    )
    nicholas = user("nicholas.waller@boras.example")
    listing_close(
        listing=Listing.objects.get(external_ref="demo-off-boras-studiebesok"), by=nicholas
    )
    boras = Organisation.objects.get(slug="boras")
    organisation_update(
        organisation=boras,
        data={"city": "Borås (Västra Götaland)"},
        themes=list(boras.themes.all()),
        languages=list(boras.languages.all()),
        by=nicholas,
    )
    albert = user("albert.peiro@escoladeltreball.example")
    invitation_withdraw(invitation=Invitation.objects.get(email__startswith="montse"), by=albert)
    for search in user("claire.chartier@centre-valdeloire.example").saved_searches.all():
        saved_search_delete(search=search)


def states() -> dict:
    return {
        "listings": dict(
            Listing.objects.filter(external_ref__startswith="demo-").values_list(
                "external_ref", "status"
            )
        ),
        "matches": dict(Match.objects.values_list("request__external_ref", "status")),
        "boras": Organisation.objects.get(slug="boras").city,
        "invitations": Invitation.objects.count(),
    }


def test_seed_demo_again_adds_no_row_to_any_table_history_included(demo):
    before = rows()

    seed()

    assert rows() == before


def test_seed_demo_after_a_walk_keeps_every_state_the_walk_left(demo):
    walk()
    walked, before = states(), rows()
    assert walked["matches"][THREE_WAY] == MatchStatus.ACCEPTED
    assert walked["listings"]["demo-off-boras-studiebesok"] == ListingStatus.CLOSED

    seed()

    assert states() == walked
    assert rows() == before
    assert walked["boras"] == "Borås (Västra Götaland)" and walked["invitations"] == 0
    assert Match.objects.get(request__external_ref=THREE_WAY).exchange is not None


def test_seed_demo_reset_loads_the_demo_afresh_and_keeps_everything_else(demo):
    fresh = states()
    other = OrganisationFactory(name="Région Bretagne", slug="bretagne", country="FR")
    person = UserFactory(email="yann@bretagne.example")
    MembershipFactory(user=person, organisation=other)
    theirs = ListingFactory(organisation=other, contact=person)
    walk()

    seed("--reset", "--noinput")

    assert states() == fresh
    assert Organisation.objects.filter(pk=other.pk).exists()
    assert Listing.objects.filter(pk=theirs.pk, status=ListingStatus.OPEN).exists()
    assert person.memberships.filter(organisation=other).exists()
    assert User.objects.filter(email=SECRETARIAT, is_staff=True).count() == 1
    assert not Match.objects.filter(request__external_ref=THREE_WAY).exists()


def test_seed_demo_reset_asks_first_and_a_no_changes_nothing(demo, monkeypatch):
    listing = Listing.objects.get(external_ref="demo-off-boras-studiebesok")
    listing_close(listing=listing, by=user("nicholas.waller@boras.example"))
    before = rows()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="Reset cancelled"):
        seed("--reset")

    assert rows() == before
    listing.refresh_from_db()
    assert listing.status == ListingStatus.CLOSED
