"""The database connection: `sqlite3` on the event loop's own thread, behind an async API.

Why not a worker thread (aiosqlite, the first choice): a statement here takes 10-40 µs, and
handing it to a thread and back cost more than that on every call (about 80 µs of CPU), plus
waits for the interpreter lock: while the loop is busy, the thread waits up to the switch
interval (5 ms) to get it back. Measured with bench/updates.py on this 2-core machine, one
debrief answer took p99 12-40 ms through the thread and about 2 ms inline, and twice the
answers a second under load. So statements run inline, and what could block the loop for
longer is kept off it:

- Checkpoints, the only fsync in WAL mode with `synchronous=NORMAL`: SQLite's automatic ones
  would run inside whichever commit crosses 1,000 pages. They are off on this connection; a
  `Checkpointer` runs them once a second on a connection of its own, in a worker thread.
  They don't block the bot's writes (WAL lets one writer and a checkpoint run side by side).
- Waiting for another process's write lock: no other process writes while the bot runs
  (`afterview backup` only reads, and in WAL mode readers never block the writer).
- Long queries: every query of the bot reads one user's rows through an index.

The methods stay `async`, so that the repositories don't depend on where statements run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from bot.storage.connection import Params, Row
from bot.storage.dialect import SQLITE, Dialect

log = logging.getLogger(__name__)


class Connection:
    """One sqlite3 connection in autocommit mode (see `Store` for how transactions open)."""

    dialect: Dialect = SQLITE

    def __init__(self, raw: sqlite3.Connection, checkpointer: Checkpointer | None = None) -> None:
        self.raw = raw
        self.checkpointer = checkpointer

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        rows: list[Row] = self.raw.execute(sql, params).fetchall()
        return rows

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the rows it changed."""
        return max(self.raw.execute(sql, params).rowcount, 0)

    async def execute_insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; returns the new row's id."""
        return self.raw.execute(sql, params).lastrowid or 0

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self.raw.executemany(sql, rows)

    async def executescript(self, script: str) -> None:
        self.raw.executescript(script)

    async def begin(self) -> None:
        """BEGIN IMMEDIATE: the write lock up front, so that a backup or a second process
        can't make the transaction fail half-way."""
        self.raw.execute(self.dialect.begin)

    async def commit(self) -> None:
        self.raw.commit()

    async def rollback(self) -> None:
        self.raw.rollback()

    async def close(self) -> None:
        if self.checkpointer is not None:
            await self.checkpointer.stop()
        # The last connection to close checkpoints the whole WAL into the database file.
        self.raw.close()


class Checkpointer:
    """Copies the WAL into the database file every `interval` seconds, off the loop.

    PASSIVE: it copies what no reader still needs and never waits for, or blocks, the bot's
    writer. Once everything is copied, the next write starts the WAL file from its beginning,
    so it stays small.
    """

    def __init__(self, path: Path, interval: float = 1.0) -> None:
        self.path = path
        self.interval = interval
        self.runs = 0
        self._raw: sqlite3.Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self._inflight: asyncio.Future[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="checkpoints")

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.run()

    async def run(self) -> None:
        # Cancelling the wait doesn't stop the thread: stop() waits for it before it closes
        # the connection the thread is using.
        self._inflight = asyncio.ensure_future(asyncio.to_thread(self._checkpoint))
        try:
            await asyncio.shield(self._inflight)
        except sqlite3.Error as exc:  # the next run tries again; the WAL keeps every commit
            log.warning("WAL checkpoint failed: %s", exc)

    def _checkpoint(self) -> None:
        if self._raw is None:
            # Used by one worker thread at a time (run() is awaited), never concurrently.
            self._raw = sqlite3.connect(self.path, check_same_thread=False)
        self._raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        self.runs += 1

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._inflight is not None:
            with contextlib.suppress(sqlite3.Error):  # run() has logged it
                await self._inflight
            self._inflight = None
        if self._raw is not None:
            self._raw.close()
            self._raw = None
