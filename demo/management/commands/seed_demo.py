"""Load the demo data: what is missing is created, what exists is left as it is.

python manage.py seed_demo            # safe to run again, after any walk
python manage.py seed_demo --reset    # delete the demo data and load it afresh
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count

from casestudies.models import CaseStudy
from demo.loader import DemoDataError, load_demo, read
from demo.reset import demo_delete
from exchanges.models import Exchange
from listings.models import ExpressionOfInterest, Listing
from listings.services import listings_embed
from matchmaking.models import Match
from matchmaking.rankings import refresh_deferred
from members.models import Organisation, User
from taxonomy.models import Format, Language, TargetGroup, Theme

RESET_WARNING = (
    "This deletes the demo organisations and people, and every listing, match, exchange "
    "and case study that involves a demo organisation, with what was done on them since "
    "they were loaded; then it loads the demo data afresh. Other data stay.\n"
    "Type 'yes' to continue: "
)


class Command(BaseCommand):
    help = (
        "Load the demo data (the Borås case and a partnership around it). Creates what "
        "is missing and never changes what exists; --reset loads it afresh."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo data (and what was done on it) and load it afresh.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation of --reset.",
        )

    def handle(self, *args, quiet=False, reset=False, interactive=True, **options):
        if not settings.DEMO_DATA:
            raise CommandError(
                "This installation does not take demo data: it creates people whose "
                "password is published in the README. Set DEMO_DATA=true (on by default "
                "when DEBUG is) to load it on a machine nobody else can reach."
            )
        if reset and interactive and input(RESET_WARNING).strip().lower() != "yes":
            raise CommandError("Reset cancelled: nothing was changed.")
        # One transaction: a mistake in the data leaves the database as it was.
        # The stored rankings are computed once, after the load and the vectors,
        # not again after every listing the load saves (matchmaking.rankings).
        with refresh_deferred():
            try:
                with transaction.atomic():
                    if reset:
                        deleted = demo_delete()
                        self.stdout.write(
                            "Deleted: " + ", ".join(f"{n} {name}" for name, n in deleted.items())
                        )
                    logins = load_demo()
            except DemoDataError as error:
                raise CommandError(str(error)) from error
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
        self.stdout.write(f"\nLogins (password: {read('people')['password']})")
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
