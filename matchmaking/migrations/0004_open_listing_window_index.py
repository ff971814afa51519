"""A GiST index on the date windows of open listings, for the matcher's hard rule
"the two windows overlap" (docs/matching.md). PostgreSQL only: SQLite has no
range types, and the matcher uses plain comparisons there.

It lives here, on the exchanges app's table, because the matcher is the query
that needs it; the lead may move it to exchanges.Listing.Meta.indexes (as a
GistIndex on an expression) when the apps are merged."""

from django.db import migrations

INDEX = "matchmaking_open_listing_window"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON exchanges_listing "
            "USING gist (daterange(earliest_start, latest_end, '[]')) WHERE status = 'open'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0003_matching_weights"),
        ("exchanges", "0003_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
