"""Organisations, the people in them and membership of the partnership."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.images import ReencodedImageField

from .validators import (
    NUTS_PATTERN,
    OID_PATTERN,
    validate_logo,
    validate_nuts_format,
    validate_oid,
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class UserHistory(HistoricalRecords):
    """A person's history (name, email, role changes), minus sign-ins: recording
    every last_login update would bury the changes that matter."""

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("update_fields") == frozenset({"last_login"}):
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with an email address; there are no usernames."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("secretariat"),
        default=False,
        help_text=_("Members of the secretariat can sign in to the admin."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    email_notifications = models.BooleanField(
        _("email me notifications"),
        default=True,
        help_text=_("Matches, reviews and reminders. They also appear in your inbox."),
    )
    weekly_digest = models.BooleanField(
        _("weekly digest of new opportunities"),
        default=False,
        help_text=_("New open requests and offers that fit your organisation's themes."),
    )
    privacy_consent_at = models.DateTimeField(
        _("consented to the privacy notice"), null=True, blank=True
    )

    history = UserHistory(excluded_fields=["password", "last_login"])
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OrganisationKind(models.TextChoices):
    REGIONAL_AUTHORITY = "regional_authority", _("Regional authority")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    VET_PROVIDER = "vet_provider", _("VET provider")
    ADULT_EDUCATION = "adult_education", _("Adult-education provider")
    HIGHER_EDUCATION = "higher_education", _("Higher education")
    EMPLOYMENT_SERVICE = "employment_service", _("Employment service")
    CHAMBER = "chamber", _("Chamber or business association")
    COMPANY = "company", _("Company")
    NGO = "ngo", _("NGO")
    OTHER = "other", _("Other")


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ACTIVE = "active", _("Active member")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)


class Organisation(models.Model):
    # From each status, the statuses it may move to: core.workflow.change_status
    # refuses any other.
    transitions = {
        "status": {
            MembershipStatus.APPLICANT: {MembershipStatus.ACTIVE, MembershipStatus.REJECTED},
            MembershipStatus.ACTIVE: {MembershipStatus.SUSPENDED},
            MembershipStatus.SUSPENDED: {MembershipStatus.ACTIVE},
            MembershipStatus.REJECTED: {MembershipStatus.APPLICANT},
        },
    }

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    country = CountryField(_("country"))
    region = models.CharField(
        _("region (NUTS code)"),
        max_length=5,
        blank=True,
        validators=[validate_nuts_format],
        help_text=_("Optional. NUTS 1, 2 or 3 code, e.g. FRB or SE232."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    oid = models.CharField(
        _("Erasmus+ Organisation ID"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_oid],
        help_text=_("Optional. E followed by 8 digits."),
    )
    description = models.TextField(_("description"), blank=True)
    logo = ReencodedImageField(
        _("logo"), upload_to="logos/", blank=True, validators=[validate_logo]
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("themes of interest"), blank=True
    )
    languages = models.ManyToManyField(
        "taxonomy.Language", verbose_name=_("working languages"), blank=True
    )
    status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLICANT,
        db_index=True,
    )
    joined_on = models.DateField(_("date joined"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(oid__isnull=True) | Q(oid__regex=OID_PATTERN),
                name="organisation_oid_format",
            ),
            models.CheckConstraint(
                condition=Q(region="") | Q(region__regex=NUTS_PATTERN),
                name="organisation_region_nuts_format",
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:organisation-detail", args=[self.slug])

    @property
    def is_active_member(self):
        return self.status == MembershipStatus.ACTIVE


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    CONTACT = "contact", _("Contact")


class Membership(models.Model):
    """A person's place in an organisation; coordinators manage it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTACT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR


class Invitation(models.Model):
    """A coordinator's invitation of a colleague; the link carries its signed id,
    and accepting it once marks it used, so a forwarded link cannot be reused."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTACT)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"


class EmailChange(models.Model):
    """A person's request to sign in with another address. The e-mailed link
    names this row only (the addresses are not in it); it works once, for the
    latest request, after the password is given."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_changes")
    new_email = models.EmailField(_("new email address"))
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("email address change")
        verbose_name_plural = _("email address changes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} → {self.new_email}"
