from django.db import migrations

from core.secretariat import sync_secretariat_group


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taxonomy", "0001_initial"),
        ("members", "0001_initial"),
        ("exchanges", "0003_initial"),
        ("matchmaking", "0002_initial"),
        ("casestudies", "0003_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_secretariat_group, migrations.RunPython.noop)]
