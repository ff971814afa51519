"""How long the key pages take, and how many queries they run, on this database.

Through Django's test client in this one process (no web server, no network):
the cost of the view, its queries and its templates, which is what issue 18's
causes were. Each page is asked once with an empty cache ("cold") and then
`--requests` times ("warm"), in `--rounds` rounds interleaved page by page, and
the median and 95th percentile of the warm requests are printed with the
min–max of the round medians. Run it against a `seed_scale` database
(docs/performance.md); it changes nothing in it.
"""

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from casestudies.models import CaseStudy
from members.models import Role


def _pages(member, staff):
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
        ("browse as member, page 3, one theme", member, "/listings/?page=3&kind=request"),
        ("inbox", member, "/inbox/"),
        ("my matches", member, "/matches/"),
        ("monitoring dashboard", staff, "/monitoring/"),
    ]
    return [(name, user, url) for name, user, url in pages if url and user is not False]


class Command(BaseCommand):
    help = "Time the key pages (test client, this process) and count their queries."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--requests", type=int, default=10, help="warm requests per round")
        parser.add_argument("--member", help="e-mail of a member to sign in as")

    def handle(self, *args, rounds, requests, member=None, **options):
        User = get_user_model()
        member = (
            User.objects.get(email=member)
            if member
            else User.objects.filter(memberships__role=Role.COORDINATOR).order_by("pk").first()
        )
        staff = User.objects.filter(is_staff=True, is_active=True).first() or False
        pages = _pages(member, staff)
        clients = {}
        for _name, user, _url in pages:
            if user not in clients:
                clients[user] = Client(HTTP_HOST="localhost")
                if user:
                    clients[user].force_login(user)
        self.stdout.write(
            f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND']}; "
            f"{rounds} rounds of {requests} warm requests per page"
        )
        with override_settings(ALLOWED_HOSTS=["localhost"]):
            cache.clear()
            cold = {name: self._time(clients[user], url) for name, user, url in pages}
            timings = {name: [] for name, _, _ in pages}
            warm_queries = {}
            for _round in range(rounds):
                for name, user, url in pages:
                    runs = [self._time(clients[user], url) for _ in range(requests)]
                    timings[name].append([ms for ms, _, _ in runs])
                    warm_queries[name] = runs[-1][1]
        header = f"{'page':38} {'status':>6} {'queries cold/warm':>17} {'cold ms':>8}"
        self.stdout.write(f"{header} {'median ms':>10} {'p95 ms':>7}  round medians")
        for name, _, _ in pages:
            ms, queries, status = cold[name]
            warm = sorted(t for run in timings[name] for t in run)
            medians = [statistics.median(run) for run in timings[name]]
            p95 = warm[min(len(warm) - 1, int(0.95 * len(warm)))]
            self.stdout.write(
                f"{name:38} {status:>6} {f'{queries}/{warm_queries[name]}':>17} {ms:8.1f} "
                f"{statistics.median(warm):10.1f} "
                f"{p95:7.1f}  {min(medians):.1f}–{max(medians):.1f}"
            )

    def _time(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, secure=True)  # as behind the HTTPS proxy
            ms = 1000 * (time.perf_counter() - start)
        return ms, len(queries), response.status_code
