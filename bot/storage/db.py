"""Opening the database (the SQLite file, or PostgreSQL at DATABASE_URL) and bringing its
schema up to date.

Migrations are numbered `.sql` files in `bot/storage/migrations/`, written in SQLite's dialect
and translated for PostgreSQL (bot/storage/dialect.py); a file `NNN_name.postgresql.sql` beside
one replaces it there. The last one applied is recorded (SQLite: `PRAGMA user_version`;
PostgreSQL: table `schema_version`), so each runs exactly once, in order, in a transaction.
"""

from __future__ import annotations

import os
import re
import sqlite3
from importlib import resources
from pathlib import Path

from bot.settings import Settings
from bot.storage import lanes
from bot.storage.connection import Connection
from bot.storage.dialect import POSTGRES, SQLITE, Dialect
from bot.storage.lanes import open_lanes
from bot.storage.sqlite import Checkpointer
from bot.storage.sqlite import Connection as SqliteConnection

_MIGRATION_NAME = re.compile(r"^(\d+)_[\w-]+(?:\.(\w+))?\.sql$")
# Held (for its transaction) by the process migrating a PostgreSQL database, so that two
# bots starting together don't both run a migration. Any fixed number; the leader lock
# (bot/storage/leader.py) uses another.
MIGRATION_LOCK = 0x61667465720001


class DatabaseUnavailable(Exception):
    """PostgreSQL could not be reached or refused the connection; the message is one line
    for the operator, with the server and database but never the user or password."""


def migrations(dialect: Dialect = SQLITE) -> list[tuple[int, str]]:
    """All migrations shipped with the package, as (number, sql), in order, in `dialect`."""
    plain: dict[int, str] = {}
    variants: dict[int, str] = {}
    numbers: list[int] = []
    for entry in resources.files("bot.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match is None:
            continue
        number, variant = int(match.group(1)), match.group(2)
        if variant is None:
            numbers.append(number)
            plain[number] = entry.read_text(encoding="utf-8")
        elif variant == dialect.name:
            variants[number] = entry.read_text(encoding="utf-8")
    translate = POSTGRES.schema if dialect is POSTGRES else str
    found = sorted((n, variants.get(n) or translate(sql)) for n, sql in plain.items())
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two migrations share a number: {numbers}")
    return found


async def migrate(db: Connection, upto: int | None = None) -> int:
    """Apply pending migrations (up to number `upto`: tests of upgrades); returns the schema
    version now in force."""
    if db.dialect is POSTGRES:
        return await _migrate_postgres(db, upto)
    current = await schema_version(db)
    for number, sql in migrations():
        if number <= current or (upto is not None and number > upto):
            continue
        # executescript commits first, so the BEGIN/COMMIT here make each file atomic.
        await db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        current = number
    return current


async def schema_version(db: Connection) -> int:
    """The migration last applied (0: none), as `migrate` records it."""
    if db.dialect.name == "sqlite":
        rows = await db.execute_fetchall("PRAGMA user_version")
        return int(rows[0][0])
    rows = await db.execute_fetchall("SELECT to_regclass('schema_version') IS NOT NULL")
    if not rows[0][0]:
        return 0
    rows = await db.execute_fetchall("SELECT max(version) FROM schema_version")
    return int(rows[0][0] or 0)


async def _migrate_postgres(db: Connection, upto: int | None) -> int:
    # PostgreSQL's DDL is transactional: all pending migrations commit together or not at all.
    await db.begin()
    try:
        await db.execute_fetchall("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        await _create_schema(db)
        await db.executescript("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT)")
        rows = await db.execute_fetchall("SELECT max(version) FROM schema_version")
        current = start = int(rows[0][0] or 0)
        for number, sql in migrations(POSTGRES):
            if number > current and (upto is None or number <= upto):
                await db.executescript(sql)
                current = number
        if current != start:
            await db.execute("DELETE FROM schema_version")
            await db.execute("INSERT INTO schema_version (version) VALUES (?)", (current,))
        await db.commit()
    except BaseException:
        await db.rollback()
        raise
    return current


async def _create_schema(db: Connection) -> None:
    """A URL naming a schema of its own (`?search_path=afterview`) gets it on first start."""
    rows = await db.execute_fetchall("SELECT current_schema(), current_setting('search_path')")
    if rows[0][0] is not None:
        return
    wanted = str(rows[0][1]).split(",")[0].strip().strip('"')
    if not wanted or wanted == "$user":
        raise RuntimeError("DATABASE_URL: no schema to create tables in (set search_path)")
    await db.executescript(f'CREATE SCHEMA "{wanted.replace(chr(34), chr(34) * 2)}"')


async def open_database(settings: Settings, upto: int | None = None) -> Connection:
    """The database the settings name: PostgreSQL when DATABASE_URL is set, else the SQLite
    file at DATABASE_PATH; migrated (up to `upto`: tests of upgrades). Call from a running
    loop."""
    if settings.postgres_url is None:
        return await connect(settings.database_path, upto)
    from bot.storage import postgres  # asyncpg is imported only by those who use it

    try:
        db = await postgres.open_connection(settings.postgres_url)
    except postgres.CONNECT_ERRORS as exc:
        raise DatabaseUnavailable(
            f"cannot connect to {settings.database_name}: {type(exc).__name__}: {exc}"
        ) from exc
    try:
        await migrate(db, upto)
        await db.learn_schema()
        # Connections of their own for transactions, so that users' updates run side by side.
        return open_lanes(settings.postgres_url, db) if lanes.LANES else db
    except BaseException:
        await db.close()
        raise


def ensure_private_file(path: Path) -> None:
    """Create the data folder and the database file readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


async def connect(path: Path, upto: int | None = None) -> SqliteConnection:
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
    db = SqliteConnection(raw, checkpointer)
    try:
        await migrate(db, upto)
    except BaseException:
        raw.close()
        raise
    if checkpointer is not None:
        checkpointer.start()
    return db
