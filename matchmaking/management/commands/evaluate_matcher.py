"""Load the labelled evaluation set into the database inside a transaction that
is rolled back, rank every request with the matcher and with the tags-only
baseline, and print precision@3, recall@10, MRR, nDCG@10 and hard-rule
violations side by side."""

from django.core.management.base import BaseCommand
from django.db import transaction

from matchmaking.evaluate import evaluate, load, metrics, save_vectors, tags_only

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
            "--save-vectors",
            action="store_true",
            help="write the set's vectors for the configured encoder next to the set",
        )

    def handle(self, *args, verbose_misses=False, save_vectors=False, **options):
        with transaction.atomic():
            loaded = load()
            if save_vectors:
                self.stdout.write(f"vectors written to {save_vectors_to(loaded)}")
            matcher = evaluate(loaded)
            baseline = evaluate(loaded, tags_only)
            transaction.set_rollback(True)
        if verbose_misses:
            self._misses(matcher)
        ours, theirs = metrics(matcher), metrics(baseline)
        self.stdout.write(f"requests: {len(matcher)}")
        self.stdout.write(f"{'':<22}{'matcher':>10}{'tags only':>12}")
        for name in NAMES:
            self.stdout.write(f"{name:<22}{_fmt(ours[name]):>10}{_fmt(theirs[name]):>12}")
        gain = ours["ndcg@10"] - theirs["ndcg@10"]
        self.stdout.write(f"ndcg@10 gain over the baseline: {gain:+.3f}")

    def _misses(self, results):
        for r in results:
            if r.hits(3) < min(3, len(r.relevant)) or r.violations:
                self.stdout.write(
                    f"{r.key}: labelled {sorted(r.relevant)} top5 {r.ranked[:5]} "
                    f"hits@3={r.hits(3)} ndcg={r.ndcg():.2f} {'; '.join(r.violated)}"
                )


def save_vectors_to(loaded):
    return save_vectors(loaded["listings"].values())


def _fmt(value) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"
