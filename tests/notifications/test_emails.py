"""Every email this area owns: a one-line subject, a text and an HTML part, the
recipient's language, and the link to the notification preferences."""

import pytest
from django.conf import settings

from earlall_rsp.celery import app as celery_app
from notifications.emails import build

SAMPLES = {
    "match_reminder": {
        "reference": "REQ-4F2A9C",
        "title": "Gender equality",
        "organisation": "Borås",
        "days": 7,
        "match_url": "http://127.0.0.1:8000/matches/1/",
    },
    "match_unanswered": {
        "reference": "REQ-4F2A9C",
        "title": "Gender equality",
        "waiting": ["Borås"],
        "days": 21,
        "admin_url": "http://127.0.0.1:8000/admin/matchmaking/match/1/change/",
    },
    "exchange_report_due": {
        "title": "Advancing Gender Equality",
        "end_date": "2024-12-14",
        "report_url": "http://127.0.0.1:8000/exchanges/1/report/",
        "case_study_url": "http://127.0.0.1:8000/case-studies/propose/",
    },
    "match_accepted": {
        "name": "Alice Andersson",
        "organisation": "Borås",
        "request_reference": "REQ-4F2A9C",
        "request_title": "Gender equality",
        "partners": [
            {
                "organisation": "Centre-Val de Loire",
                "country": "France",
                "role": "Requester",
                "contacts": [{"name": "Claire", "email": "claire@example.org"}],
            }
        ],
        "match_url": "http://127.0.0.1:8000/matches/1/",
    },
    "match_accepted_to_secretariat": {
        "request_reference": "REQ-4F2A9C",
        "request_title": "Gender equality",
        "parties": ["Borås", "Centre-Val de Loire"],
        "admin_url": "http://127.0.0.1:8000/admin/matchmaking/match/1/change/",
    },
    "match_declined_to_partners": {
        "name": "Claire",
        "organisation": "Centre-Val de Loire",
        "request_reference": "REQ-4F2A9C",
        "request_title": "Gender equality",
        "declined_by_organisation": "Borås",
        "reason": "Fully booked",
        "listing_url": "http://127.0.0.1:8000/opportunities/REQ-4F2A9C/",
    },
    "exchange_planned": {
        "name": "Claire",
        "organisation": "Centre-Val de Loire",
        "title": "Advancing Gender Equality",
        "start_date": "2024-12-09",
        "end_date": "2024-12-14",
        "city": "Borås",
        "country": "Sweden",
        "host": "Borås",
        "organisations": ["Borås", "Centre-Val de Loire"],
        "exchange_url": "http://127.0.0.1:8000/exchanges/1/",
        "report_url": "http://127.0.0.1:8000/exchanges/1/report/",
    },
    "weekly_digest": {
        "week": "2026-W48",
        "listings": [
            {
                "reference": "OFF-93B1D0",
                "kind": "offer",
                "title": "Study visit",
                "organisation": "Centre-Val de Loire",
                "url": "http://127.0.0.1:8000/listings/OFF-93B1D0/",
            }
        ],
    },
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_email_has_both_parts_the_language_and_the_preferences_link(db, kind):
    message = build(kind=kind, to="alice@boras.example", context=SAMPLES[kind], language="sv")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert message.subject and "\n" not in message.subject
    assert message.to == ["alice@boras.example"]
    preferences = f"{settings.SITE_URL}/inbox/preferences/"
    assert preferences in message.body
    assert f'href="{preferences}"' in html
    assert '<html lang="sv">' in html
    for url in (v for v in SAMPLES[kind].values() if str(v).startswith("http")):
        assert url in message.body
        assert url in html


def test_every_scheduled_task_exists():
    celery_app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks
