"""The suite on PostgreSQL (`pytest --database-url=postgresql://...`): a database of its own for
the session, and a schema for each test folder, so that tests never see each other's rows.

Creating a schema's tables is the slow part (about 120 ms, against about 20 ms to empty them),
so a schema is emptied after its test (rows deleted, identities back to 1: as a new SQLite
file) and handed to a later test. A schema that can't be emptied cleanly is left behind; the
database and everything in it is dropped at the end of the session.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.storage.db import migrations
from bot.storage.dialect import POSTGRES

_LATEST = migrations(POSTGRES)[-1][0]


async def _admin(url: str, *statements: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        for sql in statements:
            await conn.execute(sql)
    finally:
        await conn.close()


class Schemas:
    """Schemas in a database created for this session on the server at `server_url`."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.name = f"afterview_test_{os.getpid()}"
        parts = urlsplit(server_url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}", query=""))
        self.free: list[str] = []
        self.by_folder: dict[str, str] = {}
        self.count = 0

    def create(self) -> None:
        asyncio.run(
            _admin(
                self.server_url,
                f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)",
                f"CREATE DATABASE {self.name} TEMPLATE template0 ENCODING 'UTF8'",
            )
        )

    def drop(self) -> None:
        asyncio.run(_admin(self.server_url, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"))

    def url_for(self, folder: Path) -> str:
        """The URL of the test folder's schema (the same for every call in one test)."""
        key = str(folder)
        if key not in self.by_folder:
            if self.free:
                self.by_folder[key] = self.free.pop()
            else:
                self.count += 1
                self.by_folder[key] = f"t{self.count}"
        return f"{self.url}?search_path={self.by_folder[key]}"

    def release(self) -> None:
        """After a test: empty its schemas for the next tests."""
        used, self.by_folder = list(self.by_folder.values()), {}
        if used:
            self.free.extend(asyncio.run(self._empty(used)))

    async def _empty(self, schemas: list[str]) -> list[str]:
        conn = await asyncpg.connect(self.url)
        emptied: list[str] = []
        try:
            await conn.execute("SET lock_timeout = '3s'")
            try:
                await conn.execute("SET session_replication_role = replica")
                fast = True
            except asyncpg.InsufficientPrivilegeError:  # not a superuser: TRUNCATE, slower
                fast = False
            for schema in schemas:
                with contextlib.suppress(asyncpg.PostgresError):
                    if await _empty_schema(conn, schema, fast):
                        emptied.append(schema)
        finally:
            await conn.close()
        return emptied


async def _empty_schema(conn: asyncpg.Connection, schema: str, fast: bool) -> bool:
    """Delete every row and restart the identities; False: the schema isn't at the latest
    version (a test of upgrades), or doesn't exist (never opened), so not to be handed on."""
    if not await conn.fetchval("SELECT to_regclass($1)", f'"{schema}".schema_version'):
        return True  # never created: the name is as good as new
    if await conn.fetchval(f'SELECT max(version) FROM "{schema}".schema_version') != _LATEST:
        return False
    rows = await conn.fetch(
        "SELECT t.relname, bool_or(a.attidentity <> '') FROM pg_class t"
        " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0"
        " WHERE t.relnamespace = $1::text::regnamespace AND t.relkind = 'r'"
        " AND t.relname <> 'schema_version' GROUP BY t.relname",
        schema,
    )
    if not fast:
        tables = ", ".join(f'"{schema}"."{table}"' for table, _ in rows)
        await conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        return True
    # FK checks are off for this session (session_replication_role), so any order will do.
    script = "".join(f'DELETE FROM "{schema}"."{table}";' for table, _ in rows)
    restarts = [
        f"setval(pg_get_serial_sequence('\"{schema}\".\"{table}\"', 'id'), 1, false)"
        for table, identity in rows
        if identity
    ]
    async with conn.transaction():
        await conn.execute(script + (f"SELECT {', '.join(restarts)}" if restarts else ""))
    return True
