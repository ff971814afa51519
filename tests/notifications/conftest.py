import pytest

from .backends import RefusingBackend


@pytest.fixture
def refusing_mail_server(settings, mailoutbox):
    """The mail server refuses `server.refusals` times, then accepts."""
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    RefusingBackend.refusals = 0
    yield RefusingBackend
    RefusingBackend.refusals = 0
