import pytest
from django.db.utils import OperationalError

from core import health


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_503_with_the_reason_when_the_database_is_down(client, db, monkeypatch):
    class DownDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", DownDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["problems"] == ["database: OperationalError: connection refused"]


def test_healthz_answers_503_when_the_configured_broker_does_not_answer(client, db, settings):
    # Nothing listens on port 1: the broker check must fail fast and say so.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from earlall_rsp.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json()["problems"][0].startswith("broker: ")


@pytest.mark.broker
def test_healthz_answers_200_with_the_real_broker_reachable(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
