"""Many users at once, each user's updates strictly in order.

PTB either handles updates one after another (every reply then waits for the previous one's
round trip to Telegram) or, with `concurrent_updates`, all at once, which lets two updates of
one user race through a conversation. `PerUserProcessor` does both: updates of different users
run concurrently up to a bound, and one user's updates run one after another in arrival order.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Hashable
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor
from telegram.ext._utils.asyncio import TrackedBoundedSemaphore

# Updates with neither a user nor a chat (polls, for instance) share one line.
SHARED: tuple[str] = ("shared",)
# How many updates may be admitted (running or waiting for their turn) at once. PTB takes its
# own semaphore *before* `do_process_update`, so if it carried our bound, one user's burst of
# messages would fill every slot with updates that only wait for their own turn, and nobody
# else would be served. Waiting is cheap (PTB has already made a task per update anyway), so
# PTB's semaphore gets a cap far above the bound and the bound is taken when it's an update's
# turn in its user's line.
ADMITTED_PER_SLOT = 256


def update_key(update: object) -> Hashable:
    """Whose line an update joins: its user, else its chat, else the shared line."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
    return SHARED


class _Line:
    """One key's queue: a FIFO lock and how many updates hold or wait for it."""

    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()  # asyncio's Lock wakes waiters first come, first served
        self.users = 0


class _Slots:
    """A first-come, first-served semaphore whose acquire and release cost the same however
    many wait. asyncio.Semaphore.acquire (3.11) scans every waiter on each call: with a
    burst of thousands of updates queued for 64 slots, that scan took a sixth of the bot's
    CPU (measured with bench/updates.py)."""

    def __init__(self, free: int) -> None:
        self._free = free
        self._waiters: deque[asyncio.Future[None]] = deque()

    async def acquire(self) -> None:
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            # Handed a slot just as we were cancelled: pass it on. (A waiter cancelled
            # before that stays in the deque; `release` skips it.)
            if waiter.done() and not waiter.cancelled():
                self.release()
            raise

    def release(self) -> None:
        """Hand the slot straight to the longest waiter, or free it."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._free += 1


class PerUserProcessor(BaseUpdateProcessor):
    """Different users' updates concurrently (at most `max_concurrent_updates` running),
    one user's updates one after another, in the order they arrived."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._semaphore = TrackedBoundedSemaphore(max_concurrent_updates * ADMITTED_PER_SLOT)
        self._slots = _Slots(max_concurrent_updates)
        self._lines: dict[Hashable, _Line] = {}
        self._running = 0

    @property
    def current_concurrent_updates(self) -> int:
        """How many updates are being handled right now (not counting those waiting)."""
        return self._running

    @property
    def waiting_keys(self) -> int:
        """How many users have an update running or queued (idle users are forgotten)."""
        return len(self._lines)

    @asynccontextmanager
    async def turn(self, key: Hashable) -> AsyncIterator[None]:
        """Wait for `key`'s earlier work and for a free slot, then hold both.

        Updates go through here; a job that changes a user's conversation state may too, so
        that it never interleaves with that user's updates.
        """
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = _Line()
        # Joining the line happens before the first await, so the order of the calls is the
        # order of service.
        line.users += 1
        try:
            async with line.lock:
                await self._slots.acquire()
                self._running += 1
                try:
                    yield
                finally:
                    self._running -= 1
                    self._slots.release()
        finally:
            line.users -= 1
            if line.users == 0:
                # Nobody holds or waits for this line: forget the user, so memory stays
                # proportional to the users active right now, not to all users ever seen.
                del self._lines[key]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        started = False
        try:
            async with self.turn(update_key(update)):
                started = True
                await coroutine
        finally:
            if not started and inspect.iscoroutine(coroutine):
                # Cancelled while waiting (shutdown): close it, so that Python does not warn
                # that it was never awaited.
                coroutine.close()

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
