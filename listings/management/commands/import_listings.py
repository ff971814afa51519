"""python manage.py import_listings FILE [--create-organisations]

See docs/import_listings.md for the columns."""

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from listings.imports import ImportRefused, listings_import


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """(row number as a person sees it, row): the CSV line number, or the JSON position."""
    if not path.exists():
        raise CommandError(f"No such file: {path}")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise CommandError(f"Not valid JSON: {exc}") from exc
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise CommandError("The JSON file must be a list of objects, one per listing.")
        return list(enumerate(data, start=1))
    # utf-8-sig: spreadsheets often start a CSV with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


class Command(BaseCommand):
    help = "Import requests and offers from a CSV or JSON export of the matchmaking form."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--create-organisations",
            action="store_true",
            help="Create an organisation that is not in the tool yet, from the row.",
        )

    def handle(self, *args, **options):
        rows = read_rows(options["file"])
        try:
            report = listings_import(
                rows=rows, create_organisations=options["create_organisations"]
            )
        except ImportRefused as exc:
            raise CommandError(
                "Nothing imported: the file has invalid rows.\n" + "\n".join(exc.errors)
            ) from exc
        for line in report:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{len(report)} rows imported."))
