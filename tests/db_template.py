"""The migrated SQLite test database, kept between runs.

Migrating a new test database takes each pytest process (each xdist worker, each
focused run) seconds of CPU. On SQLite the migrated database is copied to
var/test-db/ under a fingerprint of everything `migrate` reads: the project's
code (migrations, models, the post_migrate handlers), the installed apps, and
the installed packages and their versions. A run whose fingerprint is there
copies it in (sqlite3's backup) instead of migrating; any change to the code
migrates afresh once. PostgreSQL and a file database migrate as before.
"""

import hashlib
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connections

CACHE = Path(settings.BASE_DIR) / "var" / "test-db"
NOT_READ_BY_MIGRATE = {"tests", "var", "locale", "static", "templates", "docs", "node_modules"}


def fingerprint() -> str:
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for top in sorted(base.iterdir()):
        if top.name.startswith(".") or top.name in NOT_READ_BY_MIGRATE or not top.is_dir():
            continue
        for path in sorted(top.rglob("*.py")):
            digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    for name in ("requirements.lock", "pyproject.toml"):
        if (base / name).exists():
            digest.update((base / name).read_bytes())
    digest.update(repr((settings.INSTALLED_APPS, settings.MIGRATION_MODULES)).encode())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]


def _in_memory(alias: str) -> bool:
    connection = connections[alias]
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def migrate_or_copy(call_command: Callable) -> Callable:
    """`call_command`, for `migrate` of an in-memory SQLite test database copying
    the kept one when there is one, and keeping it when there is none."""

    def command(name, *args, **options):
        alias = options.get("database", "default")
        if name != "migrate" or args or not _in_memory(alias):
            return call_command(name, *args, **options)
        kept = CACHE / f"{fingerprint()}.sqlite3"
        connection = connections[alias]
        connection.ensure_connection()
        if kept.exists():
            with closing(sqlite3.connect(kept)) as source:
                source.backup(connection.connection)
            return None
        result = call_command(name, *args, **options)
        CACHE.mkdir(parents=True, exist_ok=True)
        part = kept.with_name(f"{kept.name}.{os.getpid()}.part")
        with closing(sqlite3.connect(part)) as copy:
            connection.connection.backup(copy)
        part.replace(kept)  # whole or not at all, for the other worker
        for old in CACHE.glob("*.sqlite3"):
            if old != kept:
                old.unlink(missing_ok=True)
        return result

    command.__wrapped__ = call_command
    return command
