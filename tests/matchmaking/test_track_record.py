"""The matcher weighs a candidate's completed exchanges on the request's themes,
which exchanges supplies (matchmaking.signals.TRACK_RECORDS, filled in
exchanges.apps)."""

import pytest

from exchanges.models import ExchangeStatus
from matchmaking.signals import track_records
from tests.factories import ExchangeOrganisationFactory, OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_track_record_counts_completed_exchanges_on_the_themes_only():
    boras, gender, green = OrganisationFactory(), ThemeFactory(), ThemeFactory()
    for status, theme in (
        (ExchangeStatus.COMPLETED, gender),
        (ExchangeStatus.COMPLETED, gender),
        (ExchangeStatus.PLANNED, gender),
        (ExchangeStatus.COMPLETED, green),
    ):
        party = ExchangeOrganisationFactory(organisation=boras, exchange__status=status)
        party.exchange.themes.add(theme)
    assert track_records([boras.pk], [gender.pk]) == {boras.pk: (2, None)}
