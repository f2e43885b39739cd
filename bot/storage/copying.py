"""`afterview copy-db`: an organisation's whole database from SQLite into PostgreSQL (or back,
or between two of either), checked row by row.

The target must be empty: a database (or schema) with no tables, which the copy migrates to
the source's schema version, or one migrated to that version with no rows in any table. The
source is read in one snapshot (SQLite's read transaction, PostgreSQL's REPEATABLE READ), so a
bot still running on it can't tear the copy; stop the bot first all the same, or its later
answers stay behind.

All the target's writes are one transaction: the tables parents first, each in primary-key
order, in batches; triggers off meanwhile (the copy writes every column as it was: the trigger
that makes a new interview the user's current one would overwrite `users`); PostgreSQL's
identity sequences moved past the copied ids; then every row of every table read back from
both sides and compared by primary key. Only then COMMIT: a copy that doesn't check out
leaves the target as empty as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from bot.storage import postgres
from bot.storage.connection import Connection
from bot.storage.db import ensure_private_file, migrate, migrations, schema_version
from bot.storage.sqlite import Connection as SqliteConnection
from bot.storage.tables import (
    Table,
    batches,
    fill_order,
    quoted,
    read_tables,
    restart_identities,
    triggers_off,
    triggers_on,
)

_URL_SCHEMES = ("postgresql://", "postgres://")


class CopyError(Exception):
    """A copy refused or failed; the message is one line for the operator, without a
    password."""


@dataclass(frozen=True)
class Report:
    """What was copied: the schema version, and each table's rows in the order filled."""

    version: int
    tables: tuple[tuple[str, int], ...]


def is_url(location: str) -> bool:
    """Whether `location` is a PostgreSQL URL (else: a SQLite file's path)."""
    return location.startswith(_URL_SCHEMES)


def shown(location: str) -> str:
    """`location` fit to print: a URL without its password (user, host, port, database and
    search_path only); a path as given."""
    if not is_url(location):
        return location
    parts = urlsplit(location)
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    schema = [v for k, v in parse_qsl(parts.query) if k == "search_path"]
    query = f"?search_path={schema[0]}" if schema else ""
    return f"{parts.scheme}://{user}{parts.hostname or ''}{port}{parts.path}{query}"


async def copy_database(source: str, target: str) -> Report:
    """Copy every row of `source` into the empty `target` (each a SQLite path or a PostgreSQL
    URL) and check them. Raises CopyError (refusals, a failed check) and the drivers' errors
    (sqlite3.Error, asyncpg's, OSError when a server is out of reach)."""
    if _same(source, target):
        raise CopyError("--from and --to name the same database")
    src = await _open(source, create=False)
    try:
        dst = await _open(target, create=True)
        try:
            return await _copy(src, dst, source, target)
        finally:
            await dst.close()
    finally:
        await src.close()


def _same(source: str, target: str) -> bool:
    if is_url(source) or is_url(target):
        return source == target
    return Path(source).resolve() == Path(target).resolve()


async def _open(location: str, *, create: bool) -> Connection:
    """A connection, not migrated (the copy decides)."""
    if is_url(location):
        # One commit at the end, and the operator is told it is done: wait for its flush.
        return await postgres.open_connection(location, flushed_commits=True)
    return _open_file(Path(location), create=create)


def _open_file(path: Path, *, create: bool) -> SqliteConnection:
    """`create`: a missing file is made (owner-only, like the bot's); else it must exist, and
    is opened read-only."""
    if path.is_dir():
        raise CopyError(f"{path} is a folder; name a database file")
    if create:
        ensure_private_file(path)
        raw = sqlite3.connect(path, isolation_level=None)
        raw.executescript("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;")
    else:
        if not path.is_file():
            raise CopyError(f"no database at {path}")
        uri = f"{path.resolve().as_uri()}?mode=ro"
        raw = sqlite3.connect(uri, uri=True, isolation_level=None)
    raw.row_factory = sqlite3.Row
    raw.execute("PRAGMA busy_timeout=5000")
    return SqliteConnection(raw)


async def _copy(src: Connection, dst: Connection, source: str, target: str) -> Report:
    await src.execute(src.dialect.snapshot)
    try:
        version = await _source_version(src, source)
        tables = await read_tables(src)
        if not tables:
            raise CopyError(f"{shown(source)} has no tables: not an Afterview database")
        await _target_ready(dst, target, version, tables)
        counts = await _fill_and_check(src, dst, tables)
    finally:
        await src.rollback()
    return Report(version, counts)


async def _source_version(src: Connection, source: str) -> int:
    version = await schema_version(src)
    latest = migrations()[-1][0]
    if version == 0:
        raise CopyError(f"{shown(source)} is not an Afterview database (no schema version)")
    if version > latest:
        raise CopyError(
            f"{shown(source)} is at schema version {version}, newer than this afterview"
            f" knows ({latest}): upgrade afterview first"
        )
    return version


async def _target_ready(
    dst: Connection, target: str, version: int, tables: dict[str, Table]
) -> None:
    """Migrate an empty target to `version`; refuse one at another version, with other
    tables, or with rows."""
    have = await schema_version(dst)
    if have == 0 and not await read_tables(dst):
        await migrate(dst, upto=version)
        have = version
    if have != version:
        raise CopyError(
            f"schema versions differ: the source is at {version}, {shown(target)} at {have}"
            " (start the bot once on the older one to upgrade it, or copy into an empty target)"
        )
    theirs = await read_tables(dst)
    for name in sorted(set(tables) | set(theirs)):
        mine, other = tables.get(name), theirs.get(name)
        if mine is None or other is None:
            side = shown(target) if other is None else "the source"
            raise CopyError(f"schemas differ: table {name} is missing from {side}")
        if set(mine.columns) != set(other.columns) or mine.key != other.key:
            raise CopyError(f"schemas differ: table {name} has other columns or another key")
    for name in sorted(theirs):
        if await dst.execute_fetchall(f"SELECT 1 FROM {quoted(name)} LIMIT 1"):
            raise CopyError(
                f"{shown(target)} is not empty (table {name} has rows): copy into an empty database"
            )


async def _fill_and_check(
    src: Connection, dst: Connection, tables: dict[str, Table]
) -> tuple[tuple[str, int], ...]:
    try:
        order = fill_order(tables)
    except ValueError as exc:
        raise CopyError(str(exc)) from exc
    await dst.begin()
    try:
        triggers = await triggers_off(dst)
        counts = [(table.name, await _fill(src, dst, table)) for table in order]
        await triggers_on(dst, triggers)
        await restart_identities(dst)
        for table in order:
            await _check(src, dst, table)
        await dst.commit()
    except BaseException:
        await dst.rollback()
        raise
    return tuple(counts)


async def _fill(src: Connection, dst: Connection, table: Table) -> int:
    """Insert the table's rows; columns pointing at the same table are set after all its rows
    are in (a row may point at a later one). Returns the rows copied."""
    names = ", ".join(quoted(c) for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    insert = f"INSERT INTO {quoted(table.name)} ({names}) VALUES ({marks})"
    refs = [table.columns.index(c) for c in table.self_refs]
    keys = [table.columns.index(c) for c in table.key]
    if refs and not keys:
        raise CopyError(f"table {table.name} points at itself but has no primary key")
    later: list[list[object]] = []
    count = 0
    async for batch in batches(src, table):
        if refs:
            pointing = [r for r in batch if any(r[i] is not None for i in refs)]
            later += [[r[i] for i in refs + keys] for r in pointing]
            batch = [tuple(None if i in refs else v for i, v in enumerate(r)) for r in batch]
        await dst.executemany(insert, batch)
        count += len(batch)
    if later:
        sets = ", ".join(f"{quoted(c)} = ?" for c in table.self_refs)
        where = " AND ".join(f"{quoted(c)} = ?" for c in table.key)
        await dst.executemany(f"UPDATE {quoted(table.name)} SET {sets} WHERE {where}", later)
    return count


async def _check(src: Connection, dst: Connection, table: Table) -> None:
    """Every row of `table` equal on both sides, compared in primary-key order."""
    mine, theirs = _rows(src, table), _rows(dst, table)
    while True:
        a, b = await anext(mine, None), await anext(theirs, None)
        if a is None and b is None:
            return
        if a != b:
            # The row's key and column only: the values are people's answers.
            row = a if a is not None else b
            assert row is not None
            key = {c: row[table.columns.index(c)] for c in table.key}
            if a is None or b is None:
                raise CopyError(f"check failed: table {table.name} row {key} is on one side only")
            column = next(c for c, x, y in zip(table.columns, a, b, strict=True) if x != y)
            raise CopyError(f"check failed: table {table.name} row {key} differs in {column}")


async def _rows(db: Connection, table: Table) -> AsyncIterator[tuple[Any, ...]]:
    async for batch in batches(db, table):
        for row in batch:
            yield row
