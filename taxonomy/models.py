"""The curated vocabularies the secretariat edits: themes, formats, target groups,
languages. They are data, not code, because the programme guide changes them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class EnglishBaseName:
    """The names per language are `name_en`, `name_fr`, … (translation.py); the
    base `name` column keeps the English one whoever saves, so that it stays a
    stable key (the vocabulary migrations look terms up by it)."""

    def save(self, *args, **kwargs):
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


class Term(EnglishBaseName, models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Theme(Term):
    class Meta(Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Format(Term):
    """A format of mobility, with the Erasmus+ KA1 duration range in days."""

    min_days = models.PositiveSmallIntegerField(_("minimum days"), default=1)
    max_days = models.PositiveSmallIntegerField(_("maximum days"), default=365)

    class Meta(Term.Meta):
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_days__gte=1) & Q(max_days__gte=F("min_days")),
                name="format_duration_range_valid",
            )
        ]


class KpiCategory(models.TextChoices):
    """The partnership figures the Pact for Skills asks for (the dashboard's
    participants by group). A target group counts towards at most one."""

    VET_LEARNERS = "vet_learners", _("VET learners")
    APPRENTICES = "apprentices", _("Apprentices")
    ADULT_LEARNERS = "adult_learners", _("Adult learners")
    STAFF = "staff", _("Staff")


class TargetGroup(Term):
    kpi_category = models.CharField(
        _("counts towards"),
        max_length=20,
        choices=KpiCategory.choices,
        blank=True,
        help_text=_(
            "The partnership figure its participants count towards on the dashboard; "
            "leave empty for a group that counts in none."
        ),
    )
    fewer_opportunities = models.BooleanField(
        _("people with fewer opportunities"),
        default=False,
        help_text=_("Regulation (EU) 2021/817, Article 2."),
    )

    class Meta(Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(EnglishBaseName, models.Model):
    code = models.CharField(_("ISO 639-1 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name
