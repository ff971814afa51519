"""Learning from the secretariat: every confirmation, every candidate left out of
a confirmed match and every decline is recorded with the signals it had; a
logistic regression (scikit-learn) fits the weights to those decisions, and the
secretariat accepts the proposal in the admin (with history)."""

from collections import defaultdict

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    DEFAULT_WEIGHTS,
    Decision,
    MatchDecision,
    MatchingWeights,
    ProposalStatus,
    WeightsProposal,
)

SIGNALS = list(DEFAULT_WEIGHTS)
# Below this many decisions a fit says more about chance than about the secretariat.
MIN_DECISIONS = 20
# Candidates of the ranking recorded as left out when a match is confirmed.
LEFT_OUT_RECORDED = 10


class NotEnoughDecisions(Exception):
    pass


def decisions_record_confirmed(*, match, chosen: list, ranked: list) -> None:
    """At confirmation: the chosen partners, and the ranked candidates left out."""
    position = {c.listing.pk: n for n, c in enumerate(ranked, 1)}
    chosen_ids = {c.listing.pk for c in chosen}
    rows = [
        MatchDecision(
            request=match.request,
            listing=c.listing,
            match=match,
            decision=Decision.CONFIRMED,
            position=position.get(c.listing.pk),
            score=c.score,
            signals=c.signals,
        )
        for c in chosen
    ]
    rows += [
        MatchDecision(
            request=match.request,
            listing=c.listing,
            match=match,
            decision=Decision.LEFT_OUT,
            position=position[c.listing.pk],
            score=c.score,
            signals=c.signals,
        )
        for c in ranked[:LEFT_OUT_RECORDED]
        if c.listing.pk not in chosen_ids
    ]
    MatchDecision.objects.bulk_create(rows)


def decision_record_declined(*, party) -> None:
    """A partner declined: the pairing was not a good one after all."""
    confirmed = MatchDecision.objects.filter(
        match_id=party.match_id, listing_id=party.listing_id, decision=Decision.CONFIRMED
    ).first()
    if confirmed is None:
        return
    MatchDecision.objects.create(
        request_id=confirmed.request_id,
        listing_id=confirmed.listing_id,
        match_id=party.match_id,
        decision=Decision.DECLINED,
        position=confirmed.position,
        score=confirmed.score,
        signals=confirmed.signals,
    )


def training_set() -> tuple[np.ndarray, np.ndarray, list]:
    """(signals, 1 for a good pairing / 0, the match each row belongs to).
    A confirmation later declined counts as a bad pairing."""
    declined = set(
        MatchDecision.objects.filter(decision=Decision.DECLINED).values_list(
            "match_id", "listing_id"
        )
    )
    X, y, groups = [], [], []
    for row in MatchDecision.objects.exclude(decision=Decision.DECLINED).order_by("pk"):
        X.append([float(row.signals.get(name, 0.0)) for name in SIGNALS])
        good = row.decision == Decision.CONFIRMED and (row.match_id, row.listing_id) not in declined
        y.append(1 if good else 0)
        groups.append(row.match_id)
    return np.array(X, dtype=float).reshape(-1, len(SIGNALS)), np.array(y), groups


def fit(X: np.ndarray, y: np.ndarray, previous: dict) -> dict:
    """Weights from a logistic regression, scaled to the sum of the previous
    ones so that they read on the same scale. A negative coefficient (a signal
    that went against the secretariat's choices) becomes 0: the matcher never
    ranks a partner lower for sharing a theme."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    model.fit(X, y)
    coefs = np.clip(model.coef_[0], 0.0, None)
    if coefs.sum() <= 0:
        return dict(previous)
    scale = sum(previous.values()) / coefs.sum()
    return {name: round(float(c * scale), 2) for name, c in zip(SIGNALS, coefs, strict=True)}


def decision_metrics(X, y, groups, weights: dict) -> dict:
    """How the weights order each match's candidates: the share of (chosen,
    not chosen) pairs put the right way round, and the mean reciprocal rank of
    the first chosen partner."""
    w = np.array([weights[name] for name in SIGNALS])
    scores = X @ w
    by_match = defaultdict(list)
    for s, label, group in zip(scores, y, groups, strict=True):
        by_match[group].append((s, label))
    pairs = right = 0
    rr = []
    for rows in by_match.values():
        good = [s for s, label in rows if label]
        bad = [s for s, label in rows if not label]
        for g in good:
            for b in bad:
                pairs += 1
                right += g > b
        if good:
            ordered = sorted(rows, key=lambda r: -r[0])
            rr.append(next(1 / n for n, (_s, label) in enumerate(ordered, 1) if label))
    return {
        "pairs in order": right / pairs if pairs else 0.0,
        "mrr": sum(rr) / len(rr) if rr else 0.0,
    }


def calibrate(*, evaluation_set: bool = True, min_decisions: int = MIN_DECISIONS):
    """Fit, measure before and after, and record the proposal."""
    X, y, groups = training_set()
    if len(y) < min_decisions or len(set(y)) < 2:
        raise NotEnoughDecisions(
            _("%(n)s decisions recorded; at least %(min)s, good and bad, are needed.")
            % {"n": len(y), "min": min_decisions}
        )
    previous = MatchingWeights.current()
    proposed = fit(X, y, previous)
    evaluation = {
        "decisions": {
            "before": decision_metrics(X, y, groups, previous),
            "after": decision_metrics(X, y, groups, proposed),
        }
    }
    if evaluation_set:
        evaluation["evaluation set"] = {
            "before": _on_evaluation_set(previous),
            "after": _on_evaluation_set(proposed),
        }
    return WeightsProposal.objects.create(
        weights=proposed, previous=previous, evaluation=evaluation, decisions=len(y)
    )


def _on_evaluation_set(weights: dict) -> dict:
    from .evaluate import evaluate, load, metrics
    from .matcher import rank

    with transaction.atomic():
        loaded = load()
        found = metrics(evaluate(loaded, lambda r: [c.listing for c in rank(r, weights=weights)]))
        transaction.set_rollback(True)
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in found.items()}


@transaction.atomic
def proposal_accept(*, proposal: WeightsProposal, by) -> WeightsProposal:
    """The secretariat takes the proposed weights: the weights' history keeps
    who and when, and every stored ranking is computed again."""
    proposal = WeightsProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValueError(_("This proposal was already decided."))
    weights, _created = MatchingWeights.objects.get_or_create(pk=1)
    for name, value in proposal.weights.items():
        setattr(weights, name, value)
    weights._history_user = by
    weights._change_reason = _("Calibrated weights accepted (proposal %(pk)s)") % {
        "pk": proposal.pk
    }
    weights.save()
    return _decide(proposal, ProposalStatus.ACCEPTED, by)


@transaction.atomic
def proposal_reject(*, proposal: WeightsProposal, by) -> WeightsProposal:
    proposal = WeightsProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValueError(_("This proposal was already decided."))
    return _decide(proposal, ProposalStatus.REJECTED, by)


def _decide(proposal, status, by):
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal._history_user = by
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal
