"""Files attached to an e-mail, made at send time from the notification's kind
and object: the outbox row stays small, and an app above notifications (events:
the calendar file of a registration) says what to attach without notifications
knowing it. A maker returns a list of (filename, content, mimetype)."""

from collections.abc import Callable

_makers: dict[str, Callable] = {}


def attachment_maker(kind: str):
    """Register `function(notification) -> [(filename, content, mimetype)]` for a kind."""

    def register(function):
        _makers[kind] = function
        return function

    return register


def attachments_for(notification) -> list[tuple[str, str | bytes, str]]:
    maker = _makers.get(notification.kind)
    return list(maker(notification)) if maker else []
