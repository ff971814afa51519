"""The labelled evaluation set: big enough, hard enough, and the matcher does
well on it, far better than counting shared tags."""

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from listings.models import Listing
from matchmaking import rules
from matchmaking.evaluate import (
    SETS,
    evaluate,
    folds,
    load,
    metrics,
    offsets_learnt_on,
    read_set,
    tags_only,
    topic,
)


def test_evaluation_set_has_60_requests_200_listings_in_ten_languages_with_decoys():
    data = read_set()
    labelled = [i for i in data["listings"] if i["kind"] == "request" and i.get("expected")]
    assert len(labelled) >= 60 and len(data["listings"]) >= 200
    orgs = {o["key"]: o for o in data["organisations"]}
    countries = {o["country"] for o in orgs.values()}
    assert len(countries) >= 20
    decoys = {i.get("decoy") for i in data["listings"]}
    assert {"tags", "language", "capacity", "dates"} <= decoys


@pytest.fixture
def results(evaluation):
    return evaluation["matcher"], evaluation["tags only"], evaluation["text only"]


@pytest.fixture
def held_out(evaluation):
    return evaluation["held out"]


def test_matcher_on_the_evaluation_set_keeps_the_rules_and_beats_the_tags(results):
    ours, baseline, _text = results
    # Measured in docs/matching.md; a drop means a regression.
    assert ours["violations"] == 0
    assert ours["ndcg@10"] >= 0.88
    assert ours["mrr"] >= 0.92
    assert ours["recall@10"] >= 0.93
    assert ours["ndcg@10"] - baseline["ndcg@10"] >= 0.12


def test_the_text_alone_finds_the_partners_across_languages(results):
    # How well the encoder reads the descriptions, whatever the tags say: the
    # whole text's vector alone gave nDCG@10 0.65; the title on its own, the
    # shared direction and the language taken away give 0.80 (docs/matching.md).
    text = results[2]
    assert text["ndcg@10"] >= 0.78
    assert text["mrr"] >= 0.85
    assert text["violations"] == 0


def test_folds_never_learn_and_measure_on_the_same_topic():
    keys = ["gen-r1", "gen-r2", "qa-r1", "ict-r1", "ict-r3", "care-r1"]
    first, second = folds(keys)
    assert first | second == set(keys) and not first & second
    assert not {topic(k) for k in first} & {topic(k) for k in second}


def test_weights_learnt_on_half_the_topics_hold_on_the_other_half(held_out):
    # The partnership measures on a set the matcher was never tuned on: what is
    # learnt on one half must hold on the other (figures in docs/matching.md).
    assert len(held_out) == 2
    for fold in held_out:
        assert fold.weights["text"] > 0
        learnt = metrics(fold.fitted)
        assert learnt["violations"] == 0
        assert learnt["ndcg@10"] >= 0.85
    pooled = metrics([r for fold in held_out for r in fold.fitted])
    assert pooled["ndcg@10"] >= 0.88 and pooled["recall@10"] >= 0.93
    assert sum(len(fold.fitted) for fold in held_out) == 60


def labelled_on_four_topics() -> dict:
    """The set with the labels of one request per topic on four topics kept: the
    command ranks only labelled requests, and the figures are the fixtures' work."""
    data = read_set()
    kept = {}
    for item in data["listings"]:
        if item["kind"] == "request" and item.get("expected"):
            if len(kept) < 4 and topic(item["key"]) not in kept:
                kept[topic(item["key"])] = item["key"]
            elif item["key"] not in kept.values():
                del item["expected"]
    return data


@pytest.mark.django_db
def test_evaluate_matcher_prints_the_metrics_beside_the_baseline_and_keeps_nothing(monkeypatch):
    monkeypatch.setattr(
        "matchmaking.management.commands.evaluate_matcher.load",
        lambda path=None: load(labelled_on_four_topics()),
    )
    out = StringIO()
    call_command("evaluate_matcher", "--cross-validate", stdout=out)
    text = out.getvalue()
    assert "ndcg@10" in text and "tags only" in text and "violations" in text
    assert "precision@3 ceiling" in text and "held out, all folds" in text
    assert not Listing.objects.exists()


# The held-out set (matchmaking/evaluation/holdout/): written apart, never tuned on.


def _as_listing(item: dict, organisations: dict) -> SimpleNamespace:
    start, end = (datetime.date.fromisoformat(d) for d in item["window"])
    return SimpleNamespace(
        role=item["role"],
        kind=item["kind"],
        earliest_start=start,
        latest_end=end,
        duration_days=item["days"],
        participants=item["people"],
        languages=set(item.get("languages") or organisations[item["org"]]["languages"]),
        org=item["org"],
    )


def test_holdout_set_is_apart_from_the_main_set_and_its_labels_obey_the_rules():
    main, held = read_set(), read_set(SETS["holdout"])
    requests = [i for i in held["listings"] if i["kind"] == "request" and i.get("expected")]
    assert len(requests) >= 20 and len(held["listings"]) - len(requests) >= 80
    assert not {o["key"] for o in main["organisations"]} & {o["key"] for o in held["organisations"]}
    assert not {o["name"] for o in main["organisations"]} & {
        o["name"] for o in held["organisations"]
    }
    assert not {topic(i["key"]) for i in main["listings"]} & {
        topic(i["key"]) for i in held["listings"]
    }
    assert {"tags", "language", "capacity", "dates", "role"} <= {
        i.get("decoy") for i in held["listings"]
    }
    orgs = {o["key"]: o for o in held["organisations"]}
    items = {i["key"]: _as_listing(i, orgs) for i in held["listings"]}
    for request in requests:
        mine = items[request["key"]]
        for key in request["expected"] + request.get("acceptable", []):
            theirs = items[key]
            assert theirs.role in rules.COMPLEMENT[mine.role], key
            assert rules.holds_stays(mine, theirs), key
            assert mine.languages & theirs.languages, key
            assert theirs.org != mine.org, key


@pytest.fixture(scope="module")
def holdout_results(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            loaded = load(path=SETS["holdout"])
            # As evaluate_matcher measures it: offsets and hubness learnt from its listings.
            with offsets_learnt_on(loaded):
                found = (metrics(evaluate(loaded)), metrics(evaluate(loaded, tags_only)))
            transaction.set_rollback(True)
    return found


def test_matcher_on_the_holdout_set_keeps_the_rules_and_beats_the_tags(holdout_results):
    ours, baseline = holdout_results
    # Measured in docs/matching.md; the set was never tuned on.
    assert ours["violations"] == 0
    assert ours["ndcg@10"] >= 0.90 and ours["mrr"] >= 0.90 and ours["recall@10"] >= 0.95
    assert ours["precision@3 ceiling"] - ours["precision@3"] <= 0.08
    assert ours["ndcg@10"] - baseline["ndcg@10"] >= 0.12
