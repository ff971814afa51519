"""The matcher learns from the secretariat: decisions are recorded with their
signals, `calibrate_matcher` proposes weights, the secretariat accepts them."""

import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from matchmaking.calibration import SIGNALS, calibrate, proposal_accept
from matchmaking.models import (
    Answer,
    Decision,
    MatchDecision,
    MatchingWeights,
    ProposalStatus,
    WeightsProposal,
)
from matchmaking.services import match_answer, match_confirm
from tests.factories import MatchFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_confirming_records_the_chosen_and_the_left_out_with_their_signals(case, secretariat):
    match = match_confirm(
        request=case.request, partners=[case.boras_offer], by=secretariat, message=""
    )
    chosen = MatchDecision.objects.get(match=match, decision=Decision.CONFIRMED)
    assert chosen.listing == case.boras_offer and chosen.position == 1
    assert set(chosen.signals) == set(SIGNALS) and chosen.signals["text"] > 0.5
    left_out = MatchDecision.objects.filter(match=match, decision=Decision.LEFT_OUT)
    assert case.escola_offer in {d.listing for d in left_out}


def test_a_decline_is_recorded_as_a_bad_pairing(case, secretariat):
    match = match_confirm(
        request=case.request, partners=[case.boras_offer], by=secretariat, message=""
    )
    party = match.parties.get(organisation=case.boras_offer.organisation)
    match_answer(party=party, answer=Answer.DECLINED, by=secretariat, reason="No room")
    declined = MatchDecision.objects.get(match=match, decision=Decision.DECLINED)
    assert declined.listing == case.boras_offer


def _history(n=30, seed=7):
    """Matches where the secretariat always chose the candidate whose text fits
    best, whatever the shared themes."""
    r = random.Random(seed)
    listing = OfferFactory(organisation=OrganisationFactory())
    for _i in range(n):
        match = MatchFactory()
        for chosen in (True, False, False):
            signals = {name: r.random() for name in SIGNALS}
            signals["text"] = 0.8 + 0.2 * r.random() if chosen else 0.4 * r.random()
            MatchDecision.objects.create(
                request=match.request,
                listing=listing,
                match=match,
                decision=Decision.CONFIRMED if chosen else Decision.LEFT_OUT,
                signals=signals,
            )


def test_calibration_fits_weights_to_the_decisions_and_measures_before_and_after():
    _history()
    MatchingWeights.objects.create(text=1.0)  # a secretariat that ignored the text
    proposal = calibrate(evaluation_set=False)
    assert proposal.status == ProposalStatus.PROPOSED and proposal.decisions == 90
    assert proposal.weights["text"] == max(proposal.weights.values())
    found = proposal.evaluation["decisions"]
    assert found["after"]["pairs in order"] > found["before"]["pairs in order"]
    assert pytest.approx(sum(proposal.weights.values()), rel=1e-3) == sum(
        proposal.previous.values()
    )


def test_calibrate_matcher_refuses_with_too_few_decisions_and_changes_nothing():
    with pytest.raises(CommandError, match="at least 20"):
        call_command("calibrate_matcher", "--skip-evaluation-set")
    assert not WeightsProposal.objects.exists()


def test_calibrate_matcher_prints_the_comparison_and_the_admin_accepts_it(
    secretariat_client, secretariat
):
    _history()
    out = StringIO()
    call_command("calibrate_matcher", "--skip-evaluation-set", stdout=out)
    assert "pairs in order" in out.getvalue() and "waits for the secretariat" in out.getvalue()
    proposal = WeightsProposal.objects.get()
    page = secretariat_client.get(
        reverse("admin:matchmaking_weightsproposal_change", args=[proposal.pk])
    )
    assert "pairs in order" in page.content.decode()
    secretariat_client.post(
        reverse("admin:matchmaking_weightsproposal_changelist"),
        {"action": "accept", "_selected_action": [proposal.pk]},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.decided_by == secretariat
    assert MatchingWeights.current() == pytest.approx(proposal.weights)
    latest = MatchingWeights.history.latest()
    assert latest.history_user == secretariat


def test_a_decided_proposal_cannot_be_accepted_twice(secretariat):
    _history()
    proposal = calibrate(evaluation_set=False)
    proposal_accept(proposal=proposal, by=secretariat)
    with pytest.raises(ValueError, match="already decided"):
        proposal_accept(proposal=proposal, by=secretariat)
