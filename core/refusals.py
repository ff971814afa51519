"""What a service raises when a rule refuses what the user asked, and the one way
to say it back to them.

A service raises ValidationError (a form's field or a whole-object rule) or a
Refusal (a state change, a match, a link): both carry the reason in the user's
words. Views, admin actions and decisions catch REFUSALS and show `refusal_text`;
anything else a service raises is a bug and is left to fail loudly.
"""

from django.core.exceptions import ValidationError


class Refusal(Exception):
    """A rule refused the change and nothing changed; the message says why."""


REFUSALS = (ValidationError, Refusal)


def refusal_text(error: Exception) -> str:
    """The reason of a refusal as one sentence or several, for a message or a form."""
    return " ".join(getattr(error, "messages", None) or [str(error)])
