"""The current second-factor code of the demo secretariat (seed_demo).

It computes the code from the demo's published key, not from the database, so
it opens no other account: a real staff member's key never leaves their app.
"""

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from core.demo import DEMO_TOTP_KEY, SECRETARIAT_EMAIL


class Command(BaseCommand):
    help = "Print the demo secretariat's current authenticator code."

    def handle(self, *args, **options):
        token = TOTP(bytes.fromhex(DEMO_TOTP_KEY)).token()
        self.stdout.write(f"{token:06d}  (for {SECRETARIAT_EMAIL}, valid about 30 seconds)")
