"""The content types of the moved models change their app label in place
(exchanges → listings), so every row that points at them keeps pointing at the
same content type: the permissions (and with them the Secretariat group and any
user's own permissions), the admin's log, and the notifications' generic links to
a listing or an interest."""

from django.db import migrations

MOVED = ["listing", "request", "offer", "historicallisting", "expressionofinterest", "savedsearch"]


def relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        current = ContentType.objects.filter(app_label=old, model=model).first()
        if current is None:
            continue  # a fresh database: post_migrate creates it under the new label
        # Only a database migrated in several steps has both: the new one was made
        # by post_migrate in between, with fresh permissions nobody was given yet.
        ContentType.objects.filter(app_label=new, model=model).delete()
        current.app_label = new
        current.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    relabel(apps, "exchanges", "listings")


def backwards(apps, schema_editor):
    relabel(apps, "listings", "exchanges")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("exchanges", "0007_listings_moved_to_their_own_app"),
        ("listings", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
