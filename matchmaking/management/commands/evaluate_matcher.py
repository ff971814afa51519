"""Load the labelled evaluation set into the database inside a transaction that
is rolled back, rank every request with the matcher and with the tags-only
baseline, and print precision@3, recall@10, MRR, nDCG@10 and hard-rule
violations side by side. `--cross-validate` also learns the weights on half
the topics and measures them on the other half, both ways round."""

import contextlib

from django.core.management.base import BaseCommand
from django.db import transaction

from matchmaking.calibration import SIGNALS, fit
from matchmaking.evaluate import (
    SETS,
    cross_validate,
    evaluate,
    load,
    metrics,
    offsets_learnt_on,
    save_vectors,
    tags_only,
    text_only,
)
from matchmaking.models import MatchingWeights

NAMES = ["precision@3", "precision@3 ceiling", "recall@10", "mrr", "ndcg@10", "violations"]


class Command(BaseCommand):
    help = "Measure the matcher on the labelled evaluation set (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--verbose-misses",
            action="store_true",
            help="list each request whose top three miss a labelled partner",
        )
        parser.add_argument(
            "--set",
            dest="labelled_set",
            choices=sorted(SETS),
            default="main",
            help=(
                "which labelled set: main (the matcher was developed on it) or "
                "holdout (written apart, never tuned on)"
            ),
        )
        parser.add_argument(
            "--save-vectors",
            action="store_true",
            help="write the set's vectors for the configured encoder next to the set",
        )
        parser.add_argument(
            "--shipped-offsets",
            action="store_true",
            help=(
                "take away only the languages' offsets shipped with the encoder, "
                "not those learnt from the set's own listings (no labels)"
            ),
        )
        parser.add_argument(
            "--cross-validate",
            action="store_true",
            help=(
                "learn the weights on half the topics, measure them on the other "
                "half, both folds (held-out figures)"
            ),
        )

    def handle(
        self,
        *args,
        verbose_misses=False,
        save_vectors=False,
        cross_validate=False,
        shipped_offsets=False,
        labelled_set="main",
        **options,
    ):
        with transaction.atomic():
            loaded = load(path=SETS[labelled_set])
            if save_vectors:
                self.stdout.write(f"vectors written to {save_vectors_to(loaded)}")
            # As a deployment does: offsets learnt from its own listings (here the set's).
            offsets = contextlib.nullcontext() if shipped_offsets else offsets_learnt_on(loaded)
            with offsets:
                matcher = evaluate(loaded)
                baseline = evaluate(loaded, tags_only)
                text = evaluate(loaded, text_only)
                folds = cross_validate_on(loaded) if cross_validate else None
            transaction.set_rollback(True)
        if verbose_misses:
            self._misses(matcher)
        ours, theirs, read = metrics(matcher), metrics(baseline), metrics(text)
        self.stdout.write(f"set: {labelled_set}, requests: {len(matcher)}")
        self.stdout.write(f"{'':<22}{'matcher':>10}{'tags only':>12}{'text only':>12}")
        for name in NAMES:
            self.stdout.write(
                f"{name:<22}{_fmt(ours[name]):>10}{_fmt(theirs[name]):>12}{_fmt(read[name]):>12}"
            )
        gain = ours["ndcg@10"] - theirs["ndcg@10"]
        self.stdout.write(f"ndcg@10 gain over the baseline: {gain:+.3f}")
        gap = ours["precision@3 ceiling"] - ours["precision@3"]
        self.stdout.write(f"precision@3 below its ceiling: {gap:.3f}")
        if folds:
            self._folds(folds)

    def _folds(self, folds):
        """Each fold measured with the weights learnt on the others, beside the
        current weights on the same requests; then all folds pooled."""
        self.stdout.write("")
        self.stdout.write("cross-validation (weights learnt on the other topics):")
        for n, fold in enumerate(folds, 1):
            learnt, current = metrics(fold.fitted), metrics(fold.current)
            self.stdout.write(f"fold {n}: {len(fold.fitted)} requests held out")
            self.stdout.write(f"{'':<22}{'learnt':>10}{'current':>12}")
            for name in NAMES:
                self.stdout.write(f"{name:<22}{_fmt(learnt[name]):>10}{_fmt(current[name]):>12}")
            weights = ", ".join(f"{k} {v:g}" for k, v in fold.weights.items())
            self.stdout.write(f"  learnt weights: {weights}")
        learnt = metrics([r for fold in folds for r in fold.fitted])
        current = metrics([r for fold in folds for r in fold.current])
        self.stdout.write("held out, all folds:")
        self.stdout.write(f"{'':<22}{'learnt':>10}{'current':>12}")
        for name in NAMES:
            self.stdout.write(f"{name:<22}{_fmt(learnt[name]):>10}{_fmt(current[name]):>12}")

    def _misses(self, results):
        for r in results:
            if r.hits(3) < min(3, len(r.relevant)) or r.violations:
                self.stdout.write(
                    f"{r.key}: labelled {sorted(r.relevant)} top5 {r.ranked[:5]} "
                    f"hits@3={r.hits(3)} ndcg={r.ndcg():.2f} {'; '.join(r.violated)}"
                )


def cross_validate_on(loaded):
    current = MatchingWeights.current()
    # The signals in the learner's order (calibration.SIGNALS).
    return cross_validate(loaded, {name: current[name] for name in SIGNALS}, fit)


def save_vectors_to(loaded):
    return save_vectors(loaded["listings"].values(), loaded["path"])


def _fmt(value) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"
