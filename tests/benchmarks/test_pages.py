"""`manage.py benchmark_pages` measures the key pages on whatever data is there."""

from io import StringIO

import pytest
from django.core.management import call_command

from benchmarks.management.commands.benchmark_pages import wrk_figures

pytestmark = pytest.mark.django_db

WRK_REPORT = """Running 5s test @ http://127.0.0.1:8000/
  1 threads and 3 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    13.13ms    2.91ms  40.12ms   91.28%
  Latency Distribution
     50%   12.49ms
     75%   13.61ms
     90%   15.20ms
     99%   26.49ms
  1139 requests in 5.00s, 9.81MB read
  Non-2xx or 3xx responses: 2
Requests/sec:    227.63
Transfer/sec:      1.96MB
"""


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
    call_command("benchmark_pages", "--test-client", "--rounds=1", "--requests=1", stdout=out)
    lines = {line.split("  ")[0]: line for line in out.getvalue().splitlines()}
    for page in ("home", "case study", "browse, visitor teaser", "browse as member", "inbox"):
        assert " 200 " in lines[page], out.getvalue()


def test_wrk_report_gives_throughput_median_latency_and_errors():
    assert wrk_figures(WRK_REPORT) == {"rps": 227.63, "median_ms": 12.49, "errors": 2}
    assert wrk_figures("Latency Distribution\n 50%  812.00us\nRequests/sec: 3.5\n") == {
        "rps": 3.5,
        "median_ms": 0.812,
        "errors": 0,
    }


def test_the_bare_view_is_not_served_unless_a_benchmark_turns_it_on(client):
    assert client.get("/benchmark/bare/").status_code == 404
