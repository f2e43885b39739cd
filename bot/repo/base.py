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
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        async with self.db.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self.db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute one write; returns the new row id (for inserts)."""
        async with self.db.execute(sql, params) as cursor:
            return int(cursor.lastrowid or 0)


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
