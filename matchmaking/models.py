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


MATCH_LIVE = {MatchStatus.CONFIRMED, MatchStatus.ACCEPTED}


class Match(models.Model):
    # From each status, the statuses it may move to: core.workflow.change_status
    # refuses any other.
    transitions = {
        "status": {
            MatchStatus.CONFIRMED: {
                MatchStatus.ACCEPTED,
                MatchStatus.DECLINED,
                MatchStatus.CANCELLED,
            },
            MatchStatus.ACCEPTED: {MatchStatus.CANCELLED},
            MatchStatus.DECLINED: set(),
            MatchStatus.CANCELLED: set(),
        },
    }

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


class MatchPartyQuerySet(models.QuerySet):
    def awaiting_answer(self):
        """The parties whose answer a confirmed match waits for. A suspended
        organisation answers for nobody (matchmaking.permissions), so nobody is
        asked for its answer: the secretariat decides such a match."""
        from members.models import MembershipStatus

        return self.filter(
            answer=Answer.PENDING,
            match__status=MatchStatus.CONFIRMED,
            organisation__status=MembershipStatus.ACTIVE,
        )


class MatchParty(models.Model):
    """One organisation in a match, with the listing that brought it in."""

    # From each answer, the answers it may move to: core.workflow.change_status
    # refuses any other.
    transitions = {
        "answer": {
            Answer.PENDING: {Answer.ACCEPTED, Answer.DECLINED},
            Answer.ACCEPTED: set(),
            Answer.DECLINED: set(),
        },
    }

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
    objects = MatchPartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("party to a match")
        verbose_name_plural = _("parties to a match")
        constraints = [
            models.UniqueConstraint(fields=["match", "organisation"], name="match_party_once")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()}, {self.get_answer_display()})"


# What each signal is worth in a candidate's score, relative to the others (the
# score is read out of 100 whatever they add up to). Each signal lies between 0
# and 1 (matcher.signals); the secretariat edits the
# weights in the admin or accepts those that `calibrate_matcher` fits to its own
# decisions. The starting values rank the evaluation set well
# (docs/matching.md):
DEFAULT_WEIGHTS = {
    # What the descriptions say, compared in any language: the main signal.
    "text": 45.0,
    # Both descriptions name the same concepts of the lexicon.
    "concepts": 3.0,
    # Share of the request's themes the candidate also carries.
    "themes": 20.0,
    "formats": 8.0,
    "target_groups": 8.0,
    # The organisation already said "we are interested".
    "interest": 10.0,
    "preferred_country": 4.0,
    # Mobility is international: a partner abroad is what members look for.
    "different_country": 16.0,
    "fewer_opportunities": 2.0,
    # Completed exchanges on the request's themes, as rated by their partners.
    "track_record": 2.0,
}
SIGNAL_LABELS = {
    "text": _("descriptions that say the same"),
    "concepts": _("descriptions about the same concepts"),
    "themes": _("shared themes"),
    "formats": _("shared formats"),
    "target_groups": _("shared target groups"),
    "interest": _("expressed interest"),
    "preferred_country": _("in a preferred country"),
    "different_country": _("in a different country"),
    "fewer_opportunities": _("supports people with fewer opportunities"),
    "track_record": _("track record on the themes"),
}


def _weight(name):
    return models.FloatField(SIGNAL_LABELS[name], default=DEFAULT_WEIGHTS[name])


class MatchingWeights(models.Model):
    """The one row of weights the matcher reads (a singleton, pk=1)."""

    text = _weight("text")
    concepts = _weight("concepts")
    themes = _weight("themes")
    formats = _weight("formats")
    target_groups = _weight("target_groups")
    interest = _weight("interest")
    preferred_country = _weight("preferred_country")
    different_country = _weight("different_country")
    fewer_opportunities = _weight("fewer_opportunities")
    track_record = _weight("track_record")
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


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class WeightsProposal(models.Model):
    """Weights fitted to the secretariat's decisions by `calibrate_matcher`,
    waiting for the secretariat to accept them (or not)."""

    weights = models.JSONField(_("proposed weights"))
    previous = models.JSONField(_("weights when proposed"))
    # {"before": {metric: value}, "after": {...}} on the recorded decisions and
    # on the evaluation set, as the command printed them.
    evaluation = models.JSONField(_("evaluation"), default=dict)
    decisions = models.PositiveIntegerField(_("decisions learnt from"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal of matching weights")
        verbose_name_plural = _("proposals of matching weights")
        ordering = ["-created_at"]

    def __str__(self):
        return str(_("Weights proposed on %(date)s") % {"date": f"{self.created_at:%Y-%m-%d}"})


class Decision(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed by the secretariat")
    LEFT_OUT = "left_out", _("Left out of a confirmed match")
    DECLINED = "declined", _("Declined by the partner")


class MatchDecision(models.Model):
    """One candidate and what became of it, with the signals it had when the
    secretariat decided: what `calibrate_matcher` learns from."""

    request = models.ForeignKey(
        "listings.Listing", on_delete=models.CASCADE, related_name="+", verbose_name=_("request")
    )
    listing = models.ForeignKey(
        "listings.Listing", on_delete=models.CASCADE, related_name="+", verbose_name=_("candidate")
    )
    match = models.ForeignKey(
        Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    position = models.PositiveSmallIntegerField(_("position in the ranking"), null=True)
    score = models.FloatField(_("score"), null=True)
    signals = models.JSONField(_("signals"), default=dict)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision on a candidate")
        verbose_name_plural = _("decisions on candidates")
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["decision", "decided_at"])]

    def __str__(self):
        return f"{self.request_id} → {self.listing_id}: {self.decision}"


class StoredRanking(models.Model):
    """A request's ranking, computed in the background when listings change, so
    that the curation page reads it instead of computing it (issue 18)."""

    request = models.OneToOneField(
        "listings.Listing",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_ranking",
        verbose_name=_("request"),
    )
    # The weights and the encoder it was computed with: either changing makes it old.
    version = models.CharField(_("version"), max_length=40)
    stale = models.BooleanField(_("to compute again"), default=False, db_index=True)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)
    left_out = models.JSONField(_("left out by the rules"), default=list)

    class Meta:
        verbose_name = _("stored ranking")
        verbose_name_plural = _("stored rankings")

    def __str__(self):
        return str(self.request_id)


class RankedCandidate(models.Model):
    ranking = models.ForeignKey(StoredRanking, on_delete=models.CASCADE, related_name="entries")
    # Indexed (a foreign key): "which rankings hold this listing?" when it changes.
    listing = models.ForeignKey("listings.Listing", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    score = models.FloatField()
    role = models.CharField(max_length=20, choices=PartyRole.choices)
    fits = models.BooleanField(default=True)
    signals = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["ranking", "position"], name="ranked_candidate_once")
        ]

    def __str__(self):
        return f"{self.ranking_id} #{self.position}: {self.listing_id}"
