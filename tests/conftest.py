"""The cast, shared by every test.

- alice: coordinator of Borås (an organisation of the partnership)
- bob: a contact (colleague) in Borås
- charlie: coordinator of another organisation (Centre-Val de Loire)
- the secretariat: staff, in the Secretariat group
- a visitor: the anonymous client
"""

import os

import numpy as np
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import management
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from core.secretariat import SECRETARIAT_GROUP, sync_secretariat_group
from members.models import Role

from .db_template import migrate_or_copy
from .factories import MembershipFactory, OrganisationFactory, UserFactory
from .otp import totp_device, verified_login


@pytest.fixture(autouse=True)
def _english(settings):
    # A request leaves its language active in the thread; each test starts in
    # the site's default language whatever the previous one asked for.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    # The public summary and the dashboard are cached: a test must not see the
    # figures another test's data left behind.
    cache.clear()
    yield
    cache.clear()


# The vocabularies' tables as migrate left them, read once per process.
VOCABULARIES = ("taxonomy.Theme", "taxonomy.Format", "taxonomy.TargetGroup", "taxonomy.Language")
_as_migrated: dict[str, tuple[str, list[tuple]]] = {}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    # Until the test database is made (django_db_setup): SQLite's migrated copy
    # is kept between runs (tests/db_template.py).
    management.call_command = migrate_or_copy(management.call_command)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and a copy of the rows its migrations ship (every
    column but the id), taken before any test runs."""
    call_command = management.call_command
    management.call_command = getattr(call_command, "__wrapped__", call_command)
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for label in VOCABULARIES:
            meta = apps.get_model(label)._meta
            columns = [f.column for f in meta.concrete_fields if not f.primary_key]
            # Raw SQL, names from the models' meta: the ORM would read and write
            # `name` in the active language (django-modeltranslation).
            table = connection.ops.quote_name(meta.db_table)
            names = ", ".join(connection.ops.quote_name(column) for column in columns)
            cursor.execute(f"SELECT {names} FROM {table}")  # noqa: S608
            values = ", ".join(["%s"] * len(columns))
            insert = f"INSERT INTO {table} ({names}) VALUES ({values})"  # noqa: S608
            _as_migrated[label] = (insert, cursor.fetchall())
    return django_db_setup


@pytest.fixture(autouse=True)
def _shipped_vocabularies(request):
    """A transactional test (the browser journeys, the real-worker tests) flushes
    the database when it ends, vocabularies the migrations ship included; the
    tests that run after it on the same worker get them back, as migrate gave them
    (the rows read after migrate, under new ids: the migrations' own functions
    took a second for each test)."""
    if request.node.get_closest_marker("django_db") is None and not (
        {"db", "transactional_db"} & set(request.fixturenames)
    ):
        return
    request.getfixturevalue("_django_db_helper")
    with connection.cursor() as cursor:
        for label, (insert, rows) in _as_migrated.items():
            if rows and not apps.get_model(label)._base_manager.exists():
                cursor.executemany(insert, rows)


@pytest.fixture(scope="session", autouse=True)
def _model_vectors_once_per_text():
    """The sentence model gives a text the same vector every time, alone or in any
    batch (bit for bit), and the suite asks it for the same texts hundreds of times
    (the Borås case in every matcher test, the demo's listings in every load of it):
    each process runs the model once per text and keeps the vector. What the
    encoder does with the model's vectors (titles, centre, language offsets) still
    runs on every call."""
    from embeddings.encoders import MultilingualE5Small

    model_vectors = MultilingualE5Small.model_vectors
    kept: dict[str, np.ndarray] = {}

    def once_per_text(self, texts):
        new = [text for text in dict.fromkeys(texts) if text not in kept]
        if new:
            kept.update(zip(new, model_vectors(self, new), strict=True))
        if not texts:
            return model_vectors(self, texts)
        return np.stack([kept[text] for text in texts])  # a new array: callers change it

    MultilingualE5Small.model_vectors = once_per_text
    yield
    MultilingualE5Small.model_vectors = model_vectors


@pytest.fixture(autouse=True)
def _no_axes_lockout(settings):
    # Axes needs a request on every authenticate(); tests that exercise lockout
    # switch it back on themselves.
    settings.AXES_ENABLED = False


@pytest.fixture
def boras(db):
    return OrganisationFactory(
        name="Working Life Department of the municipality of Borås",
        slug="boras",
        country="SE",
        region="SE232",
        city="Borås",
    )


@pytest.fixture
def centre_val_de_loire(db):
    return OrganisationFactory(
        name="Centre-Val de Loire Region - Service Orientation",
        slug="centre-val-de-loire",
        kind="regional_authority",
        country="FR",
        region="FRB",
        city="Orléans",
    )


@pytest.fixture
def alice(boras):
    user = UserFactory(email="alice@boras.example", full_name="Alice Andersson")
    MembershipFactory(user=user, organisation=boras, role=Role.COORDINATOR)
    return user


@pytest.fixture
def bob(boras):
    user = UserFactory(email="bob@boras.example", full_name="Bob Berg")
    MembershipFactory(user=user, organisation=boras, role=Role.CONTACT)
    return user


@pytest.fixture
def charlie(centre_val_de_loire):
    user = UserFactory(email="charlie@centre-valdeloire.example", full_name="Charlie Chartier")
    MembershipFactory(user=user, organisation=centre_val_de_loire, role=Role.COORDINATOR)
    return user


@pytest.fixture
def secretariat(db):
    user = UserFactory(email="staff@earlall.example", full_name="Sara Secretariat", is_staff=True)
    user.groups.add(secretariat_group())
    # Staff pass a second factor after the password (core.two_factor).
    user.totp_device = totp_device(user)
    return user


def secretariat_group():
    """The group `migrate` made; transactional tests (the browser journeys) flush
    it, and then it is made again with its permissions (which costs a tenth of a
    second: not done when it is there)."""
    group = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    if group is None or not group.permissions.exists():
        group = sync_secretariat_group(apps)
    return group


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def secretariat_client(client, secretariat):
    return verified_login(client, secretariat)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`make test` runs two workers, --dist loadgroup) some tests
    must share one worker: the demo-data tests, so that the demo is loaded once
    (tests/demo/conftest.py), the evaluation set's likewise, and the tests with a
    real Celery worker, which share one Redis database and queue and would take
    each other's tasks."""
    for item in items:
        path = str(item.path).replace(os.sep, "/")
        if "/tests/demo/" in path:
            item.add_marker(pytest.mark.xdist_group("demo"))
        elif item.get_closest_marker("broker"):
            item.add_marker(pytest.mark.xdist_group("broker"))
        elif "/tests/matchmaking/test_evaluation" in path:
            # One worker loads and measures the evaluation set (tests/matchmaking/conftest.py).
            item.add_marker(pytest.mark.xdist_group("evaluation"))
    # pytest-django then runs the tests that use the database first, the
    # transactional ones (the browser journeys) next, the others last; within
    # each the long ones go first, so that under pytest-xdist neither worker is
    # left alone with one of them at the end while the other waits.
    items.sort(key=slowness)


# Tests of tens of seconds each, longest first (`make test` prints the slowest;
# the groups above are handed out first anyway, as the largest units of work).
SLOW_FIRST = (
    "tests/listings/test_migration.py::",
    "tests/browser/test_secretariat_desk_journey.py::",
    "tests/browser/test_events_journey.py::",
    "tests/browser/test_matchmaking_journey.py::",
    "tests/browser/test_listings_journey.py::",
    "tests/browser/test_members_joining_journey.py::",
    "tests/browser/test_story_",
    "tests/browser/test_navigation.py::",
    "tests/security/test_permissions.py::test_every_",
    "tests/matchmaking/test_evaluation",
    "tests/matchmaking/test_calibration.py::",
    "tests/security/test_fuzz.py::",
    "tests/core/test_settings.py::",
)


def slowness(item) -> int:
    return next(
        (rank for rank, part in enumerate(SLOW_FIRST) if part in item.nodeid), len(SLOW_FIRST)
    )


def pytest_collection_finish(session):
    """pytest-xdist applies a group by renaming the test (`…@broker`); pytest 9.2
    ignores that rename and the groups silently fall apart, so that two Celery
    workers took each other's tasks. Refuse to run rather than share a queue."""
    if not getattr(session.config.option, "loadgroup", False):
        return
    for item in session.items:
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
            raise pytest.UsageError(
                f"pytest-xdist did not apply the group of {item.nodeid}: "
                "this pytest and pytest-xdist do not work together (see pyproject.toml)"
            )


# Tests that need the real services. On the embedded default run they are
# skipped with a reason; with REQUIRE_SERVICES=1 (CI's second run) a missing
# service is a failure, never a skip.
def _service_missing(marker_name: str) -> str | None:
    import os

    from django.conf import settings

    if marker_name == "postgres":
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            return "needs PostgreSQL: set DATABASE_URL=postgres://…"
    if marker_name == "broker" and not os.environ.get("CELERY_BROKER_URL"):
        return "needs a Redis broker: set CELERY_BROKER_URL=redis://…"
    return None


def pytest_runtest_setup(item):
    import os

    for name in ("postgres", "broker"):
        if item.get_closest_marker(name) is None:
            continue
        reason = _service_missing(name)
        if reason is None:
            continue
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but this test {reason}")
        pytest.skip(reason)
