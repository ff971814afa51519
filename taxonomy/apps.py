from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = _("Taxonomies")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.counts import counts_change_with

        from .models import Format, Language, TargetGroup, Theme
        from .selectors import term_names_changed

        # A renamed term shows at once on the pages and figures kept in the
        # cache (core.counts' generation: the teaser, the public pages).
        counts_change_with(Theme, Format, TargetGroup, Language)

        for model in (Theme, Format, TargetGroup, Language):
            label = model._meta.label
            post_save.connect(term_names_changed, sender=model, dispatch_uid=f"names.save.{label}")
            post_delete.connect(
                term_names_changed, sender=model, dispatch_uid=f"names.delete.{label}"
            )
