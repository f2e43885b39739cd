"""The advisory-lock leader election against a real PostgreSQL: one process leads, the other
waits; when the leader's session is killed the standby takes over within 5 s, and the old
leader notices and stops before the new one starts. A first start, or a start after a clean
stop, leads at once; a takeover waits until the old leader's recorded validity has passed."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import asyncpg
import pytest

from bot.storage import leader as leader_module
from bot.storage.db import open_database
from bot.storage.leader import Leader
from bot.storage.leadership import AlwaysLeader
from tests.conftest import make_settings

KEY = 0x7E57  # not the bot's own key: a bot running on the same server is left alone


@pytest.fixture
async def pg_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test's migrated PostgreSQL schema (from `--database-url`: the election's table is
    the bot's, made by its migrations); skip without one."""
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
    settings = make_settings(tmp_path)
    assert settings.postgres_url is not None
    await (await open_database(settings)).close()
    return settings.postgres_url


async def _fetchval(url: str, sql: str, *args: object) -> object:
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


async def _recorded(url: str) -> int | None:
    """The test key's recorded validity (ms since 1970, the server's clock), if any."""
    found = await _fetchval(url, "SELECT valid_until FROM leader_lease WHERE lock_key = $1", KEY)
    return None if found is None else int(str(found))


async def _server_ms(url: str) -> int:
    return int(str(await _fetchval(url, "SELECT (extract(epoch FROM now()) * 1000)::bigint")))


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


async def _timed_acquire(leader: Leader) -> float:
    began = time.monotonic()
    await asyncio.wait_for(leader.acquire(), 10)
    return time.monotonic() - began


async def test_a_first_start_and_a_start_after_a_clean_stop_lead_at_once(pg_url: str) -> None:
    """No leader has recorded a validity: nobody can still be acting, no wait (the old grace
    was 2.5 s on every start)."""
    first = Leader(pg_url, key=KEY)
    try:
        took = await _timed_acquire(first)
        assert first.leading and first.waited == 0 and took < 1.0, took
        assert await _recorded(pg_url) is not None  # its pings record how long it may act
    finally:
        await first.release()
    assert await _recorded(pg_url) is None  # a clean stop deletes it
    second = Leader(pg_url, key=KEY)
    try:
        took_again = await _timed_acquire(second)
        assert second.leading and second.waited == 0 and took_again < 1.0, took_again
    finally:
        await second.release()
    print(f"first start led after {took:.3f} s, after a clean stop {took_again:.3f} s")


async def test_a_takeover_waits_until_the_old_leaders_validity_has_passed(pg_url: str) -> None:
    first = Leader(pg_url, key=KEY)
    second = Leader(pg_url, key=KEY, retry=0.05)  # tries at once after the kill
    try:
        await asyncio.wait_for(first.acquire(), 10)
        waiting = asyncio.create_task(second.acquire())
        await asyncio.sleep(1.2)  # a few pings recorded
        (pid,) = await _backend_pids(pg_url)
        killed = time.monotonic()
        assert await _fetchval(pg_url, "SELECT pg_terminate_backend($1, 5000)", pid)
        final = await _recorded(pg_url)  # the session is gone: its last write
        assert final is not None
        await asyncio.wait_for(waiting, 5)
        led = time.monotonic()
        took_over = led - killed
        # The server's clock has passed the old leader's recorded validity, and its own
        # (on its clock, whatever its loop did) had lapsed by the 0.5 s margin: it stopped first.
        assert await _server_ms(pg_url) >= final
        assert led - first._valid_until > 0.4, led - first._valid_until
        assert first.lost and not first.leading and second.leading
        assert second.waited is not None and 0 < second.waited <= second.grace
        assert took_over < second.grace + 1.0, took_over  # well within the 5 s asked for
        print(f"the standby waited {second.waited:.2f} s and led {took_over:.2f} s after the kill")
    finally:
        await first.release()
        await second.release()


async def test_a_process_released_while_waiting_leaves_its_predecessors_validity(
    pg_url: str,
) -> None:
    """It never led: the row is the killed leader's, and the next process still waits for it."""
    first = Leader(pg_url, key=KEY)
    second = Leader(pg_url, key=KEY, retry=0.05)
    third = Leader(pg_url, key=KEY, retry=0.05)
    try:
        await asyncio.wait_for(first.acquire(), 10)
        waiting = asyncio.create_task(second.acquire())
        (pid,) = await _backend_pids(pg_url)
        assert await _fetchval(pg_url, "SELECT pg_terminate_backend($1, 5000)", pid)
        final = await _recorded(pg_url)
        await _until(lambda: second.waited is not None, 2)  # it has the lock and waits
        waiting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiting
        await second.release()
        assert await _recorded(pg_url) == final
        await asyncio.wait_for(third.acquire(), 5)
        assert third.waited is not None and third.waited > 0
        assert await _server_ms(pg_url) >= (final or 0)
    finally:
        for leader in (first, second, third):
            await leader.release()
