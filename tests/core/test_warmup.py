"""Web and worker processes read what they keep in memory as they start
(core.warmup), so that no one's first request pays for it."""

import logging

import pytest

from core import warmup
from matchmaking.snapshot import open_listings
from monitoring import columns
from tests.factories import OfferFactory, RequestFactory


@pytest.mark.django_db
def test_warm_up_reads_the_matchers_and_the_dashboards_columns():
    RequestFactory()
    OfferFactory()
    open_listings.clear()
    columns.kept.clear()

    took = warmup.warm_up()

    assert set(took) >= {
        "the matcher's open listings",
        "the listings' vectors",
        "the dashboard's columns",
    }
    assert len(open_listings.columns) == 2
    assert len(columns.kept.current().listing_pk) == 2


def test_a_reader_that_fails_is_logged_and_the_others_still_read(monkeypatch, caplog):
    read = []

    def broken():
        raise RuntimeError("database away")

    monkeypatch.setattr(
        warmup, "_readers", [("broken", broken), ("fine", lambda: read.append("fine"))]
    )
    with caplog.at_level(logging.WARNING, logger="core.warmup"):
        took = warmup.warm_up()
    assert list(took) == ["fine"] and read == ["fine"]
    assert "Warm-up: broken could not be read" in caplog.text


def test_processes_warm_up_in_the_background_only_when_the_settings_ask(monkeypatch, settings):
    read = []
    monkeypatch.setattr(warmup, "_readers", [("columns", lambda: read.append("columns"))])
    monkeypatch.setattr(warmup.gc, "freeze", lambda: None)

    settings.WARM_UP_AT_START = False
    assert warmup.warm_up_in_background() is None

    settings.WARM_UP_AT_START = True
    thread = warmup.warm_up_in_background()
    thread.join(timeout=10)
    assert read == ["columns"] and thread.daemon


def test_web_and_worker_processes_start_the_warm_up(monkeypatch):
    from django.conf import settings as django_settings

    from earlall_rsp import celery

    wsgi = django_settings.BASE_DIR / "earlall_rsp" / "wsgi.py"
    assert "warm_up_in_background()" in wsgi.read_text()
    called = []
    monkeypatch.setattr(warmup, "warm_up_in_background", lambda: called.append(True))
    monkeypatch.setattr(celery.gc, "freeze", lambda: None)
    celery._freeze_what_is_loaded()
    assert called == [True]
