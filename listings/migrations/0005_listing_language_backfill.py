"""Existing listings get the language they are written in, detected by the same
function as a listing saved today (core.language)."""

from django.db import migrations

BATCH = 500


def detect_languages(apps, schema_editor):
    from core.language import written_language_detect

    Listing = apps.get_model("listings", "Listing")
    pending = Listing.objects.filter(language="").only("pk", "title", "description")
    batch = []
    for listing in pending.iterator(chunk_size=BATCH):
        listing.language = written_language_detect(listing.title, listing.description)
        if listing.language:
            batch.append(listing)
        if len(batch) >= BATCH:
            Listing.objects.bulk_update(batch, ["language"])
            batch = []
    Listing.objects.bulk_update(batch, ["language"])


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0004_listing_language"),
    ]

    operations = [
        migrations.RunPython(detect_languages, migrations.RunPython.noop, elidable=True),
    ]
