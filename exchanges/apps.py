from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Exchanges")

    def ready(self):
        from core.counts import counts_change_with

        from . import permissions  # noqa: F401  (registers this app's rules)
        from .models import Exchange

        counts_change_with(Exchange)

        # Notifications is plumbing only: it runs this app's periodic job by name
        # (run_notification_jobs) without importing the app.
        from notifications.periodic import periodic_job_register

        from .reminders import exchange_report_requests_record

        periodic_job_register("reports", exchange_report_requests_record)

        # The matcher weighs each candidate's completed exchanges (matchmaking.signals).
        from matchmaking import signals

        from .selectors import track_records

        signals.TRACK_RECORDS["source"] = track_records
