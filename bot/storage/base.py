"""What every repository shares: the connection, row helpers, time and value conversion."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from bot.storage.connection import Connection, Row


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class _GateState:
    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.writes = 0
        self.touched: set[int] = set()


class WriteGate:
    """Whether a write may run now, shared by a Store's repositories.

    The connection is in autocommit mode and shared by every handler, so a statement sent
    while another handler's transaction is open would silently join it (and roll back with
    it). Writes therefore run only inside `Store.transaction()` or `Store.single()`, which
    hold the store's lock (or, on PostgreSQL, a connection of their own: bot/storage/lanes.py);
    this gate turns a forgotten one into an error in the tests. Its state belongs to the task
    that opened it (a context variable), as several transactions may be open at once.
    """

    def __init__(self) -> None:
        self._state: ContextVar[_GateState | None] = ContextVar("write_gate", default=None)

    @property
    def mode(self) -> str | None:
        """ "single" or "transaction" while the calling task holds one, else None."""
        state = self._state.get()
        return None if state is None else state.mode

    @property
    def touched(self) -> set[int]:
        """Interviews whose facts (what the nudges derive from) the open transaction changed
        (empty outside one)."""
        state = self._state.get()
        return set() if state is None else state.touched

    @contextmanager
    def opened(self, mode: str) -> Iterator[None]:
        token = self._state.set(_GateState(mode))
        try:
            yield
        finally:
            self._state.reset(token)

    def check(self) -> None:
        state = self._state.get()
        if state is None:
            raise RuntimeError("a write outside store.transaction() or store.single()")
        if state.mode == "single" and state.writes:
            raise RuntimeError("store.single() is for one statement: use store.transaction()")
        state.writes += 1


class Repo:
    """Each helper is one statement. Writes that need the row back use `RETURNING` rather
    than a second query.

    `gate` is the Store's; a repository on a connection of its own (a script) has none.
    """

    def __init__(self, db: Connection, gate: WriteGate | None = None) -> None:
        self.db = db
        self.gate = gate

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self.db.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(await self.db.execute_fetchall(sql, params))

    def _touch(self, *interview_ids: int) -> None:
        """The write changed these interviews' facts: the transaction brings their nudges in
        line before it commits (`Store.before_commit`). Outside one (a script), nothing."""
        if self.gate is not None and self.gate.mode == "transaction":
            self.gate.touched.update(interview_ids)

    async def _touch_user(self, user_id: int, *, active_only: bool = False) -> None:
        """Every interview of the user (their settings, or referees shared by all of them)."""
        status = " AND status = 'active'" if active_only else ""
        rows = await self._all(f"SELECT id FROM interviews WHERE user_id = ?{status}", (user_id,))
        self._touch(*(int(r[0]) for r in rows))

    def _writing(self) -> None:
        if self.gate is not None:
            self.gate.check()

    async def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute one write; returns the new row id (for inserts)."""
        self._writing()
        return await self.db.execute_insert(sql, params)

    async def _returning(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Execute one write with a RETURNING clause: the rows it wrote, without a query."""
        self._writing()
        return list(await self.db.execute_fetchall(sql, params))


def to_sql(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value
