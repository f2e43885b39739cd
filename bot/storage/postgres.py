"""The PostgreSQL connection (`DATABASE_URL=postgresql://...`): asyncpg behind the same async
API as bot/storage/sqlite.py, statements translated by bot/storage/dialect.py.

Why asyncpg rather than psycopg 3: measured on this 2-core machine against a local PostgreSQL
15 (fsync off, loopback), one debrief step's statements in one transaction (the user's row
with their conversation, the interview read, an UPDATE ... RETURNING, the conversation upsert,
an outbox INSERT ... RETURNING id, BEGIN/COMMIT), 3,000 steps, two runs each:

    asyncpg 0.32   p50 1.10-1.14 ms   p99 1.75-1.82 ms   855-892 steps/s   575-668 µs CPU/step
    psycopg 3.3.9  p50 1.22-1.25 ms   p99 1.92-1.94 ms   784-793 steps/s   841-894 µs CPU/step
    (psycopg with prepare_threshold=0: every statement prepared, as asyncpg does)

asyncpg is about 10 % faster per step and spends a third less of the bot's CPU on each (its
protocol is in Cython; the bot shares a core with PostgreSQL in a small deployment). Its
records already read by position and by name, like sqlite3.Row. What it costs: asyncpg checks
parameter types strictly (an int where the column is text is an error, never a silent cast),
which the tests on PostgreSQL keep honest.

Each connection sends its statements one at a time (asyncpg refuses a second operation while
one is in flight, so a read from another handler waits for the statement before it, never for
a whole transaction). The bot holds several: transactions run on connections of their own,
side by side (bot/storage/lanes.py), and reads outside them on the main one.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from typing import Any, cast

import asyncpg

from bot.storage.connection import Params, Row
from bot.storage.dialect import POSTGRES, Postgres, Statement

_COUNT = re.compile(r"([0-9]+)$")
# What a failed connection raises: unreachable (OSError, a timeout), or refused by the server
# (a wrong password, no such database).
CONNECT_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


class Connection:
    """One asyncpg connection in autocommit mode (see `Store` for how transactions open)."""

    dialect: Postgres = POSTGRES

    def __init__(self, raw: asyncpg.Connection) -> None:
        self.raw = raw
        self._busy = asyncio.Lock()
        # Tables with an `id` column: an INSERT into one returns the new id (lastrowid).
        self.with_id: frozenset[str] = frozenset()

    @property
    def in_transaction(self) -> bool:
        return bool(self.raw.is_in_transaction())

    async def learn_schema(self) -> None:
        """Read which tables have an `id` column (after the migrations)."""
        rows = await self.execute_fetchall(
            "SELECT t.relname::text FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid"
            " WHERE t.relnamespace = current_schema()::regnamespace AND a.attname = 'id'"
        )
        self.with_id = frozenset(str(r[0]) for r in rows)

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        statement = self.dialect.statement(sql)
        async with self._busy:
            rows = await self.raw.fetch(statement.sql, *_args(statement, params))
        return cast(list[Row], rows)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the rows it changed."""
        statement = self.dialect.statement(sql)
        async with self._busy:
            status = await self.raw.execute(statement.sql, *_args(statement, params))
        found = _COUNT.search(str(status))
        return int(found.group(1)) if found and not str(status).startswith("SELECT") else 0

    async def execute_insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; returns the new row's id (0: the table has none, or it was
        ignored on a conflict, or the statement was not an INSERT)."""
        table = self.dialect.inserts_into(sql)
        if table is None or table not in self.with_id:
            await self.execute(sql, params)
            return 0
        statement = self.dialect.statement(sql, returning_id=True)
        async with self._busy:
            new_id = await self.raw.fetchval(statement.sql, *_args(statement, params))
        return int(new_id or 0)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        statement = self.dialect.statement(sql)
        args = [_args(statement, row) for row in rows]
        async with self._busy:
            await self.raw.executemany(statement.sql, args)

    async def executescript(self, script: str) -> None:
        """Several statements without parameters (no translation: migrations are translated
        as a whole by the dialect)."""
        async with self._busy:
            await self.raw.execute(script)

    async def begin(self) -> None:
        async with self._busy:
            await self.raw.execute(self.dialect.begin)

    async def commit(self) -> None:
        async with self._busy:
            await self.raw.execute("COMMIT")

    async def rollback(self) -> None:
        if self.raw.is_closed():
            return
        async with self._busy:
            if self.raw.is_in_transaction():
                await self.raw.execute("ROLLBACK")

    async def close(self) -> None:
        await self.raw.close()


def _args(statement: Statement, params: Params) -> list[Any]:
    if isinstance(params, dict):
        return [params[name] for name in statement.names]
    return list(params)


async def open_connection(url: str, *, flushed_commits: bool = False) -> Connection:
    """Connect to PostgreSQL at `url` (a libpq-style URL; extra query parameters are server
    settings, e.g. `?search_path=afterview`). Raises asyncpg's errors and OSError.

    Commits wait for the WAL flush (the server's `synchronous_commit`, on by default), so an
    acknowledged answer survives a crash of the database server too, not only of the bot.
    `flushed_commits` forces that for a connection whatever the server or URL says (copy-db).
    An organisation may trade it for speed with `?synchronous_commit=off` in the URL (then a
    server crash may lose the last ~0.6 s of commits, as SQLite's `synchronous=NORMAL` may on
    power loss). Measured (bench/updates.py, 2 cores, a cluster with fsync on, quiet machine):
    346 and 359 updates/s flushed against 313 unflushed: with transactions side by side
    (bot/storage/lanes.py) concurrent commits share a flush, so the default costs nothing
    that matters here. With one connection, waiting for each flush (3-5 ms on this disk)
    capped the bot near 50 updates/s: that is why the lanes came first.
    """
    raw = await asyncpg.connect(url)
    if flushed_commits:  # after connecting: a setting in the URL would win over ours
        await raw.execute("SET synchronous_commit = on")
    return Connection(raw)
