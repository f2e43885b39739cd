"""On PostgreSQL the bot's commits don't wait for the WAL flush (SQLite's durability with
`synchronous=NORMAL`), unless DATABASE_URL asks; `afterview copy-db` waits for its one."""

from __future__ import annotations

from pathlib import Path

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


async def test_commits_wait_for_the_flush_only_when_asked(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    if url is None:
        pytest.skip("needs PostgreSQL: run the suite with --database-url=postgresql://...")
    assert await setting(url) == "off"
    assert await setting(url, flushed_commits=True) == "on"
    assert await setting(f"{url}&synchronous_commit=on") == "on"
    assert await setting(f"{url}&synchronous_commit=local", flushed_commits=True) == "local"
