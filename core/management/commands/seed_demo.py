"""Load the demo data: taxonomies, members, requests and offers, the Borås case.

Safe to run again: it updates the demo rows in place and creates no duplicates.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from casestudies.models import CaseStudy
from core.demo import DEMO_PASSWORD
from core.demo.loader import load_demo
from exchanges.models import Exchange
from listings.models import ExpressionOfInterest, Listing
from listings.services import listings_embed
from matchmaking.models import Match
from members.models import Organisation, User
from taxonomy.models import Format, Language, TargetGroup, Theme


class Command(BaseCommand):
    help = "Load (or refresh) the demo data, including the Borås case study."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args, quiet=False, **options):
        # One transaction: a mistake in the data leaves the database as it was.
        with transaction.atomic():
            logins = load_demo()
        # The open listings' vectors, through the same service as a published
        # listing (after the load, so that a failed load encodes nothing).
        listings_embed()
        self.print_summary()
        if not quiet:
            self.print_logins(logins)

    def print_summary(self):
        orgs = Organisation.objects.all()
        by_status = dict(
            Listing.objects.values_list("status").annotate(n=Count("pk")).order_by("status")
        )
        lines = [
            f"Themes {Theme.objects.count()}, formats {Format.objects.count()}, "
            f"target groups {TargetGroup.objects.count()}, "
            f"languages {Language.objects.count()}",
            f"Organisations {orgs.count()} in {orgs.values('country').distinct().count()} "
            f"countries ({orgs.active().count()} active), users {User.objects.count()}",
            f"Listings {sum(by_status.values())}: "
            + ", ".join(f"{status} {n}" for status, n in by_status.items()),
            f"Expressions of interest {ExpressionOfInterest.objects.count()}, "
            f"matches {Match.objects.count()}, exchanges {Exchange.objects.count()}, "
            f"case studies {CaseStudy.objects.published().count()} published",
        ]
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for line in lines:
            self.stdout.write(line)

    def print_logins(self, logins):
        self.stdout.write(f"\nLogins (password: {DEMO_PASSWORD})")
        self.stdout.write(
            "  The secretariat also gives a code from its authenticator: "
            "`python manage.py demo_code` prints the current one."
        )
        width = max(len(row["email"]) for row in logins)
        for row in logins:
            state = "" if row["active"] else "  [inactive]"
            self.stdout.write(
                f"  {row['email']:<{width}}  {row['organisation']} ({row['role']}){state}"
            )
