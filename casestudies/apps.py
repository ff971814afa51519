from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")

    def ready(self):
        from core.counts import counts_change_with
        from exchanges.signals import exchange_completed

        from . import permissions  # noqa: F401  (registers this app's rules)
        from .models import CaseStudy, Lesson, Photo, Testimonial

        # The kept case-study page (core.pagecache) shows its lessons, testimonials
        # and photos: a change to any of them alone must show at once.
        counts_change_with(CaseStudy, Lesson, Testimonial, Photo)
        exchange_completed.connect(_start_draft, dispatch_uid="casestudies.start_draft")


def _start_draft(sender, *, exchange, by, **kwargs):
    """A completed exchange opens its case study's draft (once per exchange)."""
    from .services import case_study_create_draft

    case_study_create_draft(exchange=exchange, by=by)
