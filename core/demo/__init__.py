"""Demo data for `manage.py seed_demo`: the real Borås case and a realistic
partnership around it.

The data are plain lists of dicts, one file per kind of thing; `loader.py` turns
them into rows with update_or_create on natural keys (slugs, emails, the
listings' external_ref, the exchanges' titles), so the command can run again
without duplicates. Past exchanges, matches under way, invitations and saved
searches give every area of the product something real to show.
"""

# Every demo login shares it: the demo is for showing, never for production.
DEMO_PASSWORD = "demo-password-2024"  # noqa: S105
SECRETARIAT_EMAIL = "secretariat@earlall.eu"
# The demo secretariat's second factor (an authenticator-app key, hex), as public
# as the password: `manage.py demo_code` prints its current six-digit code.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # noqa: S105
