"""The Secretariat group keeps every permission on the product's models: every
`migrate` ends by syncing it, so a new model needs no migration of its own."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from core.secretariat import SECRETARIAT_GROUP

pytestmark = pytest.mark.django_db


def test_migrate_gives_the_secretariat_back_a_lost_permission():
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    lost = Permission.objects.get(content_type__app_label="events", codename="change_event")
    group.permissions.remove(lost)
    assert not group.permissions.filter(pk=lost.pk).exists()

    call_command("migrate", verbosity=0)

    assert group.permissions.filter(pk=lost.pk).exists()
    # Django's plumbing stays out of the secretariat's hands.
    assert not group.permissions.filter(content_type__app_label="contenttypes").exists()
