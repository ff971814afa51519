"""Learn each language's offset and each listing's hubness from the stored listing
vectors (no labels) and write them where every process reads them
(docs/matching.md)."""

from django.core.management.base import BaseCommand

from embeddings.offsets import (
    MINIMUM,
    SHRINK,
    language_offsets_learn,
    learnt_hubness,
    offsets_path,
)


class Command(BaseCommand):
    help = "Learn the languages' offsets from the installation's own listings."

    def handle(self, *args, **options):
        counts = language_offsets_learn()
        for code, n in counts.items():
            kept = f"{n / (n + SHRINK):.2f} of its offset" if n >= MINIMUM else "shipped only"
            self.stdout.write(f"{code}: {n} listings, {kept}")
        self.stdout.write(f"hubness of {len(learnt_hubness())} listings")
        self.stdout.write(f"written to {offsets_path()}")
