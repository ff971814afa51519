"""Case studies: the published story of an exchange, modelled on the Borås one."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.images import ReencodedImageField

from .validators import validate_image_upload


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class CaseStudyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CaseStudyStatus.PUBLISHED)


class PhotoQuerySet(models.QuerySet):
    def showable(self):
        """Photos of people appear only once their consent is recorded."""
        return self.filter(models.Q(shows_people=False) | models.Q(consent_recorded=True))


class CaseStudy(models.Model):
    # From each status, the statuses it may move to: core.workflow.change_status
    # refuses any other.
    transitions = {
        "status": {
            CaseStudyStatus.DRAFT: {CaseStudyStatus.PUBLISHED},
            CaseStudyStatus.PUBLISHED: {CaseStudyStatus.UNPUBLISHED},
            CaseStudyStatus.UNPUBLISHED: {CaseStudyStatus.PUBLISHED, CaseStudyStatus.DRAFT},
        },
    }

    exchange = models.OneToOneField(
        "exchanges.Exchange",
        on_delete=models.PROTECT,
        related_name="case_study",
        verbose_name=_("exchange"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    story = models.TextField(_("the exchange"), help_text=_("The story, from request to visit."))
    next_steps = models.TextField(_("next steps"), blank=True)
    # An ISO 639-1 code ("sv"), detected from the text on save, as a listing's
    # (casestudies.services.case_study_language_set); the secretariat may correct it.
    language = models.CharField(_("written in"), max_length=8, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStudyStatus.choices,
        default=CaseStudyStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("casestudies:detail", args=[self.slug])


class Audience(models.TextChoices):
    HOST = "host", _("Hosting institution")
    PARTICIPANTS = "participants", _("Participants")


class Lesson(models.Model):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="lessons")
    audience = models.CharField(_("lesson for"), max_length=20, choices=Audience.choices)
    text = models.CharField(_("lesson"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("lesson learnt")
        verbose_name_plural = _("lessons learnt")
        ordering = ["audience", "position", "pk"]

    def __str__(self):
        return self.text


class Testimonial(models.Model):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="testimonials")
    quote = models.TextField(_("quote"))
    person_name = models.CharField(_("name"), max_length=150)
    person_role = models.CharField(_("role"), max_length=200)
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(
        _("organisation (as written)"),
        max_length=200,
        blank=True,
        help_text=_("As the person wants it shown, e.g. 'Working Life Department, Borås Stad'."),
    )
    photo = ReencodedImageField(
        _("photo"), upload_to="testimonials/", blank=True, validators=[validate_image_upload]
    )
    photo_alt = models.CharField(_("photo description (alt text)"), max_length=200, blank=True)
    photo_consent = models.BooleanField(_("consent to publish the photo recorded"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.person_name

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": _("Describe the photo for people who cannot see it.")}
            )

    @property
    def shown_organisation(self):
        return self.organisation_name or (self.organisation.name if self.organisation else "")

    @property
    def photo_shown(self):
        """A photo of a person appears only once their consent is recorded."""
        return bool(self.photo) and self.photo_consent


class Photo(models.Model):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="photos")
    image = ReencodedImageField(
        _("image"), upload_to="casestudies/", validators=[validate_image_upload]
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    alt_text = models.CharField(_("description (alt text)"), max_length=200)
    shows_people = models.BooleanField(_("shows people"), default=False)
    consent_recorded = models.BooleanField(_("consent of the people shown recorded"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption or self.alt_text

    def clean(self):
        if not (self.alt_text or "").strip():
            raise ValidationError(
                {"alt_text": _("Describe the photo for people who cannot see it.")}
            )
