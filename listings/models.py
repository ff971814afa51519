"""Requests and offers (listings), expressions of interest and saved searches.

Requests and offers are one model with a kind: they carry the same fields, the
matcher compares them with each other (a request can partner another request),
and the browse page lists both. Proxy models give each its own admin page.

The tables keep the names they had when these models lived in the exchanges app
(`exchanges_listing` and its many-to-many, history and interest tables): the data
stays where it is, and so do the matcher's GiST index (matchmaking 0004) and its
raw SQL, which name the table.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .fields import IdList

MAX_PARTICIPANTS = 500


class ListingKind(models.TextChoices):
    REQUEST = "request", _("Request")
    OFFER = "offer", _("Offer")


class ListingRole(models.TextChoices):
    """The organisation's OWN role, on a request as on an offer (matchmaking.rules
    reads it so). The pages ask for it in the users' words: ROLE_WORDS."""

    HOST = "host", _("Host visitors")
    SEND = "send", _("Send participants abroad")
    EITHER = "either", _("Host or send")


# A request says what the organisation wants to do, an offer what it can do: the
# question, the form's short answers, and the answer as pages and e-mails show it.
# Read backwards ("role sought: host"), a school wanting a host picked "host".
ROLE_WORDS = {
    ListingKind.REQUEST: {
        "question": _("We want to"),
        "help": _(
            "What your organisation wants to do: send its people abroad, "
            "host visitors from abroad, or either."
        ),
        "choices": {
            ListingRole.SEND: _("send participants abroad"),
            ListingRole.HOST: _("host visitors"),
            ListingRole.EITHER: _("either"),
        },
        "answers": {
            ListingRole.SEND: _("send participants abroad"),
            ListingRole.HOST: _("host visitors"),
            ListingRole.EITHER: _("send participants abroad or host visitors"),
        },
    },
    ListingKind.OFFER: {
        "question": _("We can"),
        "help": _(
            "What your organisation can do: host visitors from abroad, "
            "send its people abroad, or either."
        ),
        "choices": {
            ListingRole.HOST: _("host"),
            ListingRole.SEND: _("send"),
            ListingRole.EITHER: _("either"),
        },
        "answers": {
            ListingRole.HOST: _("host visitors"),
            ListingRole.SEND: _("send participants abroad"),
            ListingRole.EITHER: _("host visitors or send participants abroad"),
        },
    },
}


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


S = ListingStatus
# Named groups of states, so that a rule says what it means.
LISTING_EDITABLE = {S.DRAFT, S.SUBMITTED, S.OPEN}
LISTING_PRIVATE = {S.DRAFT, S.SUBMITTED}


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

    def proposable(self):
        """Open listings of active members: those the matcher proposes and browse
        shows. A suspended organisation's listings stay open (reinstated, it finds
        them as they were) but it answers for nobody, so it is proposed to nobody."""
        return self.filter(proposable_q())


def proposable_q(prefix: str = "") -> Q:
    """The rule of `ListingQuerySet.proposable`, read from another model through
    `prefix` (e.g. "listing__")."""
    from members.models import MembershipStatus

    return Q(
        **{
            f"{prefix}status": ListingStatus.OPEN,
            f"{prefix}organisation__status": MembershipStatus.ACTIVE,
        }
    )


class Listing(models.Model):
    # From each status, the statuses it may move to: core.workflow.change_status
    # refuses any other.
    transitions = {
        "status": {
            S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
            # Returned with a comment goes back to draft; published becomes open.
            S.SUBMITTED: {S.OPEN, S.DRAFT, S.WITHDRAWN},
            S.OPEN: {S.MATCHED, S.CLOSED, S.WITHDRAWN, S.EXPIRED},
            # A declined or cancelled match reopens the listing.
            S.MATCHED: {S.OPEN, S.CLOSED},
            S.EXPIRED: {S.OPEN, S.CLOSED},
            S.CLOSED: set(),
            S.WITHDRAWN: set(),
        },
    }

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
    # An ISO 639-1 code ("it"), detected from the text on save (core.language)
    # unless the member chose one; empty when the text was too short to say.
    language = models.CharField(_("written in"), max_length=8, blank=True)
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"))
    formats = models.ManyToManyField("taxonomy.Format", verbose_name=_("formats"))
    target_groups = models.ManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("target groups"), blank=True
    )
    role = models.CharField(_("role"), max_length=10, choices=ListingRole.choices)
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
    # Copies of the themes and working languages, kept in step by
    # listings.services.listing_tags_copy (every change of the two relations): the
    # matcher reads them for thousands of candidates without joining the link
    # tables (docs/matching.md, "Speed").
    theme_ids = IdList(_("theme ids"))
    language_ids = IdList(_("working language ids"))

    # Old table names: see the module's docstring.
    history = HistoricalRecords(
        excluded_fields=["updated_at", "theme_ids", "language_ids"],
        table_name="exchanges_historicallisting",
    )
    objects = ListingQuerySet.as_manager()

    class Meta:
        db_table = "exchanges_listing"  # kept from the exchanges app: see the docstring
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
            # The browse page's order over the open listings only (as its ORDER
            # BY: nulls first): without it PostgreSQL walks every listing by
            # date, drafts (no date) first.
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="open"),
                name="listing_open_newest",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference(self.kind)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("listings:listing-detail", args=[self.reference])

    @property
    def is_request(self):
        return self.kind == ListingKind.REQUEST

    @property
    def role_question(self):
        """ "We want to" on a request, "We can" on an offer."""
        return ROLE_WORDS[self.kind]["question"]

    @property
    def role_answer(self):
        return ROLE_WORDS[self.kind]["answers"].get(self.role, self.get_role_display())

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


# django-simple-history registers Listing only; the secretariat's request and offer
# pages show the same history (their history page was a 500 without this).
for _proxy in (Request, Offer):
    _proxy._meta.simple_history_manager_attribute = Listing._meta.simple_history_manager_attribute


class InterestRole(models.TextChoices):
    HOST = "host", _("host visitors")
    PARTICIPATE = "participate", _("send participants")


class ExpressionOfInterest(models.Model):
    """'We are interested': another member answers an open request or offer."""

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
        db_table = "exchanges_expressionofinterest"  # kept: see the module's docstring
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


# A saved search that e-mails is checked on every publication: one person keeps
# at most this many, each at most this long (a browse query string is far shorter).
SAVED_SEARCHES_PER_PERSON = 20
SAVED_SEARCH_QUERY_MAX_LENGTH = 2000


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
        db_table = "exchanges_savedsearch"  # kept: see the module's docstring
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name"]
        indexes = [models.Index(fields=["notify"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('listings:browse')}?{self.query}"
