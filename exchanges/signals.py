"""What the exchanges tell the apps above them. Case studies sit above exchanges:
a completed exchange announces itself and the case studies start their draft,
inside the same transaction, so exchanges never import them."""

from django.dispatch import Signal

# Sent inside the completion's transaction with `exchange` and `by` (who completed it).
exchange_completed = Signal()
