"""Opening the SQLite file and bringing its schema up to date.

Migrations are numbered `.sql` files in `bot/storage/migrations/`; `PRAGMA user_version` records the
last one applied, so each runs exactly once, in order, inside its own transaction.
"""

from __future__ import annotations

import os
import re
import sqlite3
from importlib import resources
from pathlib import Path

from bot.storage.sqlite import Checkpointer, Connection

_MIGRATION_NAME = re.compile(r"^(\d+)_[\w-]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """All migrations shipped with the package, as (number, sql), in order."""
    found: list[tuple[int, str]] = []
    for entry in resources.files("bot.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _ in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two migrations share a number: {numbers}")
    return found


async def migrate(db: Connection) -> int:
    """Apply pending migrations; returns the schema version now in force."""
    rows = await db.execute_fetchall("PRAGMA user_version")
    current = int(rows[0][0]) if rows else 0
    for number, sql in migrations():
        if number <= current:
            continue
        # executescript commits first, so the BEGIN/COMMIT here make each file atomic.
        await db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        current = number
    return current


def ensure_private_file(path: Path) -> None:
    """Create the data folder and the database file readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


async def connect(path: Path) -> Connection:
    """Open the database with WAL, foreign keys and a busy timeout, and migrate it.

    Statements run on the event loop's thread and checkpoints in a worker thread: see
    bot/sqlite.py for why. Call from a running loop (the checkpoints start with it).
    """
    memory = str(path) == ":memory:"
    if not memory:
        ensure_private_file(path)
    # Autocommit (isolation_level=None): see Store for why and how transactions are opened.
    raw = sqlite3.connect(path, isolation_level=None)
    raw.row_factory = sqlite3.Row
    raw.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
        " PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;"
    )
    checkpointer = None if memory else Checkpointer(path)
    db = Connection(raw, checkpointer)
    try:
        await migrate(db)
    except BaseException:
        raw.close()
        raise
    if checkpointer is not None:
        checkpointer.start()
    return db
