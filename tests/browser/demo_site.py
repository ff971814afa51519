"""The demo data for the journeys that walk the README's story, loaded by
`seed_demo` as `make run` loads it.

A live-server journey is a transactional test: the database is flushed after
it, so each journey needs the demo again. `seed_demo` runs once in a run: the
first test that needs the demo (tests/demo/conftest.py, or the first journey)
keeps a dump of what it loaded in a file the pytest-xdist workers share
(tests.run_files); the journeys load that dump, which takes seconds where
`seed_demo` takes a minute on a loaded machine.

`seed_demo` computes the matcher's stored rankings once, at the end of the load
(matchmaking.rankings.refresh_deferred), so the dump holds them.
"""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.run_files import locked, run_file

# Rows that migrate and the test run make themselves, whatever the data.
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
DEMO_PASSWORD = "demo-password-2024"  # demo/data/people.yaml: published, like the demo
DUMP = "demo.json"


@pytest.fixture(scope="session")
def _demo_dump(tmp_path_factory) -> Path:
    return run_file(tmp_path_factory, DUMP)


def demo_dump_write(dump: Path) -> None:
    """Dump the demo data `seed_demo` has just loaded (whole or not at all, for
    the other worker)."""
    part = dump.with_name(dump.name + ".part")
    with part.open("w", encoding="utf-8") as out:
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            *[f"--exclude={label}" for label in NOT_DUMPED],
            stdout=out,
        )
    part.replace(dump)


def _load_dump(dump: Path) -> None:
    # After the last journey's flush the shared fixture put the vocabularies back
    # (tests/conftest.py), under other ids: the dumped rows take their place.
    labels = {row["model"] for row in json.loads(dump.read_text(encoding="utf-8"))}
    for label in labels:
        apps.get_model(label)._base_manager.all().delete()
    call_command("loaddata", str(dump), verbosity=0)


@pytest.fixture
def demo_site(transactional_db, _demo_dump, live_server):
    """The demo data in the live server's database."""
    with locked(_demo_dump):
        seeded = not _demo_dump.exists()
        if seeded:
            call_command("seed_demo", "--quiet")
            demo_dump_write(_demo_dump)
    if not seeded:
        _load_dump(_demo_dump)
    return live_server
