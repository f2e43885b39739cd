"""The advisory-lock leader election against a real PostgreSQL: one process leads, the other
waits; when the leader's session is killed the standby takes over within 5 s, and the old
leader notices and stops before the new one starts."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable

import asyncpg
import pytest

from bot.storage import leader as leader_module
from bot.storage.leader import Leader
from bot.storage.leadership import AlwaysLeader

KEY = 0x7E57  # not the bot's own key: a bot running on the same server is left alone


@pytest.fixture
async def pg_url(request: pytest.FixtureRequest) -> str:
    """The test PostgreSQL (`--database-url`); skip without one."""
    url = request.config.getoption("--database-url", None)
    if not url or not str(url).startswith(("postgresql://", "postgres://")):
        pytest.skip("no PostgreSQL: give --database-url=postgresql://...")
    try:
        conn = await asyncpg.connect(str(url), timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL at the test URL is out of reach: {exc}")
    await conn.close()
    return str(url)


async def _backend_pids(url: str) -> list[int]:
    """The server processes holding the test key's lock."""
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND ((classid::bigint << 32) | objid::bigint) = $1",
            KEY,
        )
        return [int(r["pid"]) for r in rows]
    finally:
        await conn.close()


async def _terminate(url: str, pid: int) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.fetchval("SELECT pg_terminate_backend($1)", pid)
    finally:
        await conn.close()


async def _until(condition: Callable[[], bool], limit: float) -> float:
    """Wait until `condition()` holds; the seconds it took (fails the test past `limit`)."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < limit, "timed out"
        await asyncio.sleep(0.02)
    return time.monotonic() - start


async def test_sqlite_is_always_the_leader() -> None:
    leader = AlwaysLeader()
    await leader.acquire()
    assert leader.leading and leader.role == "leader" and not leader.lost


async def test_one_leads_the_other_waits_then_takes_over(pg_url: str) -> None:
    lost: list[str] = []
    first = Leader(pg_url, key=KEY, on_lost=lambda: lost.append("first"))
    second = Leader(pg_url, key=KEY, on_lost=lambda: lost.append("second"))
    try:
        await asyncio.wait_for(first.acquire(), 10)
        assert first.leading and first.role == "leader"
        waiting = asyncio.create_task(second.acquire())
        await asyncio.sleep(2.0)  # several tries of the standby
        assert not waiting.done() and second.role == "standby" and first.leading
        (pid,) = await _backend_pids(pg_url)
        killed = time.monotonic()
        await _terminate(pg_url, pid)
        # The old leader stops before the standby starts, and the standby within 5 s.
        stopped = await _until(lambda: not first.leading, 5)
        await asyncio.wait_for(waiting, 5)
        took_over = time.monotonic() - killed
        assert second.leading and not first.leading
        assert stopped < took_over < 5.0, (stopped, took_over)
        assert first.lost and lost == ["first"]
        print(f"old leader stopped after {stopped:.2f} s, the standby led after {took_over:.2f} s")
    finally:
        await first.release()
        await second.release()


async def test_the_leader_goes_back_to_standby_and_can_lead_again(pg_url: str) -> None:
    leader = Leader(pg_url, key=KEY)
    try:
        await asyncio.wait_for(leader.acquire(), 10)
        # A leader cut off from the server loses its session (and the lock) 5 s after its last
        # ping, whatever TCP does.
        assert await leader._conn.fetchval("SHOW idle_session_timeout") == "5s"
        (pid,) = await _backend_pids(pg_url)
        await _terminate(pg_url, pid)
        await _until(lambda: leader.lost, 3)
        assert leader.role == "standby"
        await asyncio.wait_for(leader.acquire(), 6)  # nobody else wants it: leads again
        assert leader.leading and not leader.lost
    finally:
        await leader.release()
    assert await _backend_pids(pg_url) == []  # release frees the lock


async def test_a_frozen_leader_stops_leading_on_its_own(pg_url: str) -> None:
    """Its pings stop (here: the watch task is cancelled, as if the loop stalled): `leading`
    turns false within `valid_for`, before a standby's grace is over."""
    leader = Leader(pg_url, key=KEY)
    try:
        await asyncio.wait_for(leader.acquire(), 10)
        assert leader._monitor is not None
        leader._monitor.cancel()
        lapsed = await _until(lambda: not leader.leading, 3)
        assert lapsed <= leader.valid_for + 0.1 < leader.grace
    finally:
        await leader.release()


async def test_an_unreachable_database_keeps_a_standby_waiting() -> None:
    waits: list[int] = []
    leader = Leader(
        "postgresql://nobody@127.0.0.1:9/none", key=KEY, retry=0.05, on_wait=lambda: waits.append(1)
    )
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(leader.acquire(), 1.0)
    assert len(waits) >= 2 and leader.role == "standby"
    await leader.release()


async def test_a_server_without_idle_session_timeout_still_elects(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL before 14 refuses the setting at connection: keepalives only, and it leads."""
    monkeypatch.setattr(leader_module, "IDLE_SETTING", "idle_session_timeout_of_the_future")
    leader = Leader(pg_url, key=KEY)
    try:
        await asyncio.wait_for(leader.acquire(), 10)
        assert leader.leading
        assert "keepalives only" in caplog.text
    finally:
        await leader.release()


def test_timings_that_could_overlap_are_refused() -> None:
    with pytest.raises(ValueError):
        Leader("postgresql://x/y", valid_for=2.0, grace=2.0)
    with pytest.raises(ValueError):
        Leader("postgresql://x/y", check_interval=1.0, check_timeout=1.5, valid_for=2.0)
