from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Matchmaking events")

    def ready(self):
        # Registers the calendar file attached to the registration's confirmation.
        from . import attachments  # noqa: F401
