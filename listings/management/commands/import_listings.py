"""python manage.py import_listings FILE [--create-organisations]

See docs/import_listings.md for the columns."""

import csv
import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from listings.imports import ImportRefused, listings_import


def read_text(path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 with its mark, as
    spreadsheets save "Unicode text"; anything else is refused before any row."""
    raw = path.read_bytes()
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"The file is not in UTF-8 (byte {exc.start + 1} cannot be read): "
            "save it as “CSV UTF-8” and import it again."
        ) from exc


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """(row number as a person sees it, row): the CSV line number, or the JSON position."""
    if not path.exists():
        raise CommandError(f"No such file: {path}")
    text = read_text(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(f"Not valid JSON: {exc}") from exc
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise CommandError("The JSON file must be a list of objects, one per listing.")
        return list(enumerate(data, start=1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return list(enumerate(reader, start=2))
    except csv.Error as exc:
        # The csv module's own limit on a cell (128 KiB) or a broken quote.
        message = "a cell is too long" if "field limit" in str(exc) else str(exc)
        # line_num counts the lines read before the one that failed.
        raise CommandError(f"Nothing imported: row {reader.line_num + 1}: {message}.") from exc


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
