"""Load the labelled evaluation set into the database inside a transaction that is
rolled back, rank every request, and print precision@3, recall@10 and MRR."""

from django.core.management.base import BaseCommand
from django.db import transaction

from matchmaking.evaluate import evaluate, load, metrics


class Command(BaseCommand):
    help = "Measure the matcher on the labelled evaluation set (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--verbose-misses",
            action="store_true",
            help="list each request with its expected and top-ranked offers",
        )

    def handle(self, *args, verbose_misses=False, **options):
        with transaction.atomic():
            results = evaluate(load())
            transaction.set_rollback(True)
        if verbose_misses:
            for r in results:
                self.stdout.write(
                    f"{r.key}: expected {sorted(r.expected)} top5 {r.ranked[:5]} "
                    f"hits@3={r.hits(3)} rr={r.reciprocal_rank:.2f}"
                )
        scores = metrics(results)
        self.stdout.write(f"requests: {len(results)}")
        for name, value in scores.items():
            self.stdout.write(f"{name}: {value:.3f}")
