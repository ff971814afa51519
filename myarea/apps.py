from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyAreaConfig(AppConfig):
    """A member's area: what waits for them in every app, and a new
    organisation's first steps. It reads every domain app, so it sits above them."""

    name = "myarea"
    verbose_name = _("My area")

    def ready(self):
        from exchanges.models import ExchangeOrganisation
        from listings.models import ExpressionOfInterest
        from matchmaking.models import Match, MatchParty
        from members.models import Membership, Organisation

        from .kept import area_changes_with

        # What the to-do shows beyond the figures' generation (myarea.kept).
        area_changes_with(
            Match,
            MatchParty,
            ExpressionOfInterest,
            ExchangeOrganisation,
            Membership,
            m2m=[Organisation.themes.through],
        )
