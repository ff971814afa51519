"""How fast the key pages are, as a share of a bare view, and how many queries they run.

    manage.py benchmark_pages [--rounds 3] [--duration 5] [--connections 3] [--page "my listings"]
    manage.py benchmark_pages --test-client [--rounds 3] [--requests 10]

By default it starts gunicorn as the Dockerfile does (3 sync workers, the
settings of this environment, so the configured database and cache) on a free
local port, and runs `wrk` (Debian's package `wrk`) against it: in each round,
for each page, first the bare view (/benchmark/bare/: every middleware and the
session, no query, no template), then the page, for `--duration` seconds each.
A page's throughput as a share of the bare view's just before it says what the
page costs on this stack whatever the machine's load at that moment; the median
share and its min–max over the rounds are printed, with the requests per second
and the median latency. Visitors' pages are asked without a cookie, members'
pages with the session of the first seeded coordinator (`--member`).

Before that, every page is asked once through Django's test client to count
its queries: with an empty cache ("cold") and again ("warm"). `--test-client`
measures the times that way too, in this one process (the view, its queries and
its templates, without a web server): the earlier mode, kept to profile a page.

Run it against a `seed_scale` database (docs/performance.md); it changes nothing
there but the session it signs in with, which it deletes at the end.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from casestudies.models import CaseStudy
from members.models import Role

BARE = "/benchmark/bare/"
WORKERS = 3  # the Dockerfile's WEB_CONCURRENCY


def _pages(member):
    case_study = CaseStudy.objects.published().order_by("-published_at").first()
    pages = [
        ("home", None, "/"),
        ("case-study list", None, "/case-studies/"),
        ("case study", None, case_study and case_study.get_absolute_url()),
        ("member directory", None, "/members/"),
        ("browse, visitor teaser", None, "/listings/"),
        ("member area", member, "/my/"),
        ("my listings", member, "/listings/mine/"),
        ("browse as member", member, "/listings/"),
        ("browse as member, page 3, requests", member, "/listings/?page=3&kind=request"),
        ("inbox", member, "/inbox/"),
        ("my matches", member, "/matches/"),
    ]
    return [(name, user, url) for name, user, url in pages if url and (user or user is None)]


def wrk_figures(output: str) -> dict:
    """Requests per second, median latency (ms) and non-2xx/3xx answers from wrk's report."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "median_ms": float(median.group(1)) * scale[median.group(2)] if median else None,
        "errors": int(errors.group(1)) if errors else 0,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = "Each key page's throughput as a share of a bare view's (gunicorn and wrk)."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per run")
        parser.add_argument("--connections", type=int, default=WORKERS)
        parser.add_argument("--member", help="e-mail of a member to sign in as")
        parser.add_argument("--visitors", action="store_true", help="only the visitors' pages")
        parser.add_argument(
            "--page",
            action="append",
            default=[],
            help="only the pages whose name holds this text (again for more pages)",
        )
        parser.add_argument(
            "--test-client", action="store_true", help="time through the test client instead"
        )
        parser.add_argument("--requests", type=int, default=10, help="(test client) per round")

    def handle(self, *args, **options):
        User = get_user_model()
        email = options["member"]
        member = (
            User.objects.get(email=email)
            if email
            else User.objects.filter(memberships__role=Role.COORDINATOR).order_by("pk").first()
        )
        pages = _pages(member)
        if options["visitors"]:
            pages = [page for page in pages if page[1] is None]
        if options["page"]:
            pages = [page for page in pages if any(text in page[0] for text in options["page"])]
        self.stdout.write(
            f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}; "
            f"cache: {settings.CACHES['default']['BACKEND']}; signed in as {member}; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
        clients = self._clients(pages)
        with override_settings(ALLOWED_HOSTS=["localhost"]):
            queries = self._queries(pages, clients)
            if options["test_client"]:
                self._test_client(pages, clients, queries, options["rounds"], options["requests"])
                return
        self._wrk(pages, member, queries, options)

    # Queries, and the test-client mode -------------------------------------

    def _clients(self, pages):
        clients = {}
        for _name, user, _url in pages:
            if user not in clients:
                clients[user] = Client(HTTP_HOST="localhost")
                if user:
                    clients[user].force_login(user)
        return clients

    def _queries(self, pages, clients) -> dict:
        cache.clear()
        cold = {name: self._time(clients[user], url) for name, user, url in pages}
        warm = {name: self._time(clients[user], url) for name, user, url in pages}
        return {name: (cold[name], warm[name]) for name in cold}

    def _time(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, secure=True)  # as behind the HTTPS proxy
            ms = 1000 * (time.perf_counter() - start)
        return ms, len(queries), response.status_code

    def _test_client(self, pages, clients, queries, rounds, requests):
        timings = {name: [] for name, _, _ in pages}
        for _round in range(rounds):
            for name, user, url in pages:
                runs = [self._time(clients[user], url) for _ in range(requests)]
                timings[name].append([ms for ms, _, _ in runs])
        header = f"{'page':38} {'status':>6} {'queries cold/warm':>17} {'cold ms':>8}"
        self.stdout.write(f"{header} {'median ms':>10} {'p95 ms':>7}  round medians")
        for name, _, _ in pages:
            (ms, cold_queries, status), (_, warm_queries, _) = queries[name]
            warm = sorted(t for run in timings[name] for t in run)
            medians = [statistics.median(run) for run in timings[name]]
            p95 = warm[min(len(warm) - 1, int(0.95 * len(warm)))]
            self.stdout.write(
                f"{name:38} {status:>6} {f'{cold_queries}/{warm_queries}':>17} {ms:8.1f} "
                f"{statistics.median(warm):10.1f} "
                f"{p95:7.1f}  {min(medians):.1f}–{max(medians):.1f}"
            )

    # gunicorn and wrk -------------------------------------------------------

    def _wrk(self, pages, member, queries, options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (Debian: apt-get install -y wrk).")
        if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
            self.stderr.write("The cache is per process (no CACHE_URL): not as in production.")
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        signed_in = Client()
        if member:
            signed_in.force_login(member)
        session_key = signed_in.cookies.get(settings.SESSION_COOKIE_NAME)
        session_key = session_key.value if session_key else None
        port = _free_port()
        server = self._gunicorn(port)
        try:
            self._wait(port, host)
            results = self._rounds(pages, port, host, session_key, options)
        finally:
            server.terminate()
            server.wait(timeout=30)
            if session_key:
                SessionStore(session_key=session_key).delete()
        self._report(pages, queries, results)

    def _gunicorn(self, port):
        env = {
            **os.environ,
            "BENCHMARK_BARE_VIEW": "true",
            # As behind the production proxy: HTTPS is said by X-Forwarded-Proto.
            "TRUSTED_PROXY_COUNT": "1",
        }
        command = [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "earlall_rsp.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={WORKERS}",
            "--log-level=warning",
        ]
        return subprocess.Popen(command, env=env)  # noqa: S603 - our own command line

    def _headers(self, host, cookie=None):
        headers = {"Host": host, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
        if cookie:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
        return headers

    def _wait(self, port, host):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{BARE}", headers=self._headers(host)
        )
        for _ in range(120):
            try:
                with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise CommandError("gunicorn did not answer the bare view within a minute.")

    def _run_wrk(self, port, url, headers, options) -> dict:
        command = ["wrk", "--latency", "-t1", f"-c{options['connections']}"]
        command += [f"-d{options['duration']}s"]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        command.append(f"http://127.0.0.1:{port}{url}")
        output = subprocess.run(  # noqa: S603 - wrk against our own local server
            command, capture_output=True, text=True, check=True
        ).stdout
        return wrk_figures(output)

    def _rounds(self, pages, port, host, session_key, options) -> dict:
        results = {name: [] for name, _, _ in pages}
        # Each worker imports, compiles its templates and connects before it is timed.
        warm_up = {**options, "duration": 1}
        for _name, user, url in [(None, None, BARE), *pages]:
            self._run_wrk(port, url, self._headers(host, session_key if user else None), warm_up)
        for round_number in range(1, options["rounds"] + 1):
            self.stdout.write(f"round {round_number}/{options['rounds']}…")
            for name, user, url in pages:
                headers = self._headers(host, session_key if user else None)
                bare = self._run_wrk(port, BARE, headers, options)
                page = self._run_wrk(port, url, headers, options)
                results[name].append((bare, page))
        return results

    def _report(self, pages, queries, results):
        self.stdout.write(
            f"{'page':38} {'queries cold/warm':>17} {'share of bare':>13} {'min–max':>13} "
            f"{'req/s':>7} {'bare req/s':>10} {'median ms':>9} {'errors':>6}"
        )
        for name, _, _ in pages:
            (_, cold, status), (_, warm, _) = queries[name]
            runs = results[name]
            shares = [100 * page["rps"] / bare["rps"] for bare, page in runs if bare["rps"]]
            page_rps = statistics.median(page["rps"] for _, page in runs)
            bare_rps = statistics.median(bare["rps"] for bare, _ in runs)
            medians = [page["median_ms"] for _, page in runs if page["median_ms"] is not None]
            errors = sum(page["errors"] + bare["errors"] for bare, page in runs)
            share = f"{statistics.median(shares):.1f} %" if shares else "-"
            spread = f"{min(shares):.1f}–{max(shares):.1f}" if shares else "-"
            latency = f"{statistics.median(medians):.1f}" if medians else "-"
            self.stdout.write(
                f"{name:38} {f'{cold}/{warm}':>17} {share:>13} {spread:>13} "
                f"{page_rps:7.1f} {bare_rps:10.1f} {latency:>9} {errors:>6}"
                + ("" if status == 200 else f"  (test client: {status})")
            )
        self.stdout.write(f"load average after: {os.getloadavg()[0]:.1f}")
