"""The Store: the one shared connection, its repositories, and the transaction they run in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiosqlite

from bot.repo.core import Interviewers, Interviews, Notes, Referees, SocialPages, Users


class Store:
    """The shared connection and the repositories over it.

    One connection serves the whole bot; `transaction()` holds a lock so that two handlers'
    writes never interleave inside one SQLite transaction.
    """

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db
        self.lock = asyncio.Lock()
        self.users = Users(db)
        self.interviews = Interviews(db)
        self.interviewers = Interviewers(db)
        self.notes = Notes(db)
        self.social = SocialPages(db)
        self.referees = Referees(db)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Store]:
        async with self.lock:
            try:
                yield self
            except BaseException:
                await self.db.rollback()
                raise
            await self.db.commit()

    async def close(self) -> None:
        await self.db.close()
