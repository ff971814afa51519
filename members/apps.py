from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from core.counts import counts_change_with

        from . import permissions  # noqa: F401  (registers this app's rules)
        from .models import Organisation

        counts_change_with(Organisation)
