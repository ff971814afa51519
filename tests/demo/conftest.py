"""The demo data, loaded once for all the tests of this folder.

Loading it takes seconds, so it is not done per test: the package fixture opens a
transaction, runs `seed_demo` in it, and rolls it back after the folder's last
test. Each test runs inside, in a savepoint of its own (pytest-django's `db`), so
what one test changes the next one does not see, and no other folder ever sees
the demo data. Under pytest-xdist each worker loads it once into its own database.
The first load of a run also keeps the dump the browser journeys load
(tests/browser/demo_site.py), so that they do not run `seed_demo` again.
"""

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.browser.demo_site import DUMP, demo_dump_write
from tests.run_files import locked, run_file


@pytest.fixture(scope="package")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    dump = run_file(tmp_path_factory, DUMP)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with locked(dump):
            dumped = dump.exists()
            if not dumped:
                call_command("seed_demo", "--quiet")
                demo_dump_write(dump)
        if dumped:
            call_command("seed_demo", "--quiet")
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_data, db):
    """The demo data, inside this test's own savepoint."""
