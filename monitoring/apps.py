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
        self._follow_rows()

    def _follow_rows(self):
        """The columns kept in memory (monitoring.columns) follow each row's change."""
        from django.db.models.signals import post_delete

        from core.counts import changes_connect
        from exchanges.models import Exchange, ExchangeOrganisation, ExchangeParticipants
        from listings.models import Listing
        from matchmaking.models import Match, MatchParty
        from members.models import Organisation
        from taxonomy.models import Format, TargetGroup, Theme

        from . import receivers as r

        # status: a status moved in bulk (one UPDATE, no post_save).
        changes_connect(r.listing_changed, Listing, status=True, uid="columns-listing")
        changes_connect(r.match_changed, Match, status=True, uid="columns-match")
        changes_connect(r.match_party_changed, MatchParty, uid="columns-match-party")
        changes_connect(r.exchange_changed, Exchange, status=True, uid="columns-exchange")
        changes_connect(
            r.exchange_row_changed,
            ExchangeOrganisation,
            ExchangeParticipants,
            uid="columns-exchange-row",
        )
        changes_connect(r.organisation_changed, Organisation, status=True, uid="columns-org")
        changes_connect(
            r.tags_changed,
            m2m=[Listing.themes.through, Listing.formats.through, Exchange.themes.through],
            uid="columns-tags",
        )
        for model in (Theme, Format, TargetGroup):
            post_delete.connect(
                r.term_deleted, sender=model, dispatch_uid=f"columns-term.{model._meta.label}"
            )

        from core.warmup import keeps

        from .columns import kept

        # Read by the first dashboard otherwise: about half a second at full size.
        keeps("the dashboard's columns", kept.current)
