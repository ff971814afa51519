from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self):
        # A signal rather than a call in every service: listings change status
        # in many places (publish, match, close, expire, the admin), and each
        # change may alter stored rankings (matchmaking.rankings).
        from django.db.models.signals import post_save

        from core.workflow import status_changed
        from listings.models import ExpressionOfInterest, Listing

        from . import permissions  # noqa: F401  (registers this app's rules)
        from .receivers import interest_expressed, listing_changed

        post_save.connect(listing_changed, sender=Listing, dispatch_uid="rankings-listing")
        # Matching confirms its listings in bulk (one UPDATE, no post_save).
        status_changed.connect(listing_changed, sender=Listing, dispatch_uid="rankings-status")
        post_save.connect(
            interest_expressed, sender=ExpressionOfInterest, dispatch_uid="rankings-interest"
        )
        self._follow_open_listings()

        # Notifications is plumbing only: it runs this app's periodic job by name
        # (run_notification_jobs) without importing the app.
        from notifications.periodic import periodic_job_register

        from .reminders import match_reminders_record

        periodic_job_register("reminders", match_reminders_record)

    def _follow_open_listings(self):
        """The matcher's columns of the open listings (matchmaking.snapshot) follow
        every change of what they hold."""
        from core.counts import changes_connect
        from embeddings.services import vectors_stored
        from listings.models import Listing
        from members.models import Organisation

        from . import receivers

        # status: a status moved in bulk (one UPDATE, no post_save).
        changes_connect(
            receivers.snapshot_listing_changed, Listing, status=True, uid="snapshot-listing"
        )
        changes_connect(
            receivers.snapshot_organisation_changed,
            Organisation,
            m2m=[Organisation.languages.through],
            status=True,
            uid="snapshot-organisation",
        )
        changes_connect(
            receivers.snapshot_tags_changed,
            m2m=[Listing.themes.through, Listing.languages.through],
            uid="snapshot-tags",
        )
        vectors_stored.connect(receivers.snapshot_vectors_stored, dispatch_uid="snapshot-vectors")

        from core.warmup import keeps
        from embeddings.index import index

        from .snapshot import open_listings

        # Read by the first ranking otherwise: 1-3 s at full size (core.warmup).
        keeps("the matcher's open listings", open_listings.current)
        keeps("the listings' vectors", index.refresh)
