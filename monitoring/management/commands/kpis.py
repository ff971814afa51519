"""The dashboard's figures on the command line: `manage.py kpis --year 2025 [--json]`."""

import json

from django.core.management.base import BaseCommand, CommandError

from members.models import Organisation
from monitoring.exports import datasets
from monitoring.selectors import kpis_for
from taxonomy.models import Format, Theme


def _by_slug(model, slug, option):
    if slug is None:
        return None
    try:
        return model.objects.get(slug=slug)
    except model.DoesNotExist:
        raise CommandError(f"No {option} with the slug {slug!r}.") from None


class Command(BaseCommand):
    help = "Print the partnership's monitoring figures (the same as the dashboard)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)
        parser.add_argument("--country", help="ISO 3166-1 alpha-2 code, e.g. SE")
        parser.add_argument("--theme", help="theme slug")
        parser.add_argument("--format", help="format slug")
        parser.add_argument("--organisation", help="organisation slug")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        kpis = kpis_for(
            year=options["year"],
            country=(options["country"] or "").upper() or None,
            theme=_by_slug(Theme, options["theme"], "theme"),
            format=_by_slug(Format, options["format"], "format"),
            organisation=_by_slug(Organisation, options["organisation"], "organisation"),
        )
        if options["json"]:
            self.stdout.write(json.dumps(kpis, indent=2, default=str))
            return
        for dataset in datasets(kpis):
            self.stdout.write(self.style.MIGRATE_HEADING(dataset.title))
            if dataset.slug != "summary":
                self.stdout.write("  " + " | ".join(dataset.headers))
            for row in dataset.rows:
                cells = ["–" if cell is None else str(cell) for cell in row]
                if dataset.slug == "summary":
                    self.stdout.write(f"  {cells[0]}: {cells[1]}")
                else:
                    self.stdout.write("  " + " | ".join(cells))
