"""The Store: the one shared connection, its repositories, and the transaction they run in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.storage.base import WriteGate
from bot.storage.core import Interviewers, Interviews, Notes, Referees, SocialPages, Users
from bot.storage.privacy import Privacy
from bot.storage.ptb import PtbRows
from bot.storage.reminders import Reminders
from bot.storage.reviews import DraftReviews
from bot.storage.sqlite import Connection
from bot.storage.stats import StatsRepo


class Store:
    """The shared connection and the repositories over it.

    The connection is in autocommit mode: a single statement is its own transaction, so the
    common write (one answer saved) needs no BEGIN and COMMIT around it. Writes go through
    `single()` (one statement) or `transaction()` (several, atomic); both hold a lock so that
    two handlers' writes never interleave inside one SQLite transaction (a transaction may
    await between its statements).
    """

    def __init__(self, db: Connection) -> None:
        self.db = db
        self.lock = asyncio.Lock()
        self.gate = gate = WriteGate()
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
        self.ptb = PtbRows(db, gate)

    @asynccontextmanager
    async def single(self) -> AsyncIterator[Store]:
        """One write statement, committed by SQLite as it runs (the gate refuses a second)."""
        async with self.lock:
            with self.gate.opened("single"):
                yield self

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Store]:
        """Several statements, all or none: BEGIN IMMEDIATE (the write lock up front, so a
        backup or a second process can't make it fail half-way) ... COMMIT."""
        async with self.lock:
            await self.db.execute_fetchall("BEGIN IMMEDIATE")
            try:
                with self.gate.opened("transaction"):
                    yield self
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise

    async def close(self) -> None:
        await self.db.close()
