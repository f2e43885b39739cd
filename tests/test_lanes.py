"""Transactions side by side on PostgreSQL (bot/storage/lanes.py): two users' transactions run
at once; the write gate belongs to the task that opened it; the nudge sync of one user waits
for another transaction syncing the same user, then sees its rows."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.rules.coaching import Step, StepState
from bot.storage import Store
from bot.storage.db import open_database
from bot.storage.lanes import LANES, Lanes
from bot.storage.sync import sync_interview
from tests.conftest import make_settings

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A Store as the bot opens it, on the backend under test."""
    s = Store(await open_database(make_settings(tmp_path)))
    async with s.transaction() as tx:
        for user_id in (7, 8):
            await tx.users.ensure(user_id, user_id, "Sam")
    yield s
    await s.close()


def postgres_only(store: Store) -> None:
    if not isinstance(store.db, Lanes):
        pytest.skip("SQLite: one writer at a time (run the suite with --database-url)")


async def test_two_users_transactions_run_side_by_side(store: Store) -> None:
    postgres_only(store)
    inside, release = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with store.transaction() as tx:
            await tx.users.update(7, tz="Europe/London")
            inside.set()
            await release.wait()

    held = asyncio.create_task(first())
    await inside.wait()
    # With one connection and one lock this would wait for `first` to commit: forever.
    async with asyncio.timeout(5), store.transaction() as tx:
        await tx.users.update(8, tz="Europe/Paris")
    user = await store.users.get(7)
    assert user is not None and user.tz is None  # the first is still open, not committed
    release.set()
    await held
    user = await store.users.get(7)
    assert user is not None and user.tz == "Europe/London"


async def test_the_write_gate_is_the_opening_tasks(store: Store) -> None:
    """Another task's write while a transaction is open is refused, not slipped into it."""
    inside, release = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with store.transaction() as tx:
            await tx.users.update(7, tz="Europe/London")
            inside.set()
            await release.wait()

    held = asyncio.create_task(first())
    await inside.wait()
    try:
        with pytest.raises(RuntimeError, match="outside"):
            await store.users.update(8, tz="Europe/Paris")
    finally:
        release.set()
        await held


async def test_one_users_nudge_sync_waits_for_the_other_transaction(store: Store) -> None:
    postgres_only(store)
    async with store.transaction() as tx:
        interview = await tx.interviews.create(
            7, company="Acme", held_at=NOW - timedelta(hours=3), logged_at=NOW
        )
        await tx.interviews.set_step(interview.id, Step.DEBRIEF, StepState.DONE)
    assert await store.reminders.of_user(7) == []  # this Store syncs only when asked
    synced, release = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with store.transaction() as tx:
            await sync_interview(tx, interview.id, NOW)
            synced.set()
            await release.wait()

    held = asyncio.create_task(first())
    await synced.wait()

    async def second() -> None:
        async with store.transaction() as tx:
            await sync_interview(tx, interview.id, NOW)

    other = asyncio.create_task(second())
    await asyncio.sleep(0.3)
    assert not other.done()  # waiting for the user's row
    release.set()
    await held
    await other
    live = [r for r in await store.reminders.of_user(7) if r.state in ("pending", "paused")]
    slots = [r.slot for r in live]
    assert live and len(slots) == len(set(slots)), slots  # the second added nothing twice


async def test_lanes_open_as_transactions_need_them(store: Store) -> None:
    """One transaction at a time uses one lane; as many at once as LANES allows open more,
    never beyond it (each is a server connection)."""
    postgres_only(store)
    assert isinstance(store.db, Lanes)
    lanes = store.db
    for _ in range(3):
        async with store.transaction() as tx:
            await tx.users.get(7)
    assert len(lanes.every) == 2  # the main connection and one lane
    release = asyncio.Event()

    async def hold(user_id: int) -> None:
        async with store.transaction() as tx:
            await tx.users.get(user_id)
            await release.wait()

    held = [asyncio.create_task(hold(7 if n % 2 else 8)) for n in range(LANES + 2)]
    await asyncio.sleep(0.5)
    assert len(lanes.every) == 1 + LANES
    release.set()
    await asyncio.gather(*held)
    assert len(lanes.every) == 1 + LANES
