"""PostgreSQL: several connections behind the one `Connection` the repositories hold, so that
different users' transactions run side by side.

Why: on SQLite a transaction is a few statements in this process, tens of microseconds each,
and one writer at a time costs nothing. On PostgreSQL each statement is a round trip to the
server, and an update's transaction is about seven of them (BEGIN, the conversation, the
answer, the conversation again, the outbox, COMMIT; the outbox row deleted after the send):
measured with bench/updates.py on this 2-core machine, one connection held the Store's lock
90 % of the time at 154 updates/s (2.9 ms a transaction), with the bot's process at 40 % of a
core. With `LANES` connections, as many transactions wait for the server at once: on a quiet
machine 399-478 updates/s with four, against 242-287 with none (bench/updates.py, 100 users).

How: `Store.transaction()` and `Store.single()` take a lane (a connection of their own) for
the calling task; every statement of that task goes to it (a context variable), whichever
repository sends it, so the handlers and helpers need not know. Statements outside both
(reads by jobs, tests) go to the main connection. One user's updates are already handled in
order (bot/tg/updates.py); transactions of different users touch different rows, and the
nudge claims skip rows another transaction holds (`FOR UPDATE SKIP LOCKED`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from contextvars import ContextVar

from bot.storage import postgres
from bot.storage.connection import Params, Row
from bot.storage.dialect import POSTGRES, Postgres

LANES = 4  # connections for transactions, beside the main one (per bot process); 0: none,
# every transaction on the main connection behind the Store's lock, as on SQLite


class Lanes:
    """The main connection, and up to `LANES` more to `url`, each lent to one transaction
    at a time."""

    dialect: Postgres = POSTGRES

    def __init__(self, main: postgres.Connection, url: str) -> None:
        self.main = main
        self.every = [main]
        self._url = url
        self._opening = 0
        self._free: asyncio.Queue[postgres.Connection] = asyncio.Queue()
        self._lent: ContextVar[postgres.Connection | None] = ContextVar("lane", default=None)

    def _conn(self) -> postgres.Connection:
        return self._lent.get() or self.main

    @asynccontextmanager
    async def lane(self) -> AsyncIterator[None]:
        """A connection of its own for the calling task until the block ends (waits for one
        to be free). Lanes are opened when first needed: a bot with one user at a time (and
        each test) opens one, not LANES (about 10 ms each, on loopback)."""
        conn = await self._borrow()
        token = self._lent.set(conn)
        try:
            yield
        finally:
            self._lent.reset(token)
            try:
                await conn.rollback()  # nothing left open for the next borrower
            finally:
                self._free.put_nowait(conn)

    async def _borrow(self) -> postgres.Connection:
        opened = len(self.every) - 1 + self._opening
        if self._free.empty() and opened < LANES:
            self._opening += 1  # counted before the await: two borrowers don't overshoot
            try:
                conn = await postgres.open_connection(self._url)
            finally:
                self._opening -= 1
            conn.with_id = self.main.with_id  # the same schema: no catalogue read per lane
            self.every.append(conn)
            return conn
        return await self._free.get()

    @property
    def in_transaction(self) -> bool:
        return self._conn().in_transaction

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._conn().execute_fetchall(sql, params)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the rows it changed."""
        return await self._conn().execute(sql, params)

    async def execute_insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; returns the new row's id (0 when none)."""
        return await self._conn().execute_insert(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self._conn().executemany(sql, rows)

    async def executescript(self, script: str) -> None:
        await self._conn().executescript(script)

    async def begin(self) -> None:
        await self._conn().begin()

    async def commit(self) -> None:
        await self._conn().commit()

    async def rollback(self) -> None:
        await self._conn().rollback()

    async def close(self) -> None:
        for conn in self.every:
            await conn.close()


def open_lanes(url: str, main: postgres.Connection) -> Lanes:
    """Up to `LANES` more connections to `url` beside `main` (already migrated), each opened
    when a transaction first finds none free."""
    return Lanes(main, url)  # `main` has learnt the schema; each lane takes it from `main`
