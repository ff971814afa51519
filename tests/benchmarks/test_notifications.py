"""The notification benchmark, run small: it counts what arrived and cleans up."""

import pytest
from django.core.management import call_command

from matchmaking.models import Match
from members.models import User
from notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def test_benchmark_reports_no_duplicates_nor_missing_emails_and_leaves_no_data(capsys):
    call_command("benchmark_notifications", "--count", "3")
    out = capsys.readouterr().out
    assert "notifications:   6" in out
    assert "emails received: 6" in out
    assert "duplicates:      0" in out
    assert "missing:         0" in out
    assert not Notification.objects.exists()
    assert not Match.objects.exists()
    assert not User.objects.exists()
