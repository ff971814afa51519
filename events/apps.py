from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Matchmaking events")

    def ready(self):
        # The calendar file attached to the confirmation and the reminder, and the
        # events' table on the monitoring dashboard: both registered on import.
        from members.signals import organisation_reinstated

        from . import (  # noqa: F401
            attachments,
            figures,
            permissions,  # noqa: F401  (registers this app's rules)
        )
        from .services import places_give_back

        # A place that freed up while a waiting organisation was suspended is its
        # own again once it is reinstated, not only at the next cancellation.
        organisation_reinstated.connect(
            lambda sender, organisation, **kwargs: places_give_back(organisation),
            weak=False,
            dispatch_uid="events.places_give_back",
        )
