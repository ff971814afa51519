"""Matches: a request paired with one or more partners, confirmed by the
secretariat, accepted or declined by each party."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MatchStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed, waiting for answers")
    ACCEPTED = "accepted", _("Accepted by all parties")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


MATCH_TRANSITIONS = {
    MatchStatus.CONFIRMED: {MatchStatus.ACCEPTED, MatchStatus.DECLINED, MatchStatus.CANCELLED},
    MatchStatus.ACCEPTED: {MatchStatus.CANCELLED},
    MatchStatus.DECLINED: set(),
    MatchStatus.CANCELLED: set(),
}
MATCH_LIVE = {MatchStatus.CONFIRMED, MatchStatus.ACCEPTED}


class Match(models.Model):
    request = models.ForeignKey(
        "exchanges.Listing",
        on_delete=models.PROTECT,
        related_name="matches",
        verbose_name=_("request"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MatchStatus.choices,
        default=MatchStatus.CONFIRMED,
        db_index=True,
    )
    message = models.TextField(_("message from the secretariat"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)
    answered_at = models.DateTimeField(_("all answered"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-confirmed_at"]
        constraints = [
            # One live match per request: two secretariat members confirming the
            # same request at the same moment cannot both succeed.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["confirmed", "accepted"]),
                name="match_one_live_per_request",
            )
        ]

    def __str__(self):
        return f"{self.request.reference} ({self.get_status_display()})"


class PartyRole(models.TextChoices):
    REQUESTER = "requester", _("Requester")
    HOST = "host", _("Host")
    PARTICIPANT = "participant", _("Participant")


class Answer(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


ANSWER_TRANSITIONS = {
    Answer.PENDING: {Answer.ACCEPTED, Answer.DECLINED},
    Answer.ACCEPTED: set(),
    Answer.DECLINED: set(),
}


class MatchParty(models.Model):
    """One organisation in a match, with the listing that brought it in."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="match_parties"
    )
    listing = models.ForeignKey(
        "exchanges.Listing",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="match_parties",
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    score = models.FloatField(_("score"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer.choices, default=Answer.PENDING
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party to a match")
        verbose_name_plural = _("parties to a match")
        constraints = [
            models.UniqueConstraint(fields=["match", "organisation"], name="match_party_once")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()}, {self.get_answer_display()})"
