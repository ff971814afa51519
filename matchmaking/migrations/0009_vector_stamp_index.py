"""An index on the vectors' (listing, encoder, stamp), for the matcher's candidate
query, which reads each survivor's vector stamp (docs/matching.md, "Speed").
Without it each survivor costs a visit to the vector's row, 1.5 KB wide: at
100,000 listings that was most of the query (1.3 s of 1.75 s for 41,000
survivors, measured with EXPLAIN ANALYZE). With it PostgreSQL answers from the
index alone (an index-only scan). PostgreSQL only, as migration 0004: SQLite
reads the row anyway."""

from django.db import migrations

INDEX = "matchmaking_vector_stamp"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON embeddings_listingvector "
            "(listing_id, encoder, stamp)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0008_stored_rankings"),
        ("embeddings", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
