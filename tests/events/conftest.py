import pytest

from events.services import event_register
from tests.factories import EventFactory


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def register():
    def _register(event, organisation, person, **kwargs):
        return event_register(
            event=event, organisation=organisation, people=[person], by=person, **kwargs
        )

    return _register
