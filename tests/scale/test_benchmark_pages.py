"""`manage.py benchmark_pages` times the key pages on whatever data is there."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_benchmark_pages_prints_each_page_with_its_queries_and_times(secretariat):
    call_command(
        "seed_scale",
        "--organisations=10",
        "--users=3",
        "--listings=60",
        "--exchanges=6",
        "--case-studies=2",
        stdout=StringIO(),
    )
    out = StringIO()
    call_command("benchmark_pages", "--rounds=1", "--requests=1", stdout=out)
    lines = {line.split("  ")[0]: line for line in out.getvalue().splitlines()}
    for page in ("home", "case study", "browse, visitor teaser", "browse as member", "inbox"):
        assert " 200 " in lines[page], out.getvalue()
