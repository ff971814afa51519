"""The matcher benchmark runs (its figures are measured on PostgreSQL by hand,
docs/matching.md): not a timed test."""

from io import StringIO

import pytest
from django.core.management import call_command

from listings.models import Listing


@pytest.mark.django_db
def test_benchmark_matcher_prints_median_and_p95_and_keeps_nothing():
    out = StringIO()
    call_command("benchmark_matcher", "--sizes", "50,100", "--runs", "3", stdout=out)
    text = out.getvalue()
    assert "50 listings, computed: median" in text and "p95" in text
    assert "100 listings, stored: median" in text
    assert "embedding one listing" in text and "vectors of 100,000 listings" in text
    assert not Listing.objects.exists()
