"""The calendar file attached to a registration's confirmation and to the
reminder the day before, made when the e-mail is sent (notifications.attachments):
the event and the organisation's meetings as they stand then."""

from django.utils import translation

from notifications.attachments import attachment_maker

from .calendar import registration_ics
from .models import Registration


@attachment_maker("event_registered")
@attachment_maker("event_reminder")
def registration_calendar(notification) -> list:
    registration = (
        Registration.objects.filter(pk=notification.object_id).select_related("event").first()
        if notification.object_id
        else None
    )
    if registration is None:  # cancelled before the e-mail left: nothing to add to a calendar
        return []
    with translation.override(notification.language):
        content = registration_ics(registration)
    return [(f"event-{registration.event_id}.ics", content, "text/calendar")]
