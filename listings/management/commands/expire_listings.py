from django.core.management.base import BaseCommand

from listings import services


class Command(BaseCommand):
    help = "Expire open listings past their expiry date; remind owners 14 days ahead."

    def handle(self, *args, **options):
        for listing in services.listings_expire_due():
            self.stdout.write(f"expired {listing.reference} {listing.title}")
        for listing in services.listings_remind_expiring():
            self.stdout.write(f"reminded {listing.reference} (expires {listing.expires_on})")
