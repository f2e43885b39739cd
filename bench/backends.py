"""The databases a benchmark runs on: SQLite always, and PostgreSQL beside it when given a
server (`--database-url=postgresql://...`; `.ci/with-postgres python -m bench.updates` starts
a throwaway cluster and passes it).

Each run gets a fresh database: a SQLite file in the run's temporary folder, or a schema of
its own on the server (`?search_path=...`: the bot creates it on its first connection, as on
a fresh deployment), dropped afterwards.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.settings import Settings
from bot.storage import Store
from bot.storage.db import open_database


@dataclass(frozen=True)
class Database:
    """One run's database: the SQLite file at `path`, or PostgreSQL at `url` when set (the
    file's folder then holds only the bot's heartbeat)."""

    path: Path
    url: str | None = None

    @property
    def label(self) -> str:
        return "SQLite" if self.url is None else "PostgreSQL"

    def settings(self) -> dict[str, object]:
        """The Settings values that point the bot at it."""
        return {"database_path": self.path, "database_url": self.url}

    def env(self) -> dict[str, str]:
        """The environment variables that point a bot process at it (beside DATABASE_PATH)."""
        return {} if self.url is None else {"DATABASE_URL": self.url}

    async def store(self) -> Store:
        """A Store on it, migrated (its schema created on first use)."""
        values = {"telegram_bot_token": None, **self.settings()}
        settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        return Store(await open_database(settings))

    async def size_mb(self) -> float:
        """What it takes on disk: the file, or the schema's tables with their indexes."""
        if self.url is None:
            return self.path.stat().st_size / 1024 / 1024
        conn = await asyncpg.connect(self.url)
        try:
            size = await conn.fetchval(
                "SELECT sum(pg_total_relation_size(oid)) FROM pg_class"
                " WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'"
            )
        finally:
            await conn.close()
        return int(size or 0) / 1024 / 1024

    async def drop(self) -> None:
        """Drop the PostgreSQL schema (the SQLite file goes with the temporary folder)."""
        if self.url is None:
            return
        conn = await asyncpg.connect(self.url)
        try:
            schema = await conn.fetchval("SELECT current_setting('search_path')")
            await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        finally:
            await conn.close()


class Backends:
    """SQLite, and PostgreSQL on the server at `server_url` if given."""

    def __init__(self, server_url: str | None) -> None:
        self.server_url = server_url
        self.count = 0

    @property
    def labels(self) -> list[str]:
        """The backends to run on, SQLite first."""
        return ["SQLite"] + ([] if self.server_url is None else ["PostgreSQL"])

    def fresh(self, label: str, folder: Path, name: str) -> Database:
        """A new database on backend `label`: a file `name` in `folder`, or a new schema."""
        if label == "SQLite" or self.server_url is None:
            return Database(folder / f"{name}.sqlite3")
        self.count += 1
        parts = urlsplit(self.server_url)
        schema = f"bench_{name}_{os.getpid()}_{self.count}"
        query = "&".join(q for q in (parts.query, f"search_path={schema}") if q)
        url = urlunsplit(parts._replace(query=query))
        return Database(folder / f"pg-{name}" / "bot.sqlite3", url)
