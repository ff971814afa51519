"""On the demo data, each of the three Borås partners signs in and opens the
seeded match: the three organisations, the matcher's reasons, in their language."""

import pytest
from playwright.sync_api import expect

from matchmaking.models import Match

from .conftest import SCREENSHOTS
from .demo_site import DEMO_PASSWORD
from .helpers import sign_in

PARTNERS = {
    "centre-val-de-loire": "claire.chartier@centre-valdeloire.example",
    "boras": "nicholas.waller@boras.example",
    "escola-del-treball": "albert.peiro@escoladeltreball.example",
}


@pytest.mark.django_db(transaction=True)
def test_each_boras_partner_opens_the_seeded_match(browser, demo_site):
    live_server = demo_site
    match = Match.objects.get(request__external_ref="demo-boras-request")
    slugs = set(match.parties.values_list("organisation__slug", flat=True))
    for slug, email in PARTNERS.items():
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        partner_page = context.new_page()
        sign_in(partner_page, email, DEMO_PASSWORD)
        response = partner_page.goto(f"/matches/{match.pk}/")
        assert response.status == 200
        for party in slugs:
            expect(partner_page.get_by_test_id(f"party-{party}")).to_be_visible()
        expect(partner_page.get_by_test_id("match-status")).to_be_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        partner_page.screenshot(
            path=str(SCREENSHOTS / f"boras-match-as-{slug}.png"), full_page=True
        )
        context.close()
