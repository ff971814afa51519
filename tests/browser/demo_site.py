"""The demo data for the journeys that walk the README's story, loaded by
`seed_demo` as `make run` loads it.

A live-server journey is a transactional test: the database is flushed after
it, so each journey needs the demo again. The first one of a run loads it with
`seed_demo` and keeps a dump of what it loaded; the next ones load that dump,
which takes seconds where `seed_demo` takes a minute on a loaded machine.

`seed_demo` computes the matcher's stored rankings once, at the end of the load
(matchmaking.rankings.refresh_deferred), so the dump holds them.
"""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

# Rows that migrate and the test run make themselves, whatever the data.
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
DEMO_PASSWORD = "demo-password-2024"  # demo/data/people.yaml: published, like the demo


@pytest.fixture(scope="session")
def _demo_dump(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("demo") / "demo.json"


def _load_afresh(dump: Path) -> None:
    call_command("seed_demo", "--quiet")
    with dump.open("w", encoding="utf-8") as out:
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            *[f"--exclude={label}" for label in NOT_DUMPED],
            stdout=out,
        )


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
    if _demo_dump.exists():
        _load_dump(_demo_dump)
    else:
        _load_afresh(_demo_dump)
    return live_server
