from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = _("Taxonomies")

    def ready(self):
        from core.counts import changes_connect, counts_change_with

        from .models import Format, Language, TargetGroup, Theme
        from .selectors import term_names_changed

        # A renamed term shows at once on the pages and figures kept in the
        # cache (core.counts' generation: the teaser, the public pages).
        counts_change_with(Theme, Format, TargetGroup, Language)

        changes_connect(term_names_changed, Theme, Format, TargetGroup, Language, uid="names")
