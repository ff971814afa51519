"""Files attached to an e-mail, made at send time from the notification's kind
and object: the outbox row stays small, and an app above notifications (events:
the calendar file of a registration) says what to attach without notifications
knowing it. A maker returns a list of (filename, content, mimetype)."""

from core.registry import Registry

# kind → function(notification) -> [(filename, content, mimetype)]
_makers = Registry()
attachment_maker = _makers.register


def attachments_for(notification) -> list[tuple[str, str | bytes, str]]:
    maker = _makers.get(notification.kind)
    return list(maker(notification)) if maker else []
