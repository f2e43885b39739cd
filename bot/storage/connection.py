"""What the repositories need of a database connection, whichever the backend.

Two implementations: bot/storage/sqlite.py (the default, a file) and bot/storage/postgres.py
(`DATABASE_URL`). Statements are written in SQLite's dialect; the PostgreSQL connection
translates them (bot/storage/dialect.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from bot.storage.dialect import Dialect

Params = Sequence[Any] | dict[str, Any]


class Row(Protocol):
    """A result row: by position (`row[0]`), by column name (`row["id"]`), and `dict(row)`."""

    def keys(self) -> Iterable[str]: ...

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...


class Connection(Protocol):
    """One connection in autocommit mode: a statement outside `begin()`...`commit()` is its
    own transaction (see `Store` for how transactions open)."""

    @property
    def dialect(self) -> Dialect: ...

    @property
    def in_transaction(self) -> bool: ...

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the rows it changed."""
        ...

    async def execute_insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; returns the new row's id (0 when none, or not an INSERT)."""
        ...

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    async def executescript(self, script: str) -> None: ...

    async def begin(self) -> None:
        """Open a transaction that will write (see the dialect for its locks)."""
        ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def close(self) -> None: ...
