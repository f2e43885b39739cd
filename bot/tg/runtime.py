"""What every handler reaches through its context: settings, the store, the clock.

The clock is injectable so that tests control time without sleeping; everything that asks
"what time is it?" goes through `Runtime.now()`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.settings import Settings
from bot.storage import Store
from bot.storage.db import connect

if TYPE_CHECKING:
    from bot.tg.dispatcher import Dispatcher

Clock = Callable[[], datetime]
FactsListener = Callable[[Store, int], Awaitable[None]]


def system_clock() -> datetime:
    return datetime.now(UTC)


class Runtime:
    def __init__(self, settings: Settings, clock: Clock = system_clock) -> None:
        self.settings = settings
        self.clock = clock
        self._store: Store | None = None
        # Users whose row we've upserted since start-up; saves a write per update.
        self.known_users: set[int] = set()
        # Ids of updates in processing that a conversation's entry point took; the
        # last-resort replies stay quiet for them (see conversations.common.handled).
        self.handled_updates: set[int] = set()
        # Called inside the caller's transaction whenever an interview's facts change
        # (the nudge engine listens here to bring its reminders in line).
        self.facts_listeners: list[FactsListener] = []
        # The nudge dispatcher (bot/reminders), set when the handlers are registered.
        self.dispatcher: Dispatcher | None = None

    def now(self) -> datetime:
        return self.clock()

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store is opened by Application.initialize()")
        return self._store

    async def open(self) -> None:
        if self._store is None:
            self._store = Store(await connect(self.settings.database_path))

    async def close(self) -> None:
        if self._store is not None:
            await self._store.close()
            self._store = None

    async def facts_changed(self, tx: Store, interview_id: int) -> None:
        for listener in self.facts_listeners:
            await listener(tx, interview_id)
