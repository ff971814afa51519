from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Matchmaking events")

    def ready(self):
        # The calendar file attached to the confirmation and the reminder, and the
        # events' table on the monitoring dashboard: both registered on import.
        from . import (  # noqa: F401
            attachments,
            figures,
            permissions,  # noqa: F401  (registers this app's rules)
        )
