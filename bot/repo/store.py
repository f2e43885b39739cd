"""The Store: the one shared connection, its repositories, and the transaction they run in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import aiosqlite

from bot.repo.core import Interviewers, Interviews, Notes, Referees, SocialPages, Users
from bot.repo.privacy import Privacy
from bot.repo.ptb import PtbRows
from bot.repo.reminders import Reminders
from bot.repo.reviews import DraftReviews
from bot.repo.stats import StatsRepo


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
        self.reviews = DraftReviews(db)
        self.privacy = Privacy(db)
        self.stats = StatsRepo(db)
        self.reminders = Reminders(db)
        self.ptb = PtbRows(db)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Store]:
        async with self.lock:
            try:
                yield self
            except BaseException:
                await self.db.rollback()
                raise
            await self.db.commit()

    async def script(self, statements: Sequence[str]) -> None:
        """Run statements as one transaction in a single round trip to the database thread.

        For batches of writes whose values are known up front (PTB persistence): values must
        be inlined with `sql_literal`, as executescript takes no parameters.
        """
        if not statements:
            return
        async with self.lock:
            try:
                await self.db.executescript("BEGIN;\n" + ";\n".join(statements) + ";\nCOMMIT;")
            except BaseException:
                # A failing statement leaves the script's transaction open.
                await self.db.rollback()
                raise

    async def close(self) -> None:
        await self.db.close()
