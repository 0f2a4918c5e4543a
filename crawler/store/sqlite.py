"""SQLite connections of the archive's indexes (crawl state, dedup), in WAL mode."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

_FIRST_RETRY = 0.01  # seconds; doubled up to _RETRY_CAP
_RETRY_CAP = 0.5


def connect_wal(path: str | Path, timeout: float = 60.0) -> sqlite3.Connection:
    """A connection to `path` in WAL mode, waiting up to `timeout` seconds for locks.

    Switching a new database to WAL needs it to itself, and SQLite answers `database is
    locked` at once instead of waiting (its busy handler is not asked for that step): two
    workers opening a fresh archive together failed about one start in ten. The switch is
    retried until `timeout`."""
    db = sqlite3.connect(path, timeout=timeout)
    deadline = time.monotonic() + timeout
    wait = _FIRST_RETRY
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                db.close()
                raise
        time.sleep(wait)
        wait = min(wait * 2, _RETRY_CAP)
