import datetime

import pytest
from django.utils import timezone

from events.models import Event, EventStatus
from events.services import event_register


@pytest.fixture
def event(db):
    starts = timezone.now() + datetime.timedelta(days=30)
    return Event.objects.create(
        title="RSP matchmaking day in Borås",
        place="Borås, Textile Fashion Center",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=5),
        time_zone="Europe/Stockholm",
        registration_deadline=starts - datetime.timedelta(days=3),
        slot_minutes=20,
        slots=3,
        tables=2,
        capacity=10,
        status=EventStatus.PUBLISHED,
    )


@pytest.fixture
def register():
    def _register(event, organisation, person, **kwargs):
        return event_register(
            event=event, organisation=organisation, people=[person], by=person, **kwargs
        )

    return _register
