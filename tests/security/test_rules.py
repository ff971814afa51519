"""Each permission rule once, allowed and refused (the rules: <app>/permissions.py).

The pages and services ask these rules; tests/security/test_permissions.py checks
what each page answers each role. A new rule needs its rows here: the last test
says so."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from rules.rulesets import default_rules

from members.models import MembershipStatus, Role
from tests.factories import (
    CaseStudyFactory,
    ExchangeFactory,
    ExchangeOrganisationFactory,
    MatchPartyFactory,
    MembershipFactory,
    OrganisationFactory,
    PublishedCaseStudyFactory,
    RequestFactory,
    UserFactory,
)

# (rule, who, the object, allowed?)
CASES = [
    ("members.browse", "bob", None, True),
    ("members.browse", "secretariat", None, True),
    ("members.browse", "visitor", None, False),
    ("members.browse", "suspended", None, False),
    ("members.act_for_member", "bob", None, True),
    ("members.act_for_member", "secretariat", None, False),
    ("members.act_for_member", "suspended", None, False),
    ("members.manage_organisation", "alice", "boras", True),
    ("members.manage_organisation", "secretariat", "boras", True),
    ("members.manage_organisation", "bob", "boras", False),
    ("members.manage_organisation", "charlie", "boras", False),
    ("listings.view_listing", "bob", "draft", True),
    ("listings.view_listing", "secretariat", "draft", True),
    ("listings.view_listing", "charlie", "draft", False),
    ("listings.view_listing", "charlie", "open_listing", True),
    ("listings.view_listing", "suspended", "open_listing", False),
    ("listings.change_listing", "bob", "open_listing", True),
    ("listings.change_listing", "charlie", "open_listing", False),
    ("listings.change_listing", "superuser", "open_listing", False),
    ("listings.add_listing", "bob", None, True),
    ("listings.add_listing", "secretariat", None, False),
    ("matchmaking.answer_for_party", "alice", "party", True),
    ("matchmaking.answer_for_party", "dora", "party", True),
    ("matchmaking.answer_for_party", "bob", "party", False),
    ("matchmaking.answer_for_party", "charlie", "party", False),
    ("exchanges.report_exchange", "alice", "exchange", True),
    ("exchanges.report_exchange", "bob", "exchange", False),
    ("exchanges.report_exchange", "charlie", "exchange", False),
    ("exchanges.give_feedback", "bob", "boras", True),
    ("exchanges.give_feedback", "charlie", "boras", False),
    # A suspended organisation's people give no feedback on its exchanges.
    ("exchanges.give_feedback", "suspended", "suspended_organisation", False),
    ("monitoring.view_dashboard", "alice", None, True),
    ("monitoring.view_dashboard", "secretariat", None, True),
    ("monitoring.view_dashboard", "bob", None, False),
    ("monitoring.view_dashboard", "suspended", None, False),
    ("events.act_for_organisation", "bob", "boras", True),
    ("events.act_for_organisation", "secretariat", "boras", False),
    ("events.register_organisation", "secretariat", "boras", True),
    ("events.register_organisation", "charlie", "boras", False),
    # A suspended organisation's people act for it at no event.
    ("events.act_for_organisation", "suspended", "suspended_organisation", False),
    ("events.register_organisation", "suspended", "suspended_organisation", False),
    # Nor does it take a place that frees up on the waiting list.
    ("events.take_a_place", "bob", "boras", True),
    ("events.take_a_place", "suspended", "suspended_organisation", False),
    # Nor are its meetings on the schedule.
    ("events.hold_a_meeting", "bob", "boras", True),
    ("events.hold_a_meeting", "suspended", "suspended_organisation", False),
    ("casestudies.contribute", "bob", "draft_case_study", True),
    ("casestudies.contribute", "charlie", "draft_case_study", False),
    ("casestudies.change_casestudy", "bob", "draft_case_study", True),
    ("casestudies.change_casestudy", "bob", "published_case_study", False),
    ("casestudies.change_casestudy", "charlie", "draft_case_study", False),
    # A suspended organisation's people read their exchange's draft and write none of it.
    ("casestudies.contribute", "suspended", "suspended_party_case_study", True),
    ("casestudies.change_casestudy", "suspended", "suspended_party_case_study", False),
]


@pytest.fixture
def world(alice, bob, charlie, secretariat, boras):
    dora = UserFactory(email="dora@boras.example")
    MembershipFactory(user=dora, organisation=boras, role=Role.CONTACT)
    suspended = OrganisationFactory(status=MembershipStatus.SUSPENDED)
    exchange, earlier = ExchangeFactory(status="completed"), ExchangeFactory(status="completed")
    for each in (exchange, earlier):
        ExchangeOrganisationFactory(exchange=each, organisation=boras)
    with_suspended = ExchangeFactory(status="completed")
    ExchangeOrganisationFactory(exchange=with_suspended, organisation=suspended)
    people = {
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "dora": dora,
        "secretariat": secretariat,
        "suspended": MembershipFactory(organisation=suspended).user,
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    things = {
        "boras": boras,
        "draft": RequestFactory(organisation=boras, status="draft"),
        "open_listing": RequestFactory(organisation=boras),
        # Dora is the contact person of the listing that brought Borås in.
        "party": MatchPartyFactory(
            organisation=boras, listing=RequestFactory(organisation=boras, contact=dora)
        ),
        "exchange": exchange,
        "draft_case_study": CaseStudyFactory(exchange=exchange),
        "published_case_study": PublishedCaseStudyFactory(exchange=earlier),
        "suspended_organisation": suspended,
        "suspended_party_case_study": CaseStudyFactory(exchange=with_suspended),
    }
    return people, things


@pytest.mark.parametrize(("rule", "who", "thing", "allowed"), CASES)
def test_rule_allows_and_refuses(world, rule, who, thing, allowed):
    people, things = world
    # A fresh user object, as each request has: the rules keep what they read on it.
    user = AnonymousUser() if who == "visitor" else get_user_model().objects.get(pk=people[who].pk)
    args = (user,) if thing is None else (user, things[thing])
    assert default_rules.test_rule(rule, *args) is allowed


def test_every_rule_is_checked_here_both_ways():
    checked = {(rule, allowed) for rule, _who, _thing, allowed in CASES}
    missing = sorted(
        f"{rule} ({'allowed' if allowed else 'refused'})"
        for rule in default_rules
        for allowed in (True, False)
        if (rule, allowed) not in checked
    )
    assert not missing, f"rules without a case in CASES: {missing}"
