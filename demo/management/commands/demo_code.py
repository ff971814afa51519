"""The current second-factor code of the demo secretariat (seed_demo).

It computes the code from the demo's published key (demo/data/people.yaml), not
from the database, so it opens no other account: a real staff member's key never
leaves their app.
"""

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from demo.loader import read


class Command(BaseCommand):
    help = "Print the demo secretariat's current authenticator code."

    def handle(self, *args, **options):
        secretariat = read("people")["secretariat"]
        token = TOTP(bytes.fromhex(secretariat["totp_key"])).token()
        self.stdout.write(f"{token:06d}  (for {secretariat['email']}, valid about 30 seconds)")
