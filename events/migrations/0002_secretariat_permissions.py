from django.db import migrations

from core.secretariat import sync_secretariat_group


class Migration(migrations.Migration):
    """The secretariat runs the events from the admin: give its group their permissions."""

    dependencies = [
        ("core", "0001_secretariat_group"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_secretariat_group, migrations.RunPython.noop)]
