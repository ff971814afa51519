"""The themes and working languages copied onto the listing row, for the matcher
(docs/matching.md, "Speed"), filled for the listings already there. The SQL is
written out here, not imported, so the migration stays as it was run."""

from django.db import migrations

import listings.fields

TABLE = "exchanges_listing"
COPIES = {
    "theme_ids": ("exchanges_listing_themes", "theme_id"),
    "language_ids": ("exchanges_listing_languages", "language_id"),
}


def fill(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    sets = []
    for field, (link, column) in COPIES.items():
        rows = f"SELECT {column} FROM {link} WHERE listing_id = {TABLE}.id ORDER BY {column}"
        value = f"ARRAY({rows})" if postgres else f"(SELECT json_group_array({column}) FROM ({rows}))"
        sets.append(f"{field} = {value}")
    schema_editor.execute(f"UPDATE {TABLE} SET {', '.join(sets)}")


class Migration(migrations.Migration):

    dependencies = [
        ('listings', '0005_listing_language_backfill'),
    ]

    operations = [
        migrations.AddField(
            model_name='listing',
            name='language_ids',
            field=listings.fields.IdList(verbose_name='working language ids'),
        ),
        migrations.AddField(
            model_name='listing',
            name='theme_ids',
            field=listings.fields.IdList(verbose_name='theme ids'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
