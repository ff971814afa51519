"""Every URL × every role, generated from the URL resolver.

RULES holds one line per URL name: the object its arguments name, and the
answer of a GET for each role, in ROLES order. A URL added without a line here
fails `test_every_url_has_a_rule`, naming it; add the line with the answers you
intend (write them first, then make the view give them).

Answers: 200, 400, 403, 404, 405 (POST-only: the GET is refused, sometimes before
the access checks, which the services repeat), "login" (redirect to the sign-in
page), "redirect" (elsewhere). The secretariat works in the admin: the members'
own pages (matches, edit forms) answer it 403 or 404.
Admin URLs follow ADMIN_RULE, generated for every registered model.
"""

import pytest
from django.conf import settings
from django.contrib.admin import site as admin_site
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from events.services import event_register
from members.models import MembershipStatus, Role
from notifications.services import notification_record
from tests.factories import (
    EventFactory,
    ExchangeFactory,
    ExchangeOrganisationFactory,
    MatchFactory,
    MatchPartyFactory,
    MembershipFactory,
    OrganisationFactory,
    PublishedCaseStudyFactory,
    RequestFactory,
    UserFactory,
)
from tests.otp import verified_login

ROLES = (
    "anonymous",
    "member",
    "coordinator",
    "other",
    "suspended",
    "applicant",
    "staff",
    "superuser",
)

# name: (arguments, answers in ROLES order)
RULES = {
    "healthz": ({}, (200,) * 8),
    "core:home": ({}, (200,) * 8),
    "core:privacy": ({}, (200,) * 8),
    "core:signed-in": ({}, ("login",) + ("redirect",) * 7),
    "myarea:home": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "login": (
        {},
        (200, "redirect", "redirect", "redirect", "redirect", "redirect", "redirect", "redirect"),
    ),
    "logout": ({}, (405,) * 8),
    "two-factor": (
        {},
        (
            "login",
            "redirect",
            "redirect",
            "redirect",
            "redirect",
            "redirect",
            "redirect",
            "redirect",
        ),
    ),
    "password_change": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "password_change_done": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "password_reset": ({}, (200,) * 8),
    "password_reset_done": ({}, (200,) * 8),
    "password_reset_confirm": ({"uidb64": "MQ", "token": "forged"}, (200,) * 8),
    "password_reset_complete": ({}, (200,) * 8),
    "set_language": ({}, (405,) * 8),
    "members:directory": ({}, (200,) * 8),
    "members:join": ({}, (200,) * 8),
    "members:join-thanks": ({}, (200,) * 8),
    "members:organisation-detail": ({"slug": "org"}, (200,) * 8),
    "members:my-organisation": (
        {},
        (
            "login",
            "redirect",
            "redirect",
            "redirect",
            "redirect",
            "redirect",
            "redirect",
            "redirect",
        ),
    ),
    "members:organisation-switch": ({}, ("login", 405, 405, 405, 405, 405, 405, 405)),
    "members:organisation-manage": ({"slug": "org"}, ("login", 200, 200, 404, 404, 404, 404, 404)),
    "members:organisation-edit": ({"slug": "org"}, ("login", 403, 200, 404, 404, 404, 404, 404)),
    "members:colleague-invite": ({"slug": "org"}, ("login", 403, 200, 404, 404, 404, 404, 404)),
    "members:colleague-role": (
        {"slug": "org", "pk": "colleague"},
        ("login", 405, 405, 405, 405, 405, 405, 405),
    ),
    # The GET asks "remove?" on a page of its own; the POST removes.
    "members:colleague-remove": (
        {"slug": "org", "pk": "colleague"},
        ("login", 403, 200, 404, 404, 404, 404, 404),
    ),
    "members:invitation-withdraw": (
        {"slug": "org", "pk": "invitation"},
        ("login", 405, 405, 405, 405, 405, 405, 405),
    ),
    "members:invitation-accept": ({"token": "invitation_token"}, (200,) * 8),
    "members:account": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "members:email-confirm": ({"token": "forged"}, ("login", 400, 400, 400, 400, 400, 400, 400)),
    "members:account-data": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "members:account-delete": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "listings:browse": ({}, (200,) * 8),
    "listings:feed": ({}, (200,) * 8),
    "listings:export": ({}, ("redirect",) * 6 + (200, 200)),
    "listings:my-listings": ({}, ("login", 200, 200, 200, 403, 403, 403, 403)),
    "listings:saved-searches": ({}, ("login", 200, 200, 200, 403, 403, 403, 403)),
    "listings:saved-search-delete": ({"pk": "saved_search"}, (405,) * 8),
    "listings:listing-link": ({"token": "forged"}, (400,) * 8),
    "listings:listing-create": ({"kind": "request"}, ("login", 200, 200, 200, 403, 403, 403, 403)),
    "listings:listing-detail": (
        {"reference": "draft"},
        ("login", 200, 200, 404, 404, 404, 200, 200),
    ),
    "listings:listing-edit": ({"reference": "draft"}, ("login", 200, 200, 404, 404, 404, 403, 403)),
    "listings:listing-submit": ({"reference": "draft"}, (405,) * 8),
    # The GET asks "withdraw?" / "close?" on a page of its own; the POST acts.
    "listings:listing-withdraw": (
        {"reference": "draft"},
        ("login", 200, 200, 404, 404, 404, 403, 403),
    ),
    "listings:listing-close": (
        {"reference": "open"},
        ("login", 200, 200, 403, 404, 404, 403, 403),
    ),
    "listings:listing-renew": ({"reference": "open"}, (405,) * 8),
    "listings:interest-create": (
        {"reference": "open"},
        ("login", "redirect", "redirect", 200, 403, 403, 403, 403),
    ),
    "listings:interest-settings": ({"reference": "open"}, (405,) * 8),
    "matchmaking:list": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "matchmaking:detail": ({"pk": "match"}, ("login", 200, 200, 404, 404, 404, 404, 404)),
    "matchmaking:answer": ({"pk": "match"}, ("login", 405, 405, 405, 405, 405, 405, 405)),
    # The GET asks "decline?" with the reason; only those who answer for a party.
    "matchmaking:decline": ({"pk": "match"}, ("login", 403, 200, 404, 404, 404, 404, 404)),
    "exchanges:list": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "exchanges:mine": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "exchanges:detail": ({"pk": "exchange"}, ("login", 200, 200, 200, 404, 404, 200, 200)),
    "exchanges:report": ({"pk": "exchange"}, ("login", 403, 200, 404, 404, 404, 404, 404)),
    "exchanges:feedback": (
        {"pk": "exchange", "organisation": "org"},
        ("login", 200, 200, 404, 404, 404, 404, 404),
    ),
    "monitoring:dashboard": ({}, ("login", 403, 200, 200, 403, 403, 200, 200)),
    "monitoring:export-csv": ({"dataset": "themes"}, ("login", 403, 200, 200, 403, 403, 200, 200)),
    "monitoring:export-xlsx": ({}, ("login", 403, 200, 200, 403, 403, 200, 200)),
    "monitoring:pact-report": ({}, ("login", 403, 200, 200, 403, 403, 200, 200)),
    "casestudies:list": ({}, (200,) * 8),
    "casestudies:feed": ({}, (200,) * 8),
    "casestudies:detail": ({"slug": "case_study"}, (200,) * 8),
    "casestudies:print": ({"slug": "case_study"}, (200,) * 8),
    "casestudies:edit": (
        {"slug": "case_study"},
        ("login", "redirect", "redirect", 404, 404, 404, 404, 404),
    ),
    "notifications:inbox": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "notifications:mark-all-read": ({}, ("login", 405, 405, 405, 405, 405, 405, 405)),
    "notifications:preferences": ({}, ("login", 200, 200, 200, 200, 200, 200, 200)),
    "notifications:detail": ({"pk": "notification"}, ("login", 200, 404, 404, 404, 404, 404, 404)),
    "notifications:mark-read": (
        {"pk": "notification"},
        ("login", 405, 405, 405, 405, 405, 405, 405),
    ),
    "events:list": ({}, (200,) * 8),
    "events:detail": ({"pk": "event"}, (200,) * 8),
    # The secretariat registers nobody from the site: it acts for no organisation.
    # A suspended or not yet approved organisation acts for nobody (one current_organisation).
    # Borås is registered already: its people are told so on the event's page.
    "events:register": (
        {"pk": "event"},
        ("login", "redirect", "redirect", 200, 403, 403, 404, 404),
    ),
    # Where the listing form comes back: only with a listing of one's own (none here).
    "events:bring": ({"pk": "event"}, ("login", 404, 404, 404, 404, 404, 404, 404)),
    "events:meeting-ask": (
        {"pk": "event", "registration_pk": 1},
        ("login", 405, 405, 405, 405, 405, 405, 405),
    ),
    "events:meeting-answer": (
        {"pk": "event", "request_pk": 1},
        ("login", 405, 405, 405, 405, 405, 405, 405),
    ),
    "events:meeting-follow-up": (
        {"pk": "event", "meeting_pk": 1},
        ("login", 405, 405, 405, 405, 405, 405, 405),
    ),
    # Only the people of a registered organisation see who comes and when.
    "events:agenda": ({"pk": "event"}, ("login", 200, 200, 404, 404, 404, 404, 404)),
    "events:agenda-ics": ({"pk": "event"}, ("login", 200, 200, 404, 404, 404, 404, 404)),
    "events:agenda-print": ({"pk": "event"}, ("login", 200, 200, 404, 404, 404, 404, 404)),
    "events:availability": ({"pk": "event"}, ("login", 405, 405, 405, 405, 405, 405, 405)),
    # Cancelling asks first: the confirmation page is for the registered organisation.
    "events:cancel": ({"pk": "event"}, ("login", 200, 200, 404, 404, 404, 404, 404)),
    # A calendar feed's link is its own credential: a forged one is not found.
    "events:agenda-feed": ({"token": "forged"}, (404,) * 8),
    # Unnamed routes, by their pattern.
    "^opportunities/(?P<rest>.*)$": ({"rest": ""}, ("redirect",) * 8),
    "^media/(?P<path>.*)$": ({"path": "logos/nothing.html"}, (404,) * 8),
}

# Every admin page: only staff who passed the second factor; the Secretariat group
# may lack a permission (403), a superuser never does.
# Others are sent to the admin's sign-in, which hands over to the site's (core.admin_site).
# Some admin pages redirect on purpose (a request opened as an offer, the one row
# of the matching weights).
ADMIN_RULE = ("redirect",) * 6 + ((200, 403, "redirect"), (200, "redirect"))


def url_patterns(resolver=None, namespace=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from url_patterns(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name or str(pattern.pattern), prefix + str(pattern.pattern)


def is_admin(key: str, route: str) -> bool:
    return route.startswith("admin/")


def test_every_url_has_a_rule():
    missing = [
        f"{key}  ({route})"
        for key, route in url_patterns()
        if not is_admin(key, route) and key not in RULES
    ]
    assert not missing, (
        "These URLs have no line in tests/security/test_permissions.py RULES "
        "(add one with the answer each role should get):\n  " + "\n  ".join(missing)
    )


def test_every_rule_names_a_url():
    known = {key for key, route in url_patterns()}
    assert not set(RULES) - known, f"Rules for URLs that no longer exist: {set(RULES) - known}"


@pytest.fixture
def world(db, boras, alice, bob, charlie, secretariat):
    suspended_org = OrganisationFactory(status=MembershipStatus.SUSPENDED, slug="suspended")
    applicant_org = OrganisationFactory(status=MembershipStatus.APPLICANT, slug="applicant")
    users = {
        "member": bob,
        "coordinator": alice,
        "other": charlie,
        "suspended": MembershipFactory(organisation=suspended_org, role=Role.COORDINATOR).user,
        "applicant": MembershipFactory(organisation=applicant_org, role=Role.COORDINATOR).user,
        "staff": secretariat,
        "superuser": UserFactory(email="root@earlall.example", is_staff=True, is_superuser=True),
    }
    open_listing = RequestFactory(organisation=boras)
    draft = RequestFactory(organisation=boras, status="draft")
    match = MatchFactory(request=RequestFactory(organisation=boras, status="matched"))
    MatchPartyFactory(match=match, organisation=boras)
    exchange = ExchangeFactory(status="completed")
    ExchangeOrganisationFactory(exchange=exchange, organisation=boras)
    case_study = PublishedCaseStudyFactory(exchange=exchange)
    from listings.models import SavedSearch
    from members.services import invitation_send, invitation_token

    invitation = invitation_send(
        organisation=boras, email="new@boras.example", role="contact", by=alice
    )
    event = EventFactory()
    event_register(event=event, organisation=boras, people=[alice], by=alice)
    objects = {
        "event": event.pk,
        "org": boras.slug,
        "colleague": bob.memberships.get().pk,
        "invitation": invitation.pk,
        "invitation_token": invitation_token(invitation),
        "saved_search": SavedSearch.objects.create(user=bob, name="Mine", query="").pk,
        "open": open_listing.reference,
        "draft": draft.reference,
        "match": match.pk,
        "exchange": exchange.pk,
        "case_study": case_study.slug,
        "notification": notification_record(kind="x", recipient=bob, event="matrix").pk,
        "forged": "1:forged:signature",
    }
    return users, objects


def answer_of(response) -> object:
    if response.status_code in (301, 302):
        return "login" if "/accounts/login/" in response["Location"] else "redirect"
    return response.status_code


def path_for(key, route, arguments, objects):
    kwargs = {name: objects.get(value, value) for name, value in arguments.items()}
    if key.startswith("^"):
        return "/" + route.lstrip("^").split("(")[0] + "".join(str(v) for v in kwargs.values())
    return reverse(key, kwargs=kwargs)


def session_id(client) -> str | None:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie else None


class SignedIn:
    """One client per role, signed in once (signing in for each of the thousand
    GETs took about half of this test). A view that ends or replaces the session
    gets the role a fresh client, signed in afresh, before the next URL."""

    def __init__(self, users):
        self.users = users
        self.clients = {}
        self.sessions = {}

    def __call__(self, role) -> Client:
        client = self.clients.get(role)
        if client is None or session_id(client) != self.sessions[role]:
            client = self.clients[role] = Client()
            if role != "anonymous":
                verified_login(client, self.users[role])
            self.sessions[role] = session_id(client)
        return client


def test_every_url_answers_each_role_as_its_rule_says(world):
    users, objects = world
    routes = dict(url_patterns())
    signed_in = SignedIn(users)
    wrong = []
    for key, (arguments, answers) in RULES.items():
        path = path_for(key, routes[key], arguments, objects)
        for role, expected in zip(ROLES, answers, strict=True):
            got = answer_of(signed_in(role).get(path))
            if got != expected:
                wrong.append(f"{key} as {role}: expected {expected}, got {got}  (GET {path})")
    assert not wrong, "\n".join(wrong)


def admin_paths(objects_by_model):
    for model in admin_site._registry:
        opts = model._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        obj = objects_by_model(model)
        if obj is not None:
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    yield reverse("admin:index")


def test_every_admin_page_is_for_verified_staff_only(client, world):
    users, _objects = world
    paths = list(admin_paths(lambda model: model._default_manager.order_by("pk").first()))
    wrong = []
    for role, expected in zip(ROLES, ADMIN_RULE, strict=True):
        client.logout()
        if role != "anonymous":
            verified_login(client, users[role])
        for path in paths:
            got = answer_of(client.get(path))
            if got != expected and not (isinstance(expected, tuple) and got in expected):
                wrong.append(f"{path} as {role}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_staff_without_the_second_factor_reach_no_staff_page(client, world):
    users, _objects = world
    client.force_login(users["staff"])
    for path in ["/admin/", "/monitoring/pact-for-skills-report.xlsx", "/listings/export.csv"]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/two-factor/" in response["Location"]
