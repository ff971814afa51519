from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")

    def ready(self):
        from core.counts import counts_change_with

        from .models import CaseStudy

        counts_change_with(CaseStudy)
