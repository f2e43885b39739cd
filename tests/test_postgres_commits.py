"""On PostgreSQL the bot's commits wait for the WAL flush (the server's default) unless
DATABASE_URL opts out; `afterview copy-db` always waits for its one."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest

from bot.storage import postgres
from tests.conftest import database_url


async def setting(url: str, **options: bool) -> str:
    db = await postgres.open_connection(url, **options)
    try:
        rows = await db.execute_fetchall("SHOW synchronous_commit")
        return str(rows[0][0])
    finally:
        await db.close()


async def server_default(url: str) -> str:
    """synchronous_commit as the server has it, on a connection asyncpg opens itself."""
    raw = await asyncpg.connect(url)
    try:
        return str(await raw.fetchval("SHOW synchronous_commit"))
    finally:
        await raw.close()


async def test_commits_wait_for_the_flush_unless_the_url_opts_out(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    if url is None:
        pytest.skip("needs PostgreSQL: run the suite with --database-url=postgresql://...")
    # The bot keeps the server's own setting (on by default; the tests' throwaway cluster
    # turns it off for speed, .ci/with-postgres): it never lowers it by itself.
    assert await setting(f"{url}&synchronous_commit=on") == "on"
    assert await setting(f"{url}&synchronous_commit=off") == "off"
    assert await setting(f"{url}&synchronous_commit=off", flushed_commits=True) == "on"
    assert await setting(url) == await server_default(url)
