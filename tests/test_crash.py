"""The bot as a process, killed with SIGKILL in the middle of sending 500 due nudges, then
started again: every nudge arrives, and at most the one in flight arrives twice per kill.

The nudges are seeded through the bot's own repository and sync into a fresh database: 500
users, each with an interview that ended two and a half hours ago, so each has exactly one
nudge due (the notes, at two hours). The fake Bot API runs over loopback HTTP and answers a
little slowly, so that a kill lands mid-dispatch.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
from collections import Counter
from datetime import datetime
from pathlib import Path

from bot.settings import Settings
from bot.storage import Store
from bot.storage.db import open_database
from bot.storage.reminders import State
from tests.conftest import TOKEN, database_env, make_settings
from tests.fakeapi import FakeTelegram
from tests.fakeserver import FakeBotServer
from tests.process import bot_env, start_bot, wait_for
from tests.seeding import seed_due_nudges

USERS = 500
FIRST_USER = 500_000


async def seed(settings: Settings, users: int) -> datetime:
    """Users with one due nudge each, written by the bot's own code; returns the time now."""
    store = Store(await open_database(settings))
    try:
        return await seed_due_nudges(store, users, FIRST_USER)
    finally:
        await store.close()


async def states(settings: Settings) -> Counter[State]:
    store = Store(await open_database(settings))
    try:
        counts: Counter[State] = Counter()
        for state in State:
            counts[state] = await store.reminders.count(state)
        return counts
    finally:
        await store.close()


def tuned(server: FakeBotServer) -> FakeBotServer:
    """The fake server as a real one behaves: each small reply goes out at once (with Nagle's
    algorithm on, its two writes per reply meet the client's delayed ACK and every request
    takes 40 ms), and a client hanging up mid-request (a killed bot) is no error to print.
    The handler class is this server's own, so nothing else changes."""
    server.httpd.RequestHandlerClass.disable_nagle_algorithm = True  # type: ignore[attr-defined]
    server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    return server


def delivered(fake: FakeTelegram) -> Counter[int]:
    """Messages the fake accepted, per chat."""
    with fake.lock:
        return Counter(sent.chat_id for sent in fake.outbox)


def test_sigkill_mid_dispatch_loses_nothing(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    asyncio.run(seed(settings, USERS))
    before = asyncio.run(states(settings))
    fake = FakeTelegram()
    fake.delay = 0.002  # a few milliseconds per answer: the kill lands mid-dispatch
    with tuned(FakeBotServer(fake, TOKEN)) as server:
        env = bot_env(
            TOKEN,
            server.base_url,
            settings.database_path,
            RATE_LIMIT_PER_SECOND="0",
            LOG_LEVEL="WARNING",
            **database_env(settings),
        )
        kills = 0
        for threshold in (135, 310):  # mid-batch: the dispatcher claims 30 users at a time
            proc = start_bot(env)
            assert wait_for(lambda t=threshold: sum(delivered(fake).values()) >= t, 30), proc.stderr
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            kills += 1
            assert sum(delivered(fake).values()) < USERS, "killed before the end"
        proc = start_bot(env)
        try:
            assert wait_for(lambda: len(delivered(fake)) >= USERS, 40)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                _, err = proc.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
        assert proc.returncode == 0, err
    counts = delivered(fake)
    assert set(counts) == {FIRST_USER + n for n in range(USERS)}  # every nudge delivered
    twice = sum(c - 1 for c in counts.values())
    assert twice <= kills, f"{twice} duplicates after {kills} kills"
    # A kill between writing a request's headers and its body leaves the fake a request
    # without a text, which it refuses; nothing else may be refused.
    assert all(u.endswith("message text is empty") for u in fake.unexpected), fake.unexpected
    assert len(fake.unexpected) <= kills
    after = asyncio.run(states(settings))
    assert after[State.SENT] == before[State.SENT] + USERS
    assert after[State.SENDING] == 0
    assert "Notes" in fake.sent_to(FIRST_USER)[0].text
