"""`seed_demo` creates people whose password the README publishes: a site that
does not take demo data (production, by default) refuses it and changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from members.models import Organisation, User

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_where_demo_data_is_off_and_creates_nobody(settings):
    settings.DEMO_DATA = False
    before = (Organisation.objects.count(), User.objects.count())
    with pytest.raises(CommandError, match="DEMO_DATA=true"):
        call_command("seed_demo", "--quiet")
    assert (Organisation.objects.count(), User.objects.count()) == before
