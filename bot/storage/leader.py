"""Leader and standby: which of several bot processes on one PostgreSQL does the work.

Telegram allows one `getUpdates` consumer per bot and posts a webhook to one URL, and two nudge
dispatchers would race each other; so of all the processes sharing a database, exactly one (the
leader) polls or serves the webhook, runs the dispatcher and re-sends the outbox. The leader is
the process holding a session-level advisory lock (`pg_try_advisory_lock(LOCK_KEY)`) on a
connection of its own, used for nothing else. The others (standbys) try again every `retry`
seconds. With SQLite there is one process per file: `AlwaysLeader`.

Timing, and why a leader stops before anyone else can start (all times on each process's
monotonic clock; the rates of two clocks differ by far less than the margins here):

- The leader pings its lock connection (`SELECT 1`) every `check_interval` (0.5 s); each ping
  must answer within `check_timeout` (1 s). Any error, timeout or termination notice means the
  lock is lost: the leader closes the connection (so the lock is freed at once if the server
  still held it) and `on_lost` stops its polling; it then goes back to standby.
- Independently of the pings being timely (the event loop may stall), `leading` is true only
  until `valid_for` (2 s) after the *sending* of the last ping that succeeded. Every place that
  acts as leader (an update handled, a nudge sent, the outbox re-sent) asks `leading` first.
- The server frees the lock only when the session ends. A ping that succeeded was answered by
  the live session, so it was sent before the session ended: once the session has ended, the
  old leader's `leading` turns false within `valid_for`, whatever else happens to it.
- A standby that gets the lock (necessarily after the old session ended) waits `grace`
  (2.5 s > `valid_for`) before it acts: by then the old leader has stopped. A stuck handler
  may overrun by the 0.5 s margin; handlers take milliseconds.
- The session must end for a standby to take over at all. A killed process's socket is closed
  by its kernel: the server notices at once. A leader cut off by the network (or frozen) stops
  pinging; the lock connection sets `idle_session_timeout` (5 s), so the server ends the
  session at most 5 s after the last ping it got, with no need for TCP keepalives to fire.
  (A pooler in transaction mode would break session locks: connect to PostgreSQL directly.)
- Takeover after a leader dies: the server frees the lock at once, a standby tries within
  `retry` (1 s) and waits `grace`: about 3.5 s, within the 5 s asked for.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

import asyncpg

from bot.storage.leadership import owner_name

log = logging.getLogger(__name__)

LOCK_KEY = 0x61667476  # "aftv": the one advisory lock key the bot's processes contend for
IDLE_SETTING = "idle_session_timeout"  # PostgreSQL 14+
IDLE_SESSION_TIMEOUT = "5s"  # the server ends a lock session that stopped pinging (see above)
SESSION_SETTINGS = {
    "application_name": "afterview leader lock",
    # The server probes a silent client after 5 s, each second, and gives up after 3 probes.
    "tcp_keepalives_idle": "5",
    "tcp_keepalives_interval": "1",
    "tcp_keepalives_count": "3",
}


class Leader:
    """The advisory-lock leader election on PostgreSQL at `url` (see the module's docstring).

    `on_lost` is called (once, on the event loop) when a held lock is lost; `on_wait` each time
    a standby tries and fails to get it (a heartbeat). Times are in seconds."""

    def __init__(
        self,
        url: str,
        *,
        key: int = LOCK_KEY,
        retry: float = 1.0,
        check_interval: float = 0.5,
        check_timeout: float = 1.0,
        valid_for: float = 2.0,
        grace: float = 2.5,
        on_lost: Callable[[], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> None:
        if grace <= valid_for or valid_for < check_interval + check_timeout:
            # A healthy leader's validity must outlast the gap between two pings' sendings.
            raise ValueError("grace must exceed valid_for, which must cover a ping's round")
        self.url = url
        self.key = key
        self.retry = retry
        self.check_interval = check_interval
        self.check_timeout = check_timeout
        self.valid_for = valid_for
        self.grace = grace
        self.on_lost = on_lost
        self.on_wait = on_wait
        self.owner = owner_name()
        self._conn: Any = None  # asyncpg.Connection (untyped library)
        self._held = False  # the lock is ours and the grace is over
        self._valid_until = 0.0
        self._lost = False
        self._monitor: asyncio.Task[None] | None = None
        self._idle_timeout = True  # False on servers without idle_session_timeout (< 14)

    @property
    def leading(self) -> bool:
        return self._held and time.monotonic() < self._valid_until

    @property
    def role(self) -> str:
        return "leader" if self.leading else "standby"

    @property
    def lost(self) -> bool:
        return self._lost

    async def acquire(self) -> None:
        """Wait (trying every `retry` s) until the lock is ours and the grace is over."""
        while True:
            if await self._try_lock():
                log.info("got the leader lock; taking over in %.1f s", self.grace)
                confirmed = await self._wait_grace()
                if confirmed is not None:
                    self._held, self._lost = True, False
                    self._valid_until = confirmed + self.valid_for
                    self._monitor = asyncio.get_running_loop().create_task(
                        self._watch(), name="leader lock"
                    )
                    log.info("leading (%s)", self.owner)
                    return
            if self.on_wait is not None:
                self.on_wait()
            await asyncio.sleep(self.retry)

    async def _try_lock(self) -> bool:
        try:
            if self._conn is None or self._conn.is_closed():
                self._conn = await self._connect()
            got = await asyncio.wait_for(
                self._conn.fetchval("SELECT pg_try_advisory_lock($1)", self.key),
                self.check_timeout,
            )
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("the leader lock's database is out of reach: %s", exc)
            self._close()
            return False
        return bool(got)

    async def _connect(self) -> Any:
        """The lock's own connection: the server ends its session 5 s after the last ping
        (`idle_session_timeout`, PostgreSQL 14+), or once TCP keepalives find the client gone
        (about 8 s; on older servers, the only way)."""
        settings = dict(SESSION_SETTINGS)
        if self._idle_timeout:
            settings[IDLE_SETTING] = IDLE_SESSION_TIMEOUT
        try:
            conn = await asyncpg.connect(
                self.url, timeout=self.check_timeout * 2, server_settings=settings
            )
        except asyncpg.UndefinedObjectError:
            if not self._idle_timeout:
                raise
            log.warning("PostgreSQL before 14 has no idle_session_timeout: keepalives only")
            self._idle_timeout = False
            return await self._connect()
        conn.add_termination_listener(self._terminated)
        return conn

    async def _wait_grace(self) -> float | None:
        """Hold the lock for `grace` seconds, pinging: when the last ping was sent, or None if
        the lock was lost meanwhile."""
        end = time.monotonic() + self.grace
        sent: float | None = None
        while (left := end - time.monotonic()) > 0:
            await asyncio.sleep(min(self.check_interval, left))
            sent = await self._ping()
            if sent is None:
                self._close()
                return None
        return sent

    async def _ping(self) -> float | None:
        """One `SELECT 1` on the lock connection: when it was sent, or None if it failed."""
        conn = self._conn
        if conn is None:
            return None
        sent = time.monotonic()
        try:
            await asyncio.wait_for(conn.fetchval("SELECT 1"), self.check_timeout)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("lost the leader lock's connection: %s", exc)
            return None
        return sent

    async def _watch(self) -> None:
        while self._held:
            await asyncio.sleep(self.check_interval)
            sent = await self._ping()
            if sent is None:
                self._lose()
                return
            self._valid_until = sent + self.valid_for

    def _terminated(self, conn: object) -> None:
        """asyncpg: the server ended the session (or the socket closed)."""
        if self._held:
            self._lose()

    def _lose(self) -> None:
        if not self._held:
            return
        self._held, self._lost = False, True
        log.error("lost the leader lock: stopping; back to standby")
        self._close()
        if self.on_lost is not None:
            self.on_lost()

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            conn.terminate()  # no round trip: the server frees the lock as the socket closes

    async def release(self) -> None:
        self._held = False
        task, self._monitor = self._monitor, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            try:
                await asyncio.wait_for(conn.close(), self.check_timeout)
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
                conn.terminate()
