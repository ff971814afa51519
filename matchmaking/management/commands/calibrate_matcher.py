"""Fit the matcher's weights to the secretariat's recorded decisions, print the
evaluation before and after, and propose the weights in the admin."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from matchmaking.calibration import NotEnoughDecisions, calibrate


class Command(BaseCommand):
    help = "Propose matching weights fitted to the secretariat's decisions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-evaluation-set",
            action="store_true",
            help="measure on the recorded decisions only (faster)",
        )
        parser.add_argument("--min-decisions", type=int, default=20)

    def handle(self, *args, skip_evaluation_set=False, min_decisions=20, **options):
        try:
            proposal = calibrate(
                evaluation_set=not skip_evaluation_set, min_decisions=min_decisions
            )
        except NotEnoughDecisions as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"decisions learnt from: {proposal.decisions}")
        self.stdout.write(f"{'weight':<22}{'now':>8}{'proposed':>10}")
        for name, value in proposal.weights.items():
            self.stdout.write(f"{name:<22}{proposal.previous[name]:>8.1f}{value:>10.1f}")
        for where, found in proposal.evaluation.items():
            self.stdout.write(f"on the {where}: before → after")
            for metric, before in found["before"].items():
                after = found["after"][metric]
                self.stdout.write(f"  {metric:<20}{before:>8.3f} → {after:.3f}")
        url = reverse("admin:matchmaking_weightsproposal_change", args=[proposal.pk])
        self.stdout.write(f"Proposal {proposal.pk} waits for the secretariat: {url}")
