"""The scheduler benchmark prints its time and the share of meetings placed."""

from io import StringIO

from django.core.management import call_command


def test_benchmark_scheduler_prints_time_and_share_placed():
    out = StringIO()
    call_command(
        "benchmark_scheduler", organisations=30, requests=100, slots=6, tables=5, stdout=out
    )
    text = out.getvalue()
    assert "30 organisations, 100 accepted meetings, 6 slots × 5 tables" in text
    assert "scheduled in" in text and "placed" in text
