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
        "listings.Listing",
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
        "listings.Listing",
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


# What each signal is worth in a candidate's score, out of roughly 100. The
# secretariat tunes them in the admin (MatchingWeights) without a deploy; these
# are the starting values, chosen so that the evaluation set ranks well
# (docs/matching.md):
DEFAULT_WEIGHTS = {
    # Share of the request's themes the candidate also carries: the strongest signal.
    "themes": 30.0,
    # Descriptions about the same concepts, whatever the tags and the language.
    "concepts": 20.0,
    # The organisation already said "we are interested".
    "interest": 15.0,
    "formats": 10.0,
    "target_groups": 8.0,
    "languages": 8.0,
    # Subtracted when the two share no working language.
    "no_language_penalty": 10.0,
    "capacity": 8.0,
    "preferred_country": 5.0,
    # Mobility is international: a partner abroad is what members look for.
    "different_country": 4.0,
    "fewer_opportunities": 4.0,
}


class MatchingWeights(models.Model):
    """The one row of weights the matcher reads (a singleton, pk=1)."""

    themes = models.FloatField(_("shared themes"), default=DEFAULT_WEIGHTS["themes"])
    concepts = models.FloatField(
        _("descriptions about the same things"), default=DEFAULT_WEIGHTS["concepts"]
    )
    interest = models.FloatField(_("expressed interest"), default=DEFAULT_WEIGHTS["interest"])
    formats = models.FloatField(_("shared formats"), default=DEFAULT_WEIGHTS["formats"])
    target_groups = models.FloatField(
        _("shared target groups"), default=DEFAULT_WEIGHTS["target_groups"]
    )
    languages = models.FloatField(_("shared language"), default=DEFAULT_WEIGHTS["languages"])
    no_language_penalty = models.FloatField(
        _("penalty for no shared language"), default=DEFAULT_WEIGHTS["no_language_penalty"]
    )
    capacity = models.FloatField(_("enough capacity"), default=DEFAULT_WEIGHTS["capacity"])
    preferred_country = models.FloatField(
        _("in a preferred country"), default=DEFAULT_WEIGHTS["preferred_country"]
    )
    different_country = models.FloatField(
        _("in a different country"), default=DEFAULT_WEIGHTS["different_country"]
    )
    fewer_opportunities = models.FloatField(
        _("supports people with fewer opportunities"),
        default=DEFAULT_WEIGHTS["fewer_opportunities"],
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")

    def __str__(self):
        return str(_("Matching weights"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> dict:
        row = cls.objects.filter(pk=1).values(*DEFAULT_WEIGHTS).first()
        return row or dict(DEFAULT_WEIGHTS)
