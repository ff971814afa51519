"""Requests and offers (listings), expressions of interest, and exchanges.

Requests and offers are one model with a kind: they carry the same fields, the
matcher compares them with each other (a request can partner another request),
and the browse page lists both. Proxy models give each its own admin page.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

MAX_PARTICIPANTS = 500


class ListingKind(models.TextChoices):
    REQUEST = "request", _("Request")
    OFFER = "offer", _("Offer")


class ListingRole(models.TextChoices):
    HOST = "host", _("Host")
    SEND = "send", _("Send")
    EITHER = "either", _("Host or send")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


S = ListingStatus
LISTING_TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    # Returned with a comment goes back to draft; published becomes open.
    S.SUBMITTED: {S.OPEN, S.DRAFT, S.WITHDRAWN},
    S.OPEN: {S.MATCHED, S.CLOSED, S.WITHDRAWN, S.EXPIRED},
    # A declined or cancelled match reopens the listing.
    S.MATCHED: {S.OPEN, S.CLOSED},
    S.EXPIRED: {S.OPEN, S.CLOSED},
    S.CLOSED: set(),
    S.WITHDRAWN: set(),
}
# Named groups of states, so that a rule says what it means.
LISTING_EDITABLE = {S.DRAFT, S.SUBMITTED, S.OPEN}
LISTING_PRIVATE = {S.DRAFT, S.SUBMITTED}
LISTING_LIVE = {S.OPEN}


class Funding(models.TextChoices):
    ACCREDITED = "accredited", _("Erasmus+ accredited")
    GRANTED = "granted", _("Project granted")
    APPLYING = "applying", _("Applying for funding")
    OWN = "own", _("Own funds")
    NONE = "none", _("No funding yet")


def new_reference(kind: str) -> str:
    """A short reference people can say on the phone: REQ-4F2A9C, OFF-93B1D0."""
    prefix = "REQ" if kind == ListingKind.REQUEST else "OFF"
    return f"{prefix}-{secrets.token_hex(3).upper()}"


class ListingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ListingStatus.OPEN)

    def requests(self):
        return self.filter(kind=ListingKind.REQUEST)

    def offers(self):
        return self.filter(kind=ListingKind.OFFER)


class Listing(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=ListingKind.choices)
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    external_ref = models.CharField(
        _("external reference"), max_length=64, unique=True, null=True, blank=True
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="listings",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"))
    formats = models.ManyToManyField("taxonomy.Format", verbose_name=_("formats"))
    target_groups = models.ManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("target groups"), blank=True
    )
    role = models.CharField(_("role sought"), max_length=10, choices=ListingRole.choices)
    earliest_start = models.DateField(_("earliest start"))
    latest_end = models.DateField(_("latest end"))
    duration_days = models.PositiveSmallIntegerField(_("duration in days"))
    participants = models.PositiveSmallIntegerField(
        _("participants or capacity"),
        help_text=_("A request: how many people take part. An offer: how many it can host."),
    )
    languages = models.ManyToManyField(
        "taxonomy.Language", verbose_name=_("working languages"), blank=True
    )
    preferred_countries = CountryField(_("preferred countries"), multiple=True, blank=True)
    fewer_opportunities_support = models.TextField(
        _("support for participants with fewer opportunities"), blank=True
    )
    funding = models.CharField(
        _("funding"), max_length=20, choices=Funding.choices, default=Funding.NONE
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_listings",
        verbose_name=_("contact person"),
    )
    expires_on = models.DateField(_("expires on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ListingStatus.choices,
        default=ListingStatus.DRAFT,
        db_index=True,
    )
    review_comment = models.TextField(_("comment from the secretariat"), blank=True)
    renewed = models.BooleanField(_("renewed once"), default=False)
    interest_cap = models.PositiveSmallIntegerField(
        _("maximum expressions of interest"), null=True, blank=True
    )
    interest_closed = models.BooleanField(_("closed to new expressions of interest"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("request or offer")
        verbose_name_plural = _("requests and offers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latest_end__gte=F("earliest_start")),
                name="listing_window_in_order",
            ),
            models.CheckConstraint(
                condition=Q(duration_days__gte=1), name="listing_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=1) & Q(participants__lte=MAX_PARTICIPANTS),
                name="listing_participants_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind", "earliest_start", "latest_end"]),
            models.Index(fields=["status", "expires_on"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference(self.kind)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("exchanges:listing-detail", args=[self.reference])

    @property
    def is_request(self):
        return self.kind == ListingKind.REQUEST

    @property
    def window_days(self):
        return (self.latest_end - self.earliest_start).days + 1


class Request(Listing):
    class Meta:
        proxy = True
        verbose_name = _("request")
        verbose_name_plural = _("requests")


class Offer(Listing):
    class Meta:
        proxy = True
        verbose_name = _("offer")
        verbose_name_plural = _("offers")


class InterestRole(models.TextChoices):
    HOST = "host", _("Host")
    PARTICIPATE = "participate", _("Participate")


class ExpressionOfInterest(models.Model):
    """'We are interested': another member answers an open request."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="interests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(_("role offered"), max_length=20, choices=InterestRole.choices)
    what_we_bring = models.TextField(_("what we bring"), max_length=1000)
    who_takes_part = models.TextField(_("who would travel or host"), max_length=1000)
    when = models.CharField(_("when"), max_length=200)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "organisation"], name="interest_once_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.listing.reference}"


class ExchangeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


EXCHANGE_TRANSITIONS = {
    ExchangeStatus.PLANNED: {ExchangeStatus.COMPLETED, ExchangeStatus.CANCELLED},
    ExchangeStatus.COMPLETED: set(),
    ExchangeStatus.CANCELLED: set(),
}


class Exchange(models.Model):
    """The mobility that took place (or will): who, where, when, and its figures."""

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
        return reverse("pastexchanges:detail", args=[self.pk])

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


class SavedSearch(models.Model):
    """A member's filters on the open opportunities, kept to re-run or to be told of."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=120)
    # The browse page's query string: the same filter set reads it back.
    query = models.TextField(_("filters"), blank=True)
    notify = models.BooleanField(_("email me when a new listing fits"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name"]
        indexes = [models.Index(fields=["notify"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('exchanges:browse')}?{self.query}"
