"""Exchanges: the mobilities that took place (or will), their organisations,
programme, figures by target group and the partners' feedback afterwards."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


class ExchangeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Exchange(models.Model):
    """The mobility that took place (or will): who, where, when, and its figures."""

    # From each status, the statuses it may move to: core.workflow.change_status
    # refuses any other.
    transitions = {
        "status": {
            ExchangeStatus.PLANNED: {ExchangeStatus.COMPLETED, ExchangeStatus.CANCELLED},
            ExchangeStatus.COMPLETED: set(),
            ExchangeStatus.CANCELLED: set(),
        },
    }

    match = models.OneToOneField(
        "matchmaking.Match",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchange",
        verbose_name=_("match"),
    )
    title = models.CharField(_("title"), max_length=200)
    format = models.ForeignKey(
        "taxonomy.Format", on_delete=models.PROTECT, verbose_name=_("format")
    )
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ExchangeStatus.choices,
        default=ExchangeStatus.PLANNED,
        db_index=True,
    )
    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    fewer_opportunities = models.PositiveIntegerField(
        _("participants with fewer opportunities"), null=True, blank=True
    )
    staff = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    learners = models.PositiveIntegerField(_("learners"), null=True, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="exchange_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(fewer_opportunities__isnull=True)
                | Q(participants_total__isnull=True)
                | Q(fewer_opportunities__lte=F("participants_total")),
                name="exchange_fewer_opportunities_within_total",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchanges:detail", args=[self.pk])

    @property
    def reporting_opens_on(self):
        """The first day the figures can be reported: the exchange's first day, so
        that nobody reports what has not happened. services.report_refusal applies
        it; selectors.exchanges_to_report asks the same in SQL."""
        return self.start_date

    @property
    def duration_days(self):
        return (self.end_date - self.start_date).days + 1

    @property
    def has_figures(self):
        return self.participants_total is not None


class ExchangeRole(models.TextChoices):
    HOST = "host", _("Host")
    SENDING = "sending", _("Sending")
    PARTICIPATING = "participating", _("Participating")


class ExchangeOrganisation(models.Model):
    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="exchange_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=ExchangeRole.choices)

    class Meta:
        verbose_name = _("organisation in the exchange")
        verbose_name_plural = _("organisations in the exchange")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["exchange", "organisation"], name="exchange_organisation_once"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class ExchangeParticipants(models.Model):
    """How many people of one target group took part."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="figures")
    target_group = models.ForeignKey(
        "taxonomy.TargetGroup", on_delete=models.PROTECT, verbose_name=_("target group")
    )
    count = models.PositiveIntegerField(_("participants"))

    class Meta:
        verbose_name = _("participants by target group")
        verbose_name_plural = _("participants by target group")
        constraints = [
            models.UniqueConstraint(
                fields=["exchange", "target_group"], name="exchange_figure_once_per_group"
            )
        ]

    def __str__(self):
        return f"{self.target_group}: {self.count}"


class ProgrammeItem(models.Model):
    """One day (or part of one) of the exchange's programme."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="programme")
    day = models.DateField(_("day"))
    activities = models.TextField(_("activities"))

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["day", "pk"]

    def __str__(self):
        return f"{self.day}: {self.activities[:60]}"


class ExchangeFeedback(models.Model):
    """What one organisation thought of the exchange and its partners, afterwards."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="feedback")
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.CASCADE,
        related_name="exchange_feedback",
        verbose_name=_("organisation"),
    )
    match_fit = models.PositiveSmallIntegerField(
        _("how well the match fitted"),
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("1: not at all, 5: perfectly."),
    )
    work_again = models.BooleanField(_("we would work with the partner again"), default=True)
    to_improve = models.TextField(_("what to improve"), max_length=2000, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback on an exchange")
        verbose_name_plural = _("feedback on exchanges")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["exchange", "organisation"], name="exchange_feedback_once"
            ),
            models.CheckConstraint(
                condition=Q(match_fit__gte=1) & Q(match_fit__lte=5),
                name="exchange_feedback_fit_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} on {self.exchange}: {self.match_fit}/5"
