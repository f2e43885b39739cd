"""Leader and standby: which of several bot processes on one PostgreSQL does the work.

Telegram allows one `getUpdates` consumer per bot and posts a webhook to one URL, and two nudge
dispatchers would race each other; so of all the processes sharing a database, exactly one (the
leader) polls or serves the webhook, runs the dispatcher and re-sends the outbox. The leader is
the process holding a session-level advisory lock (`pg_try_advisory_lock(LOCK_KEY)`) on a
connection of its own, used for nothing else. The others (standbys) try again every `retry`
seconds. With SQLite there is one process per file: `AlwaysLeader`.

Why a leader stops before anyone else can start. Two clocks are used, never compared with each
other: each process's monotonic clock for its own validity, and the database server's clock
for the validity it records (their rates differ by far less than the margins here).

- The leader pings its lock connection every `check_interval` (0.5 s); each ping must answer
  within `check_timeout` (1 s). Any error, timeout or termination notice means the lock is
  lost: the leader closes the connection (so the lock is freed at once if the server still
  held it) and `on_lost` stops its polling; it then goes back to standby.
- Independently of the pings being timely (the event loop may stall), `leading` is true only
  until `valid_for` (2 s) after the *sending* of the last ping that succeeded. Every place that
  acts as leader (an update handled, a nudge sent, the outbox re-sent) asks `leading` first.
- Each ping is a write (bot/storage/lease.py): it sets the key's row of `leader_lease` to
  `valid_until = server's now + grace` (2.5 s > `valid_for`), in its own transaction on the
  lock connection. The server runs it after the client sent it, so the recorded time is later
  than the leader's own `valid_for` deadline by at least the 0.5 s margin. A ping whose reply
  is lost after its write committed only makes the row later than the leader believes: its
  successor waits longer, never less. The commit waits for the server's own disk
  (`synchronous_commit = local`, whatever the URL says), so a crash of the server keeps it.
- The server frees the lock only when the session ends (or on a clean stop, below), and a
  session's last write commits before its locks are freed. A standby that gets the lock reads
  the row and waits until the server's clock has passed `valid_until`: by then the old leader's
  `leading` has been false for at least the margin (a stuck handler may overrun by that much;
  handlers take milliseconds). It measures the wait from when the answer arrived, which is
  after the server read its clock. No row: nobody has led since the last clean stop (or ever),
  and it leads at once; while waiting it only checks its connection, and writes its own row
  when it starts to lead.
- A clean stop (`release` once the application has stopped) deletes the row, then closes the
  connection, which frees the lock: the next process leads at once. A failed delete leaves the
  row, and the next one waits for it. A process released while still waiting deletes nothing:
  the row is its predecessor's.
- The session must end for a standby to take over at all. A killed process's socket is closed
  by its kernel: the server notices at once. A leader cut off by the network (or frozen) stops
  pinging; the lock connection sets `idle_session_timeout` (5 s), so the server ends the
  session at most 5 s after the last ping it got, with no need for TCP keepalives to fire.
  (A pooler in transaction mode would break session locks: connect to PostgreSQL directly.)
- Takeover after a leader dies: the server frees the lock at once, a standby tries within
  `retry` (1 s) and waits until the last ping's execution + `grace`: it leads about
  max(`retry`, `grace`) = 2.5 s after the kill at most, within the 5 s asked for. A first
  start, or a start after a clean stop, pays nothing.

The row lives in the schema the URL names, like the bot's other tables, while advisory locks
are per database: bots that share a database share one lock (one schema and one bot per
database, or a `LOCK_KEY` of their own). The server's clock must not jump forward by more than
the margin during a takeover; a database failover to a replica that had not yet received the
last pings (asynchronous replication) must take longer than `grace` (managed failovers take
tens of seconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable
from typing import Any

import asyncpg

from bot.storage import lease
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
    # A ping's write is on the server's disk before it counts (replicas: not waited for).
    "synchronous_commit": "local",
}
_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


class Leader:
    """The advisory-lock leader election on PostgreSQL at `url` (see the module's docstring).
    The database must be migrated (table `leader_lease`): the bot migrates before it elects.

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
        self._held = False  # the lock is ours and the predecessor's validity has passed
        self._recorded = False  # the row is ours: a clean stop deletes it
        self._valid_until = 0.0
        self._lost = False
        self._monitor: asyncio.Task[None] | None = None
        self._idle_timeout = True  # False on servers without idle_session_timeout (< 14)
        self.waited: float | None = None  # the last takeover's wait for its predecessor (s)

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
        """Wait (trying every `retry` s) until the lock is ours and the last leader's recorded
        validity has passed on the server's clock (at once if none is recorded)."""
        while True:
            if await self._try_lock():
                confirmed = await self._take_over()
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
        except _ERRORS as exc:
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

    async def _take_over(self) -> float | None:
        """With the lock held: wait out the last leader's recorded validity (pinging), then
        record ours. When that first recording ping was sent, or None if the lock was lost."""
        left = await self._left()
        if left is None:
            self._close()
            return None
        end = time.monotonic() + left
        self.waited = left
        if left > 0:
            log.info("got the leader lock; the last leader may act %.2f s more: waiting", left)
        while (wait := end - time.monotonic()) > 0:
            await asyncio.sleep(min(self.check_interval, wait))
            if await self._ping("SELECT 1") is None:
                self._close()
                return None
        sent = await self._record()
        if sent is None:
            self._close()
        self._recorded = sent is not None
        return sent

    async def _left(self) -> float | None:
        """Seconds until the server's clock passes the recorded validity (0: none or past),
        counted from now, after the answer came; None if the connection failed."""
        try:
            ms = await asyncio.wait_for(
                self._conn.fetchval(lease.LEFT, self.key), self.check_timeout
            )
        except _ERRORS as exc:
            log.warning("could not read the last leader's validity: %s", exc)
            return None
        return max(0.0, (ms or 0) / 1000)

    async def _record(self) -> float | None:
        """A ping that records our validity on the server (see the module's docstring)."""
        return await self._ping(lease.RECORD, self.key, self.owner, math.ceil(self.grace * 1000))

    async def _ping(self, sql: str, *args: object) -> float | None:
        """`sql` on the lock connection: when it was sent, or None if it failed."""
        conn = self._conn
        if conn is None:
            return None
        sent = time.monotonic()
        try:
            await asyncio.wait_for(conn.execute(sql, *args), self.check_timeout)
        except _ERRORS as exc:
            log.warning("lost the leader lock's connection: %s", exc)
            return None
        return sent

    async def _watch(self) -> None:
        while self._held:
            await asyncio.sleep(self.check_interval)
            sent = await self._record()
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
        self._recorded = False  # the row stays: whoever gets the lock next waits it out
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            conn.terminate()  # no round trip: the server frees the lock as the socket closes

    async def release(self) -> None:
        """Stop leading (or waiting) and close the lock connection, which frees the lock. Call
        it once the work done as leader has stopped: a process that led deletes its row, so
        that the next one leads at once."""
        self._held = False
        task, self._monitor = self._monitor, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        conn, recorded = self._conn, self._recorded
        self._conn, self._recorded = None, False
        if conn is None or conn.is_closed():
            return
        try:
            if recorded:
                await asyncio.wait_for(
                    conn.execute(lease.CLEAR, self.key, self.owner), self.check_timeout
                )
            await asyncio.wait_for(conn.close(), self.check_timeout)
        except _ERRORS:
            conn.terminate()
