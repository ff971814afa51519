"""Every page each demo role can reach answers without a server error.

Signed in as each role on the demo data (the users of applicant organisations
cannot sign in: test_seed_demo.py), the crawl follows every same-site link
from the home page and the member area, breadth first, with GET only, and lists
each 500 with the role and the URL. It skips sign-out and the links that change
something, and visits a few URLs of each route (the pages of one route share
their code), so its cost follows the number of pages, not the amount of data.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.html import escape

from matchmaking.models import Match
from matchmaking.reasons import reasons_text
from members.models import User
from tests.otp import verified_login

ROLES = {
    "visitor": None,
    "Centre-Val de Loire (requester)": "claire.chartier@centre-valdeloire.example",
    "Borås (host)": "nicholas.waller@boras.example",
    "Escola del Treball (participant)": "albert.peiro@escoladeltreball.example",
    # Coordinator of a Trentino VET school and contact of a Tyrolean academy.
    "coordinator of another organisation": "giulia.fontana@cfp-lagorai.example",
    "contact, no coordinator": "pablo.garcia@cifp-rionalon.example",
    "secretariat": "secretariat@earlall.eu",
}
START = ["/", "/my/"]
# Sign-out, and links whose GET acts or mails (token links, mark read, switch).
SKIP = (
    "/accounts/logout/",
    "/admin/logout/",
    "/i18n/",
    "/delete/",
    "/withdraw/",
    "/close/",
    "/renew/",
    "/read-all/",
    "/read/",
    "/link/",
    "/switch/",
    "/static/",
    "/media/",
    "/password/reset/",
)
# Pages of one route share their code: a few of each say whether it works, and the
# crawl's cost follows the number of routes, not the amount of data.
PER_ROUTE = 2
# The admin repeats one page type per model: one of each is enough there.
PER_ADMIN_ROUTE = 1
MAX_PAGES = 400


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def links(base: str, html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    found = []
    site = urlsplit(settings.SITE_URL).netloc
    for href in parser.hrefs:
        url = urlsplit(urljoin(base, href))
        if url.scheme not in ("http", "https", "") or url.netloc not in ("", "testserver", site):
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def route(path: str) -> str:
    try:
        return resolve(path).route
    except Resolver404:
        return path


def crawl(client: Client) -> tuple[list, int]:
    """(failures, pages visited): each failure is (url, status or exception)."""
    queue, seen, per_route = deque(START), set(START), {}
    failures, visited = [], 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        visited += 1
        try:
            response = client.get(url)
        except Exception as error:  # the test client re-raises what the view raised
            failures.append((url, f"{type(error).__name__}: {error}"))
            continue
        if response.status_code >= 500:
            failures.append((url, response.status_code))
            continue
        if response.status_code in (301, 302):
            targets = [response["Location"]]
        elif "html" in response.get("Content-Type", ""):
            targets = links(url, response.content.decode(errors="replace"))
        else:
            targets = []
        for target in targets:
            target = links(url, f'<a href="{target}">')[0] if target.startswith("http") else target
            path = target.split("?")[0]
            if target in seen or any(part in path for part in SKIP):
                continue
            seen.add(target)
            key = route(path)
            per_route[key] = per_route.get(key, 0) + 1
            if per_route[key] <= (PER_ADMIN_ROUTE if path.startswith("/admin/") else PER_ROUTE):
                queue.append(target)
    return failures, visited


@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_a_demo_role_reaches_is_a_server_error(demo, role):
    client = Client(raise_request_exception=True)
    email = ROLES[role]
    if email:
        # Staff pass the second factor too, as the sign-in pages leave them.
        verified_login(client, User.objects.get(email=email))

    failures, visited = crawl(client)

    assert visited > 10
    assert failures == [], "\n".join(f"{role}: {url} → {what}" for url, what in failures)


@pytest.mark.parametrize(
    "email",
    [
        "claire.chartier@centre-valdeloire.example",
        "nicholas.waller@boras.example",
        "albert.peiro@escoladeltreball.example",
    ],
)
def test_each_boras_partner_opens_the_seeded_match_with_its_reasons(demo, client, email):
    match = Match.objects.get(request__external_ref="demo-boras-request")
    partner = User.objects.get(email=email)
    client.force_login(partner)

    response = client.get(f"/matches/{match.pk}/")

    assert response.status_code == 200
    host = match.parties.get(organisation__slug="boras")
    # Each partner reads the page in their own profile language.
    with translation.override(partner.language):
        reasons = reasons_text(host.reasons)
    assert reasons and all(escape(text) in response.text for text in reasons[:3])
    # The matcher read both descriptions when the match was confirmed.
    with translation.override("en"):
        assert "the descriptions are not compared yet" not in reasons_text(host.reasons)
    assert "Working Life Department of the municipality of Borås" in response.text
