"""Store the vectors of listings' descriptions that are missing or out of date."""

from django.core.management.base import BaseCommand

from listings.models import Listing
from listings.services import listings_embed


class Command(BaseCommand):
    help = "Compute missing vectors of open listings (--all: recompute every listing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="every listing whatever its status, recomputed even when unchanged",
        )

    def handle(self, *args, all: bool, **options):
        if all:
            done = listings_embed(listings=Listing.objects.all(), force=True)
        else:
            done = listings_embed()
        self.stdout.write(f"{done} listings encoded")
