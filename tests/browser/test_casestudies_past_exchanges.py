"""A member looks for who has done what in past exchanges, and after her own
exchange gives feedback on how well the match fitted."""

import pytest
from playwright.sync_api import expect

from exchanges.models import ExchangeFeedback
from tests.factories import (
    ExchangeParticipantsFactory,
    OrganisationFactory,
    TargetGroupFactory,
    ThemeFactory,
    exchange_between,
)

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_finds_past_exchanges_and_gives_feedback(
    page, screenshot, alice, boras, centre_val_de_loire
):
    ours = exchange_between(
        host=boras,
        sender=centre_val_de_loire,
        status="completed",
        participants_total=8,
        staff=8,
        learners=0,
        fewer_opportunities=1,
    )
    apprentices = TargetGroupFactory(name="Apprentices")
    green = exchange_between(
        host=OrganisationFactory(name="Emilia-Romagna Region", country="IT"),
        sender=OrganisationFactory(name="Tampere VET College", country="FI"),
        title="Green skills for apprentices",
        themes=[ThemeFactory(name="Green skills")],
        city="Bologna",
        country="IT",
        status="completed",
        participants_total=12,
    )
    ExchangeParticipantsFactory(exchange=green, target_group=apprentices, count=12)

    sign_in(page, "alice@boras.example")
    page.get_by_role("link", name="Past exchanges").click()
    expect(page.get_by_test_id("exchange-card")).to_have_count(2)
    page.get_by_label("Target group").select_option(label="Apprentices")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("exchange-card")).to_have_count(1)
    screenshot("past-exchanges-filtered")
    page.get_by_role("link", name="Green skills for apprentices").click()
    expect(page.get_by_test_id("figures")).to_contain_text("Apprentices")
    expect(page.get_by_text("Tampere VET College")).to_be_visible()
    screenshot("past-exchange-detail")

    page.goto(ours.get_absolute_url())
    page.get_by_role("link", name="Give Working Life Department").click()
    page.get_by_label("4").check()
    page.get_by_label("What to improve").fill("Meet the learners earlier in the week.")
    screenshot("feedback-form")
    page.get_by_role("button", name="Send the feedback").click()
    expect(page.get_by_text("Thank you for your feedback.")).to_be_visible()
    feedback = ExchangeFeedback.objects.get(exchange=ours, organisation=boras)
    assert feedback.match_fit == 4
    assert feedback.to_improve == "Meet the learners earlier in the week."
