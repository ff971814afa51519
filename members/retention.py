"""How long personal data is kept, and the purge that enforces it.

docs/security.md states the same periods; `manage.py purge_expired_data` and
Celery beat (daily) run `data_purge_expired`.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.utils import timezone

from notifications.services import notifications_purge_old

from .services import invitations_purge_unanswered

SIGN_IN_RECORDS_DAYS = 90
NOTIFICATION_CONTENT_DAYS = 365
NOTIFICATION_ROWS_DAYS = 730
# Invitations work for 14 days (members.services.INVITATION_MAX_AGE); unanswered
# ones are kept a little longer so a coordinator sees what was never accepted.
UNANSWERED_INVITATION_DAYS = 14 + 30


def data_purge_expired(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete or empty what is past its retention period; say how many rows."""
    now = now or timezone.now()

    def before(days: int) -> datetime.datetime:
        return now - datetime.timedelta(days=days)

    done = {}
    sign_ins = before(SIGN_IN_RECORDS_DAYS)
    done["sign-in records"] = sum(
        model.objects.filter(attempt_time__lt=sign_ins).delete()[0]
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )
    done["notifications deleted"], done["notification contents emptied"] = notifications_purge_old(
        delete_before=before(NOTIFICATION_ROWS_DAYS),
        empty_before=before(NOTIFICATION_CONTENT_DAYS),
    )
    done["unanswered invitations"] = invitations_purge_unanswered(
        sent_before=before(UNANSWERED_INVITATION_DAYS)
    )
    done["expired sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    return done
