"""E-mail over SMTP with fewer waits (notifications.smtp): commands sent together
when the server offers PIPELINING, and each message's sent mark written while
the server reads the next message's envelope; never more than one accepted
message without its mark."""

import pytest

from benchmarks.smtpsink import SmtpSink
from notifications import services
from notifications.models import Notification, NotificationState
from notifications.services import notifications_send
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server(settings):
    """A real SMTP conversation, in this process; `start(**options)` opens one."""
    sinks = []

    def start(**options) -> SmtpSink:
        sink = SmtpSink(**options).start()
        sinks.append(sink)
        settings.EMAIL_BACKEND = "notifications.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        return sink

    yield start
    for sink in sinks:
        sink.stop()


def notifications(count: int) -> list[Notification]:
    return [NotificationFactory(recipient=UserFactory()) for _ in range(count)]


def states(rows) -> set:
    return set(
        Notification.objects.filter(pk__in=[n.pk for n in rows]).values_list("state", flat=True)
    )


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "one-at-a-time"])
def test_a_batch_reaches_the_server_once_each_over_one_connection(mail_server, pipelining):
    sink = mail_server(pipelining=pipelining)
    rows = notifications(4)
    batch = notifications_send(ids=[n.pk for n in rows], fill=False)
    assert sorted(batch.sent) == sorted(n.pk for n in rows)
    assert sink.notification_ids() == {str(n.pk): 1 for n in rows}
    assert sink.recipients() == {n.email: 1 for n in rows}
    assert sink.connections == 1
    assert states(rows) == {NotificationState.SENT}
    # Both parts, as with any backend.
    message = sink.messages[0]
    assert [part.get_content_type() for part in message.walk()][1:] == ["text/plain", "text/html"]


def test_each_sent_mark_is_written_before_the_server_takes_the_next_message(
    mail_server, monkeypatch
):
    sink = mail_server()
    events = []
    receive, mark = sink.receive, services._mark_sent

    def received(data):
        answer = receive(data)
        pk = data.split(b"X-RSP-Notification: ", 1)[1].split(b"\r\n", 1)[0].decode()
        events.append(("accepted", int(pk)))
        return answer

    def marked(pk, **times):
        events.append(("marked", pk))
        return mark(pk, **times)

    monkeypatch.setattr(sink, "receive", received)
    monkeypatch.setattr(services, "_mark_sent", marked)
    rows = notifications(3)
    notifications_send(ids=[n.pk for n in rows], fill=False)
    assert events == [
        (event, n.pk) for n in sorted(rows, key=lambda n: n.pk) for event in ("accepted", "marked")
    ]


def test_a_refused_message_waits_for_its_retry_and_the_others_go_out(mail_server):
    sink = mail_server(refuse=1)
    rows = notifications(3)
    batch = notifications_send(ids=[n.pk for n in rows], fill=False)
    assert len(batch.sent) == 2
    [(countdown, [refused])] = batch.retries.items()
    assert countdown > 0
    assert str(refused) not in sink.notification_ids()
    assert Notification.objects.get(pk=refused).state == NotificationState.PENDING
    assert sink.connections == 2  # a server that refused is not trusted with the next
