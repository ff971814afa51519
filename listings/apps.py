from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = _("Requests and offers")

    def ready(self):
        from core.counts import counts_change_with

        from . import privacy  # noqa: F401  (adds its sections to the personal data export)
        from .models import Listing, Offer, Request

        # The secretariat's admin saves requests and offers as proxies, which send
        # their own signals.
        counts_change_with(Listing, Request, Offer, m2m=[Listing.themes.through])

        # Notifications is plumbing only: it runs this app's periodic job by name
        # (run_notification_jobs) without importing the app.
        from notifications.periodic import periodic_job_register

        from .reminders import weekly_digests_record

        periodic_job_register("digest", weekly_digests_record)
