"""The confirmation benchmark runs end to end and leaves no data behind."""

import pytest
from django.core.management import CommandError, call_command

from listings.models import Listing
from matchmaking.models import Match
from members.models import Organisation, User

pytestmark = pytest.mark.django_db


def test_benchmark_confirm_prints_its_figures_and_cleans_up(capsys, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    before = (Organisation.objects.count(), User.objects.count())
    call_command("benchmark_confirm", parties=3, runs=2, allow_eager=True)
    out = capsys.readouterr().out
    assert "confirm with 3 parties, 2 runs: median" in out
    assert "6 e-mails recorded in the outbox" in out
    assert not Match.objects.exists() and not Listing.objects.exists()
    assert (Organisation.objects.count(), User.objects.count()) == before


def test_benchmark_confirm_wants_a_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with pytest.raises(CommandError, match="No CELERY_BROKER_URL"):
        call_command("benchmark_confirm", runs=1)
