from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from core.counts import counts_change_with, figures_changed
        from exchanges.models import Exchange, ExchangeOrganisation, ExchangeParticipants
        from listings.models import Listing
        from matchmaking.models import Match, MatchParty
        from taxonomy.models import Format, TargetGroup, Theme

        from . import permissions  # noqa: F401  (registers this app's rules)
        from .tasks import stored_figures_changed

        # What the figures count beyond what the apps themselves connect
        # (listings, organisations, exchanges): a change starts a new generation.
        counts_change_with(
            Match,
            MatchParty,
            ExchangeOrganisation,
            ExchangeParticipants,
            Theme,
            Format,
            TargetGroup,
            m2m=[Listing.formats.through, Exchange.themes.through],
        )
        figures_changed.connect(stored_figures_changed, dispatch_uid="monitoring.stored-figures")
