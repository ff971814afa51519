"""Files that the pytest-xdist workers of one run share.

Each worker has its own temporary folder inside the run's, so the run's folder
is theirs in common (a new one each run); a lock beside a file lets one worker
wait while the other writes it.
"""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def run_file(tmp_path_factory, name: str) -> Path:
    folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = folder.parent
    return folder / name


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the run's lock on `path` (released when the lock file closes)."""
    with path.with_name(path.name + ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
