"""What the apps above members hear of a membership's life, without members
importing them: they connect in their AppConfig.ready()."""

from django.dispatch import Signal

# Sent once a suspended organisation is an active member again and the change is
# committed (members.services.membership_reinstate); `organisation` is the one.
# Events gives it the places left free while it waited suspended.
organisation_reinstated = Signal()
