"""The embedded SQLite database under concurrent writers (the web process and the task
worker): with the project's connection options, transactions that read and then write never
fail with "database is locked"; with SQLite's defaults they do."""

from __future__ import annotations

import copy
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.db.utils import OperationalError

WRITERS = 4
TRANSACTIONS = 60


def _alias(path: Path, options: dict[str, Any]) -> str:
    """A database alias of our own for the file (each thread gets its own connection)."""
    alias = f"concurrency-{path.stem}"
    config = copy.deepcopy(settings.DATABASES["default"])
    config.update({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options})
    config.setdefault("TIME_ZONE", None)
    config.setdefault("CONN_MAX_AGE", 0)
    config.setdefault("CONN_HEALTH_CHECKS", False)
    config.setdefault("AUTOCOMMIT", True)
    config.setdefault("ATOMIC_REQUESTS", False)
    config.setdefault("TEST", {})
    connections.settings[alias] = config
    return alias


def _hammer(path: Path, options: dict[str, Any]) -> list[str]:
    alias = _alias(path, options)
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, n INTEGER)")
        cursor.execute("INSERT OR IGNORE INTO counter (id, n) VALUES (1, 0)")
    connections[alias].close()
    errors: list[str] = []
    start = threading.Barrier(WRITERS)

    def writer() -> None:
        start.wait()
        for _ in range(TRANSACTIONS):
            try:
                # As every service does: a transaction that reads, then writes.
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter WHERE id = 1")
                    (n,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
            except OperationalError as exc:
                errors.append(str(exc))
        connections[alias].close()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if not errors:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT n FROM counter WHERE id = 1")
            assert cursor.fetchone() == (WRITERS * TRANSACTIONS,)  # no update lost
    connections[alias].close()
    del connections.settings[alias]
    return errors


def test_concurrent_writers_never_see_database_is_locked(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    options = dict(settings.SQLITE_OPTIONS)  # what the embedded database runs with
    assert options["transaction_mode"] == "IMMEDIATE"
    with django_db_blocker.unblock():  # connections of our own, to a file of our own
        assert _hammer(tmp_path / "project.sqlite3", options) == []


def test_sqlites_defaults_do_fail_so_the_test_above_can(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    with django_db_blocker.unblock():
        errors = _hammer(tmp_path / "defaults.sqlite3", {"timeout": 0.05})
    assert any("locked" in e for e in errors)
