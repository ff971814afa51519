"""What the listing tests share: the vocabularies and a valid request as posted."""

import pytest

from tests.factories import (
    FormatFactory,
    LanguageFactory,
    TargetGroupFactory,
    ThemeFactory,
    UserFactory,
    in_days,
)


@pytest.fixture
def taxonomy(db):
    return {
        "gender": ThemeFactory(name="Gender equality", slug="gender-equality"),
        "green": ThemeFactory(name="Green skills", slug="green-skills"),
        "visit": FormatFactory(name="Study visit", slug="study-visit", min_days=2, max_days=10),
        "shadowing": FormatFactory(
            name="Staff job shadowing", slug="staff-job-shadowing", min_days=2, max_days=60
        ),
        "guidance": TargetGroupFactory(name="Guidance staff", slug="guidance-staff"),
        "vet": TargetGroupFactory(name="VET learners", slug="vet-learners"),
        "en": LanguageFactory(code="en", name="English"),
        "fr": LanguageFactory(code="fr", name="French"),
        "sv": LanguageFactory(code="sv", name="Swedish"),
    }


@pytest.fixture
def charlie_client(client, charlie):
    client.force_login(charlie)
    return client


@pytest.fixture
def stranger(db):
    """Signed in, but in no member organisation."""
    return UserFactory(email="stranger@example.org", full_name="Stranger Danger")


@pytest.fixture
def request_data(taxonomy, charlie):
    """A valid request of Centre-Val de Loire, as the form posts it."""
    return {
        "title": "Exchange on gender equality in guidance services",
        "themes": ["gender-equality"],
        "formats": ["study-visit"],
        "target_groups": ["guidance-staff"],
        "role": "send",
        "earliest_start": in_days(30).isoformat(),
        "latest_end": in_days(60).isoformat(),
        "duration_days": "6",
        "participants": "8",
        "languages": ["en", "fr"],
        "preferred_countries": ["SE", "ES"],
        "fewer_opportunities_support": "Accompanying staff for learners with disabilities.",
        "funding": "accredited",
        "description": (
            "We look for a partner institution for an exchange on gender equality in "
            "education and guidance services, to learn how public institutions advance it."
        ),
        "contact": str(charlie.pk),
        "expires_on": "",
    }


@pytest.fixture
def vocabulary(taxonomy):
    """The taxonomy as the import's example file names it."""
    ThemeFactory(name="Inclusion and fewer opportunities", slug="inclusion")
    TargetGroupFactory(name="VET learners", slug="vet-learners")
    LanguageFactory(code="sv", name="Swedish")
    return taxonomy
