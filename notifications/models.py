"""Every notification is a row before it is an email (the outbox).

The row is written in the same transaction as the change that causes it; the
sending task is queued after commit with the row's id only, claims the row with a
conditional UPDATE, sends, and marks it sent.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # In the inbox only: the recipient turned email notifications off.
    SKIPPED = "skipped", _("Not emailed (turned off by the recipient)")


class Notification(models.Model):
    key = models.CharField(
        _("key"),
        max_length=200,
        unique=True,
        help_text=_("One notification per recipient and event, whatever retries happen."),
    )
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=10, default="en")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    subject_object = GenericForeignKey("content_type", "object_id")
    context = models.JSONField(_("context"), default=dict, blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=NotificationState.choices,
        default=NotificationState.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Set by the first failed attempt: retried with backoff until then, then "failed".
    give_up_at = models.DateTimeField(_("retried until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    due_at = models.DateTimeField(_("due"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            # The unread badge in the navigation counts these on every page.
            models.Index(fields=["recipient", "read_at"]),
        ]

    def __str__(self):
        return f"{self.kind} → {self.email} ({self.get_state_display()})"

    @property
    def is_unread(self):
        return self.read_at is None
