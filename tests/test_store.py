"""The store's write discipline: autocommit for one statement, BEGIN ... COMMIT for several,
and a gate that refuses writes outside either (they would join another handler's open
transaction on the shared connection)."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.rules.coaching import Step, StepState, plan
from bot.settings import Settings
from bot.storage import Store
from bot.storage.db import connect, open_database
from bot.storage.journey import facts_for, user_facts
from bot.storage.sqlite import Checkpointer
from tests.conftest import make_settings, read_db

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
async def store(settings: Settings) -> AsyncIterator[Store]:
    s = Store(await open_database(settings))
    async with s.single() as tx:
        await tx.users.ensure(7, 7, "Sam")
    yield s
    await s.close()


async def committed(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    """What another connection sees: only committed rows."""
    return await read_db(settings, sql)


SQLITE_FILE = pytest.mark.sqlite_only("SQLite's WAL checkpoints")


async def test_a_write_outside_single_or_transaction_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError, match="outside"):
        await store.users.update(7, tz="Europe/London")
    with pytest.raises(RuntimeError, match="outside"):
        await store.interviews.create(7, company="Acme")
    assert (await store.interviews.all_for(7)) == []


async def test_single_takes_one_statement_and_commits_it_at_once(
    store: Store, settings: Settings
) -> None:
    async with store.single() as tx:
        interview = await tx.interviews.create(7, company="Acme", logged_at=NOW)
        # Committed by the database as it ran: another connection sees it inside the block.
        seen = await committed(settings, "SELECT company FROM interviews")
        assert seen == [("Acme",)]
        with pytest.raises(RuntimeError, match="one statement"):
            await tx.interviews.update(interview.id, role="Analyst")


async def test_transaction_is_all_or_nothing(store: Store, settings: Settings) -> None:
    with pytest.raises(ZeroDivisionError):
        async with store.transaction() as tx:
            interview = await tx.interviews.create(7, company="Acme", logged_at=NOW)
            await tx.interviews.set_step(interview.id, Step.DEBRIEF, StepState.DONE)
            assert await committed(settings, "SELECT id FROM interviews") == []
            _ = 1 / 0
    assert await store.interviews.all_for(7) == []
    assert not store.db.in_transaction
    async with store.transaction() as tx:  # the connection is usable afterwards
        await tx.interviews.create(7, company="Beta", logged_at=NOW)
    assert [i.company for i in await store.interviews.all_for(7)] == ["Beta"]


async def test_update_returns_the_row_as_it_now_stands(store: Store) -> None:
    async with store.single() as tx:
        interview = await tx.interviews.create(7, company="Acme", logged_at=NOW)
    async with store.single() as tx:
        saved = await tx.interviews.update(interview.id, role="Analyst", rating=4)
    assert saved is not None
    assert (saved.company, saved.role, saved.rating) == ("Acme", "Analyst", 4)
    assert saved == await store.interviews.get(interview.id)
    async with store.single() as tx:
        assert await tx.interviews.update(999_999, role="Nobody") is None


async def test_a_new_interview_becomes_the_current_one(store: Store) -> None:
    async with store.single() as tx:
        first = await tx.interviews.create(7, company="Acme", logged_at=NOW)
    user = await store.users.get(7)
    assert user is not None and user.current_interview_id == first.id
    async with store.single() as tx:
        second = await tx.interviews.create(7, company="Beta", logged_at=NOW)
    user = await store.users.get(7)
    assert user is not None and user.current_interview_id == second.id


async def test_user_facts_plan_like_facts_read_one_interview_at_a_time(store: Store) -> None:
    """The nudge sync and /next read a user's facts with one query per table; the plans must
    be those of the per-interview reads."""
    async with store.transaction() as tx:
        first = await tx.interviews.create(
            7, company="Acme", held_at=NOW - timedelta(days=9), logged_at=NOW
        )
        second = await tx.interviews.create(
            7, company="Beta", held_at=NOW - timedelta(hours=2), logged_at=NOW
        )
        closed = await tx.interviews.create(7, company="Gone", logged_at=NOW)
        await tx.interviews.update(closed.id, status="closed")
        await tx.interviews.update(first.id, reply_by=(NOW - timedelta(days=2)).date())
        await tx.interviews.set_step(first.id, Step.DEBRIEF, StepState.DONE)
        await tx.interviews.set_step(first.id, Step.THANKS, StepState.DONE)
        await tx.interviews.add_followup(first.id, NOW - timedelta(days=1))
        await tx.referees.add(7, "Ana", permission=False)
    user = await store.users.get(7)
    assert user is not None
    known = await user_facts(store, user, also=closed.id)
    assert [i.id for i in known.interviews] == [first.id, second.id, closed.id]
    plans = known.plans(NOW)
    assert [p.interview.id for p in plans] == [first.id, second.id]  # active ones only
    for p in plans:
        one_by_one = plan(await facts_for(store, user, p.interview), NOW)
        assert p.steps == one_by_one
    assert known.facts(known.interviews[0]).followups_sent == [NOW - timedelta(days=1)]


@SQLITE_FILE
async def test_checkpoints_are_left_out_of_commits_and_run_in_the_background(
    tmp_path: Path,
) -> None:
    """Statements run on the loop's thread, so the one slow part of a commit, copying the WAL
    into the database file (with an fsync), must not happen inside them: a Checkpointer does
    it in a worker thread, and stops with the connection."""
    path = tmp_path / "wal.sqlite3"
    db = await connect(path)
    assert db.checkpointer is not None
    assert (await db.execute_fetchall("PRAGMA wal_autocheckpoint"))[0][0] == 0
    await db.execute("CREATE TABLE blobs (b BLOB)")
    before = path.stat().st_size
    for _ in range(3):  # well over SQLite's automatic threshold of 1,000 pages
        await db.execute("INSERT INTO blobs VALUES (zeroblob(2000000))")
    assert path.stat().st_size == before  # every commit stayed in the WAL

    background = Checkpointer(path, interval=0.01)
    background.start()
    for _ in range(500):
        if background.runs:
            break
        await asyncio.sleep(0.01)
    await background.stop()
    assert background.runs >= 1
    assert path.stat().st_size > before + 5_000_000  # the pages are in the database file
    with contextlib.closing(sqlite3.connect(path)) as other:
        assert other.execute("SELECT count(*) FROM blobs").fetchall() == [(3,)]

    task = db.checkpointer._task
    await db.close()
    assert task is not None and task.cancelled()
    assert db.checkpointer._task is None


@SQLITE_FILE
async def test_a_failing_checkpoint_is_logged_and_tried_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    checkpointer = Checkpointer(tmp_path / "missing" / "x.sqlite3")  # cannot be opened
    await checkpointer.run()
    await checkpointer.run()
    assert checkpointer.runs == 0
    assert caplog.text.count("WAL checkpoint failed") == 2
    await checkpointer.stop()


@SQLITE_FILE
async def test_stopping_waits_for_a_checkpoint_still_running_in_its_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "slow.sqlite3"
    db = await connect(path)
    await db.close()
    checkpointer = Checkpointer(path)
    real, finished = checkpointer._checkpoint, []

    def slow() -> None:
        time.sleep(0.2)
        real()
        finished.append(True)

    monkeypatch.setattr(checkpointer, "_checkpoint", slow)
    running = asyncio.get_running_loop().create_task(checkpointer.run())
    await asyncio.sleep(0.05)  # the checkpoint is under way in its thread
    running.cancel()
    await checkpointer.stop()
    assert finished == [True]  # its connection was closed only after it was done
    assert checkpointer._raw is None
