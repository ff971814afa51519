from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = _("Requests and offers")

    def ready(self):
        from core.counts import counts_change_with

        from . import (
            permissions,  # noqa: F401  (registers this app's rules)
            privacy,  # noqa: F401  (adds its sections to the personal data export)
        )
        from .models import Listing, Offer, Request
        from .services import M2M_FIELDS

        # The secretariat's admin saves requests and offers as proxies, which send
        # their own signals. Browse keeps its results rendered (the cards show the
        # themes and formats; the filters read all four vocabularies).
        tags = [getattr(Listing, name).through for name in M2M_FIELDS]
        counts_change_with(Listing, Request, Offer, m2m=tags)

        from core.counts import changes_connect
        from members.models import Membership

        from .models import ExpressionOfInterest
        from .selectors import mine_changed

        # What "my listings" shows beyond the figures' generation (it is kept per person).
        changes_connect(mine_changed, ExpressionOfInterest, Membership, uid="listings.mine")

        from django.db.models.signals import m2m_changed

        from .services import listing_tags_changed

        # The matcher's copies of the themes and languages on the listing row.
        for through in (Listing.themes.through, Listing.languages.through):
            m2m_changed.connect(
                listing_tags_changed, sender=through, dispatch_uid=f"tags.{through._meta.label}"
            )

        # Notifications is plumbing only: it runs this app's periodic job by name
        # (run_notification_jobs) without importing the app.
        from notifications.periodic import periodic_job_register

        from .reminders import weekly_digests_record

        periodic_job_register("digest", weekly_digests_record)
