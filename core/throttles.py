"""How often a client may use the public doors: sign-in, password reset, joining.

django-ratelimit counts in the shared cache (CACHES, from CACHE_URL), per client
address as core.client_ip reads it. Axes still locks an account after five wrong
passwords from one address; the per-address limit here stops one address from
trying a few passwords on many accounts (password spraying).
"""

from django_ratelimit.decorators import ratelimit

from .client_ip import normalised_email

SIGN_IN_PER_ADDRESS = "30/10m"
PASSWORD_RESET_PER_ADDRESS = "10/h"  # noqa: S105 (a rate, not a password)
# A victim receives at most three reset e-mails an hour, whoever asks.
PASSWORD_RESET_PER_EMAIL = "3/h"  # noqa: S105
JOIN_PER_ADDRESS = "5/h"
# The pages that ask a signed-in person for their password again (change it,
# confirm a new address, delete the account): someone holding a stolen session
# must not learn the password there by trying, where Axes does not count.
PASSWORD_CHECK_PER_ACCOUNT = "10/h"  # noqa: S105
# The forms that send an e-mail to an address the person types (inviting a
# colleague, changing one's address): the site must not become anyone's way to
# mail strangers, or to flood someone's mailbox.
MAIL_TO_TYPED_ADDRESS_PER_ACCOUNT = "20/h"


def posted_email(group, request) -> str:
    return normalised_email(request.POST.get("email"))


def per_address(rate: str):
    return ratelimit(key="ip", rate=rate, method="POST", block=True)


def sign_in_throttled(view):
    return per_address(SIGN_IN_PER_ADDRESS)(view)


def password_reset_throttled(view):
    view = ratelimit(
        key="core.throttles.posted_email", rate=PASSWORD_RESET_PER_EMAIL, method="POST", block=True
    )(view)
    return per_address(PASSWORD_RESET_PER_ADDRESS)(view)


def join_throttled(view):
    return per_address(JOIN_PER_ADDRESS)(view)


def per_account(rate: str):
    return ratelimit(key="user", rate=rate, method="POST", block=True)


def password_check_throttled(view):
    return per_account(PASSWORD_CHECK_PER_ACCOUNT)(view)


def mail_to_typed_address_throttled(view):
    return per_account(MAIL_TO_TYPED_ADDRESS_PER_ACCOUNT)(view)
