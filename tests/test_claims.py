"""Nudge claims with an owner and a lease (issue 16): who claimed a row, until when, what a
new leader takes back, and that a process that isn't the leader claims and sends nothing."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import AfterviewApplication
from bot.storage import Store
from bot.storage.db import open_database
from bot.storage.lanes import Lanes
from bot.storage.reminders import Reminder, State
from bot.tg.dispatcher import LEASE
from tests.chat import Chat
from tests.conftest import Clock, make_settings
from tests.fakeapi import FakeTelegram
from tests.journeys import debriefed, dispatcher, rows, run, utc
from tests.seeding import seed_due_nudges


class Standby:
    """A leader election this process can be made to win or lose by hand."""

    def __init__(self, owner: str = "other-host:42:cafe", leading: bool = False) -> None:
        self.owner = owner
        self.leading = leading
        self.role = "leader" if leading else "standby"
        self.lost = False

    async def acquire(self) -> None:
        self.leading, self.role = True, "leader"

    async def release(self) -> None:
        self.leading = False


async def test_a_claim_names_its_owner_and_holds_a_lease(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await debriefed(chat)
    clock.set(utc(2026, 11, 23, 16))
    await dispatcher(app)._claim(clock.now)
    (claimed,) = [r for r in await rows(app, chat.user_id) if r.state is State.SENDING]
    assert claimed.claimed_by == app.runtime.leader.owner
    assert claimed.lease_until == clock.now + LEASE
    # Still within the lease: nobody sends it again.
    clock.advance(seconds=59)
    assert (await run(app, clock)).nudges == 0
    # Past it: the owner is presumed gone, and the row is claimed and sent again.
    clock.advance(seconds=1)
    report = await run(app, clock)
    assert report.nudges == 1
    (sent,) = [r for r in await rows(app, chat.user_id) if r.slot == "notes"]
    assert sent.state is State.SENT and sent.lease_until is None and sent.attempts == 2


async def test_a_new_leader_takes_back_every_other_owners_claims_but_not_its_own(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await debriefed(chat)
    clock.set(utc(2026, 11, 23, 17))  # notes and thank-you notes both due
    own = app.runtime.leader.owner
    async with app.runtime.store.transaction() as tx:
        await tx.reminders.claim([chat.user_id], clock.now, "old-leader:1:dead", clock.now)
    async with app.runtime.store.single() as tx:
        assert await tx.reminders.recover(clock.now, own) == 2
    async with app.runtime.store.transaction() as tx:
        await tx.reminders.claim([chat.user_id], clock.now, own, clock.now + LEASE)
    async with app.runtime.store.single() as tx:
        assert await tx.reminders.recover(clock.now, own) == 0
    states = {r.slot: r.state for r in await rows(app, chat.user_id)}
    assert states["notes"] is states["thanks"] is State.SENDING


async def test_a_standby_neither_claims_nor_sends(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram, clock: Clock
) -> None:
    await debriefed(chat)
    standby = Standby()
    app.runtime.leader = standby
    clock.set(utc(2026, 11, 23, 17))
    before = len(fake.sent_to(chat.user_id))
    assert (await run(app, clock)).nudges == 0
    assert len(fake.sent_to(chat.user_id)) == before
    assert not [r for r in await rows(app, chat.user_id) if r.state is State.SENDING]
    await standby.acquire()
    assert (await run(app, clock)).messages == 1  # both nudges, in one message
    assert len(fake.sent_to(chat.user_id)) == before + 1


async def test_a_leader_that_loses_its_lock_mid_batch_sends_no_more(
    app: AfterviewApplication, fake: FakeTelegram, clock: Clock
) -> None:
    """The rest of the batch it claimed goes back to pending (the attempt refunded), for the
    next leader; nothing more goes out."""
    chats = [Chat(app, fake, user_id=900_001 + n) for n in range(3)]
    for chat in chats:
        await debriefed(chat)
    leader = Standby(leading=True)
    app.runtime.leader = leader
    delivery = dispatcher(app).delivery
    send = delivery.send

    async def send_then_lose(*args: Any) -> None:
        await send(*args)
        leader.leading = False  # e.g. the lock's session was killed while this one went out

    delivery.send = send_then_lose  # type: ignore[method-assign,assignment]
    clock.set(utc(2026, 11, 23, 16))
    assert (await run(app, clock)).messages == 1
    states = [[r.state for r in await rows(app, c.user_id) if r.slot == "notes"] for c in chats]
    assert sorted(states) == [[State.PENDING], [State.PENDING], [State.SENT]]
    for chat in chats:
        for row in await rows(app, chat.user_id):
            assert row.state is not State.SENDING and row.attempts <= 1


async def test_a_claim_skips_rows_another_claim_holds_without_waiting(tmp_path: Path) -> None:
    """PostgreSQL: while one transaction holds its claim (not yet committed), a second claim
    for the same and other users takes only the rows nobody holds, at once (SKIP LOCKED):
    two dispatchers never wait on each other or take the same row."""
    store = Store(await open_database(make_settings(tmp_path)))
    try:
        if not isinstance(store.db, Lanes):
            pytest.skip("SQLite: one writer at a time (run the suite with --database-url)")
        now = await seed_due_nudges(store, 2, 900)
        later = now + timedelta(minutes=1)
        holding, release = asyncio.Event(), asyncio.Event()

        async def first() -> list[Reminder]:
            async with store.transaction() as tx:
                found = await tx.reminders.claim([900], now, "first:1:a", later)
                holding.set()
                await release.wait()
                return found

        held = asyncio.create_task(first())
        await holding.wait()
        async with store.transaction() as tx:
            second = await asyncio.wait_for(
                tx.reminders.claim([900, 901], now, "second:2:b", later), timeout=3
            )
        release.set()
        assert [r.user_id for r in await held] == [900]
        assert [r.user_id for r in second] == [901]
    finally:
        await store.close()
