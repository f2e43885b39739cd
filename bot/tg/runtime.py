"""What every handler reaches through its context: settings, the store, the clock.

The clock is injectable so that tests control time without sleeping; everything that asks
"what time is it?" goes through `Runtime.now()`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Protocol

from bot.settings import Settings
from bot.storage import Store
from bot.storage.db import open_database
from bot.storage.leadership import AlwaysLeader, Leadership

Clock = Callable[[], datetime]
FactsListener = Callable[[Store, int], Awaitable[None]]


class NudgeDispatcher(Protocol):
    """What the application and the steps ask of the nudge dispatcher (bot/tg/dispatcher.py).

    Typed here rather than imported: the dispatcher reaches the store through the runtime, so
    the runtime must not depend on it."""

    async def recover(self) -> int:
        """At start-up: put the nudges a crash left claimed back to pending; how many."""
        ...

    async def start(self) -> None:
        """Once the JobQueue runs: sleep until the earliest due nudge."""
        ...

    def stop(self) -> None:
        """Before the JobQueue stops: finish the message in flight, leave the rest pending."""
        ...

    def wake(self, due: datetime) -> None:
        """A nudge is due at `due` (aware, any zone): be awake by then."""
        ...

    async def user_returned(self, user_id: int) -> None:
        """The user wrote: resume their nudges if Telegram had said they blocked the bot."""
        ...


def system_clock() -> datetime:
    return datetime.now(UTC)


class Runtime:
    def __init__(self, settings: Settings, clock: Clock = system_clock) -> None:
        self.settings = settings
        self.clock = clock
        self._store: Store | None = None
        # Called inside a transaction, before it commits, for each interview whose facts
        # its writes changed (the nudge engine listens here to bring its reminders in line).
        self.facts_listeners: list[FactsListener] = []
        # The nudge dispatcher (bot/tg/dispatcher.py), set when the handlers are registered.
        self.dispatcher: NudgeDispatcher | None = None
        # Run once the store is open and the bot initialised, before updates are taken: the
        # work a crash left undone (e.g. clients' messages to pass on to the advisers).
        self.start_up: list[Callable[[], Awaitable[None]]] = []
        # Whether this process may act (poll, dispatch, re-send): on PostgreSQL, the leader
        # election (bot/storage/leader.py) set by the entry point; on SQLite, always.
        self.leader: Leadership = AlwaysLeader()

    def now(self) -> datetime:
        return self.clock()

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store is opened by Application.initialize()")
        return self._store

    async def open(self) -> None:
        if self._store is None:
            store = Store(await open_database(self.settings))
            store.before_commit.append(self._facts_changed)
            store.may_commit = lambda: self.leader.leading  # the leader as it is at COMMIT
            self._store = store

    async def close(self) -> None:
        if self._store is not None:
            await self._store.close()
            self._store = None

    async def _facts_changed(self, tx: Store, interview_ids: Sequence[int]) -> None:
        for interview_id in interview_ids:
            for listener in self.facts_listeners:
                await listener(tx, interview_id)
