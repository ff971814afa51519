"""The e-mails a confirmation would send, before it is confirmed.

They are rendered by the code that sends them: the match is confirmed inside a
transaction that is then rolled back. The same rules refuse what they would
refuse, the same function writes each party's e-mail, and nothing is saved or
queued (what a transaction registers to run on commit is dropped with its
rollback). Only the numbers in the links differ from the e-mails sent, since the
real match is numbered when it is confirmed.
"""

import copy
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from listings.models import Listing
from notifications.emails import render
from notifications.models import Notification

from .models import Match
from .services import match_confirm


@dataclass(frozen=True)
class EmailPreview:
    to: str
    name: str
    organisation: str
    language: str
    # False: the recipient turned e-mails off; it shows in their inbox only.
    emailed: bool
    subject: str
    text: str
    html: str


class _Rollback(Exception):
    """Ends the preview's transaction, so that nothing it wrote stays."""


def match_preview(*, request: Listing, partners: list, by, message: str = "") -> list:
    """Each e-mail confirming `partners` for `request` would send, in its
    recipient's language. Raises what match_confirm raises."""
    previews = []
    try:
        with transaction.atomic():
            # match_confirm marks the request it is given as matched: give it a copy.
            match = match_confirm(
                request=copy.copy(request), partners=partners, by=by, message=message
            )
            previews = [_preview(n) for n in _recorded_about(match)]
            raise _Rollback
    except _Rollback:
        pass
    return previews


def _recorded_about(match: Match):
    return (
        Notification.objects.filter(
            content_type=ContentType.objects.get_for_model(Match), object_id=str(match.pk)
        )
        .select_related("recipient")
        .order_by("pk")
    )


def _preview(notification: Notification) -> EmailPreview:
    subject, text, html = render(notification.kind, notification.context, notification.language)
    recipient = notification.recipient
    return EmailPreview(
        to=notification.email,
        name=recipient.full_name if recipient else "",
        organisation=str(notification.context.get("organisation", "")),
        language=notification.language,
        emailed=recipient is None or recipient.email_notifications,
        subject=subject,
        text=text,
        html=html,
    )
