"""The Store: the one shared connection, its repositories, and the transaction they run in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from bot.storage.adviser import AdviserLinks
from bot.storage.base import WriteGate
from bot.storage.connection import Connection
from bot.storage.conversations import Conversations, Outbox
from bot.storage.edits import Edits
from bot.storage.interviews import Interviewers, Interviews, Notes, SocialPages
from bot.storage.lanes import Lanes
from bot.storage.privacy import Privacy
from bot.storage.referees import Referees
from bot.storage.reminders import Reminders
from bot.storage.reviews import DraftReviews
from bot.storage.stats import StatsRepo
from bot.storage.users import Users

# The Store whose transaction the current task holds, and that task (a transaction is joined
# by its own task only: a task it starts waits for its turn, as on SQLite).
_HELD: ContextVar[tuple[Store, asyncio.Task[Any] | None] | None] = ContextVar(
    "store_transaction", default=None
)
# Called inside a transaction, before COMMIT, with the ids of the interviews it touched.
BeforeCommit = Callable[["Store", Sequence[int]], Awaitable[None]]


class NotLeading(RuntimeError):
    """A transaction was about to commit in a process that is no longer the leader (on
    PostgreSQL with a standby): it was rolled back, so that two processes never both act."""


class Store:
    """The shared connection and the repositories over it.

    The connection is in autocommit mode: a single statement is its own transaction, so the
    common write (one answer saved) needs no BEGIN and COMMIT around it. Writes go through
    `single()` (one statement) or `transaction()` (several, atomic); both hold a lock so that
    two handlers' writes never interleave inside one SQLite transaction (a transaction may
    await between its statements). On PostgreSQL they hold a connection of their own instead
    (bot/storage/lanes.py): different users' transactions run side by side.
    """

    def __init__(self, db: Connection) -> None:
        self.db = db
        self.lock = asyncio.Lock()
        self.gate = gate = WriteGate()
        self._lanes = db if isinstance(db, Lanes) else None
        self.before_commit: list[BeforeCommit] = []
        # Asked just before every COMMIT: False rolls back (NotLeading). The leader's lock is
        # checked on each update's way in, but an update already running when the lock
        # lapses must not commit either (bot/storage/leader.py; set by the runtime).
        self.may_commit: Callable[[], bool] = lambda: True
        self.after_commit: list[Callable[[], None]] = []
        self.users = Users(db, gate)
        self.interviews = Interviews(db, gate)
        self.interviewers = Interviewers(db, gate)
        self.notes = Notes(db, gate)
        self.social = SocialPages(db, gate)
        self.referees = Referees(db, gate)
        self.reviews = DraftReviews(db, gate)
        self.privacy = Privacy(db, gate)
        self.stats = StatsRepo(db, gate)
        self.reminders = Reminders(db, gate)
        self.conversations = Conversations(db, gate)
        self.outbox = Outbox(db, gate)
        self.adviser = AdviserLinks(db, gate)
        self.edits = Edits(db, gate)

    @asynccontextmanager
    async def single(self) -> AsyncIterator[Store]:
        """One write statement, committed by SQLite as it runs (the gate refuses a second).

        Inside an open `transaction()` of the same task (a handler's update), it joins it."""
        if self._joins():
            yield self
            return
        async with self._exclusive():
            with self.gate.opened("single"):
                yield self

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Store]:
        """Several statements, all or none: BEGIN ... COMMIT (SQLite: BEGIN IMMEDIATE, the
        write lock up front, so a backup or a second process can't make it fail half-way).

        A transaction opened again by the task that holds one joins it: an update is one
        transaction however its handler's helpers group their writes. Before COMMIT, the
        `before_commit` hooks run for the interviews whose facts the writes touched (the
        nudge sync); after it, the `after_commit` hooks (waking the nudge dispatcher)."""
        if self._joins():
            yield self
            return
        async with self._exclusive():
            held = _HELD.set((self, asyncio.current_task()))
            try:
                await self.db.begin()
                try:
                    with self.gate.opened("transaction"):
                        yield self
                        await self._before_commit()
                    if not self.may_commit():
                        raise NotLeading("this process lost the leader's lock: rolled back")
                    await self.db.commit()
                except BaseException:
                    await self.db.rollback()
                    raise
            finally:
                _HELD.reset(held)
        for hook in self.after_commit:
            hook()

    @asynccontextmanager
    async def _exclusive(self) -> AsyncIterator[None]:
        """SQLite: the Store's lock (one writer at a time). PostgreSQL: a connection of the
        task's own (bot/storage/lanes.py), so that other users' transactions run meanwhile."""
        if self._lanes is None:
            async with self.lock:
                yield
        else:
            async with self._lanes.lane():
                yield

    def _joins(self) -> bool:
        held = _HELD.get()
        return held is not None and held[0] is self and held[1] is asyncio.current_task()

    async def _before_commit(self) -> None:
        done: set[int] = set()
        while batch := self.gate.touched - done:  # a hook's own writes may touch more
            done |= batch
            for hook in self.before_commit:
                await hook(self, sorted(batch))

    async def close(self) -> None:
        await self.db.close()
