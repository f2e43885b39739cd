"""What every repository shares: the connection, row helpers, time and value conversion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import aiosqlite


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Repo:
    """Each helper is one round trip to aiosqlite's thread (about 70 µs, far more than the
    statement itself): `async with db.execute(...)` plus a fetch would be three (execute,
    fetch, close), and a handler makes several of these per update."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        rows = await self.db.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self.db.execute_fetchall(sql, params))

    async def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute one write; returns the new row id (for inserts)."""
        row = await self.db.execute_insert(sql, params)
        return int(row[0]) if row else 0


def sql_literal(value: str | int | None) -> str:
    """A value as an SQL literal, for `Store.script` (executescript takes no parameters).

    Only for strings we produce ourselves (JSON, names): SQLite string literals have no
    escapes besides the doubled quote, and a NUL would end the script early, so it's refused.
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"not a literal: {type(value).__name__}")
    if isinstance(value, int):
        return str(value)
    if "\x00" in value:
        raise ValueError("a NUL character cannot go into an SQL script")
    return "'" + value.replace("'", "''") + "'"


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
