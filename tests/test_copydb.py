"""`afterview copy-db`: an organisation's data from SQLite into PostgreSQL and back, equal row
by row, and the refusals (a target with rows, another schema version, a server out of reach)
as one line without a password.

The source is always a SQLite file filled by real conversations through the Application. The
PostgreSQL side takes the server the suite runs on (`pytest --database-url=...`, a schema per
test, as tests/conftest.py gives one); without it those tests are skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.storage import postgres
from bot.storage.copying import CopyError, copy_database, shown
from bot.storage.db import migrate, migrations
from tests.chat import Chat
from tests.conftest import Apps, Clock, database_url, make_settings
from tests.fakeapi import FakeTelegram
from tests.journeys import debriefed, log_interview, logged, run, stranger
from tests.process import ROOT

Dump = dict[str, list[tuple[Any, ...]]]


async def filled(tmp_path: Path, fake: FakeTelegram, clock: Clock) -> Path:
    """A SQLite database after three users' conversations: a full debrief and its next round
    (an interview pointing at its parent), nudges sent, a second user with two interviews, a
    third halfway through a question. Returns the file, the bot stopped."""
    settings = make_settings(tmp_path / "source", database_url=None)
    apps = Apps(settings, fake, clock)
    try:
        chat = Chat(await apps.start(), fake)
        await debriefed(chat)
        await chat.send("/outcome")
        await chat.press("➡️ Next round")
        await chat.send("Friday 10am")
        eve = stranger(chat)
        await logged(eve, "Globex")
        await logged(eve, "Initech", ("Ann Bell", "Cy Young"), first=False)
        clock.advance(days=2)
        await run(chat.app, clock)
        # Sam's row changed after their last interview: a copy that let the trigger making a
        # new interview the current one run would put that interview's time back.
        await chat.send("/settings")
        await chat.press("Time zone")
        await chat.press("🇮🇪 Dublin")
        maxine = Chat(chat.app, fake, user_id=3003, first_name="Maxine")
        await logged(maxine, "Umbrella")
        await log_interview(maxine, "Hooli")  # the reflection questions left pending
    finally:
        await apps.close()
    return settings.database_path


def dump(path: Path) -> Dump:
    """Every table of a SQLite file, every row, sorted."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names}


def postgres_url(tmp_path: Path) -> str:
    """This test's PostgreSQL schema (empty), or skip: the suite runs on SQLite."""
    url = database_url(tmp_path)
    if url is None:
        pytest.skip("needs PostgreSQL: run the suite with --database-url=postgresql://...")
    return url


async def afterview(*args: str, url: str | None = None) -> tuple[int, str, str]:
    """`python -m bot ARGS` as an operator runs it, with DATABASE_URL=`url` if given (and
    nothing else of the bot's settings): (exit status, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    if url is not None:
        env["DATABASE_URL"] = url
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def one_line_refusal(code: int, err: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert err.startswith("afterview: "), err
    return err.strip()


async def test_sqlite_to_postgresql_and_back_is_equal_row_by_row(
    tmp_path: Path, fake: FakeTelegram, clock: Clock
) -> None:
    url = postgres_url(tmp_path)
    source = await filled(tmp_path, fake, clock)
    before = dump(source)
    assert len(before["users"]) == 3 and len(before["interviews"]) == 6
    assert [r for r in before["interviews"] if r[2] is not None]  # a parent_id to copy
    assert before["reminders"] and before["conversations"] and before["interviewers"]

    # No --to: the database the bot is configured with (no password on the command line).
    code, out, err = await afterview("copy-db", "--from", str(source), url=url)
    assert code == 0, err
    assert re.search(r"^users +3 rows copied, equal row by row$", out, re.MULTILINE), out
    assert out.splitlines()[-1].startswith(f"copied {sum(map(len, before.values()))} rows")
    back = tmp_path / "back" / "afterview.sqlite3"
    report = await copy_database(url, str(back))
    assert dict(report.tables)["interviews"] == 6
    assert dump(back) == before


async def test_the_bot_carries_on_on_the_copy(
    tmp_path: Path, fake: FakeTelegram, clock: Clock
) -> None:
    """New rows after the copy take new ids (the identity sequences were moved on) and the
    pending question is still pending."""
    url = postgres_url(tmp_path)
    source = await filled(tmp_path, fake, clock)
    await copy_database(str(source), url)
    apps = Apps(make_settings(tmp_path, database_url=url), fake, clock)
    try:
        app = await apps.start()
        maxine = Chat(app, fake, user_id=3003, first_name="Maxine")
        # The answer to the question pending in the source: the next question follows.
        r = await maxine.send("A take-home task")
        assert "When did they say they'd get back to you?" in maxine.texts(r)
        await maxine.send("/cancel")
        await log_interview(maxine, "Pied Piper")
        rows = await app.runtime.store.db.execute_fetchall(
            "SELECT id, company FROM interviews ORDER BY id"
        )
        assert [r["company"] for r in rows][-1] == "Pied Piper"
        assert rows[-1]["id"] == len(rows)
    finally:
        await apps.close()


async def test_sqlite_to_sqlite_and_a_second_copy_refused(
    tmp_path: Path, fake: FakeTelegram, clock: Clock
) -> None:
    source = await filled(tmp_path, fake, clock)
    target = tmp_path / "copy" / "afterview.sqlite3"
    report = await copy_database(str(source), str(target))
    assert report.version == migrations()[-1][0]
    assert dump(target) == dump(source)
    code, out, err = await afterview("copy-db", "--from", str(source), "--to", str(target))
    line = one_line_refusal(code, err)
    assert f"{target} is not empty (table" in line and out == ""


async def test_a_target_at_another_schema_version_is_refused(
    tmp_path: Path, fake: FakeTelegram, clock: Clock
) -> None:
    source = await filled(tmp_path, fake, clock)
    older = tmp_path / "older.sqlite3"
    with contextlib.closing(sqlite3.connect(older)) as db:
        for number, sql in migrations()[:5]:
            db.executescript(f"{sql}\nPRAGMA user_version = {number};")
    code, _, err = await afterview("copy-db", "--from", str(source), "--to", str(older))
    line = one_line_refusal(code, err)
    latest = migrations()[-1][0]
    assert f"schema versions differ: the source is at {latest}, {older} at 5" in line
    with contextlib.closing(sqlite3.connect(older)) as db:
        assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 0


async def test_postgresql_targets_refused_with_rows_or_another_version(
    tmp_path: Path, fake: FakeTelegram, clock: Clock
) -> None:
    url = postgres_url(tmp_path)
    source = await filled(tmp_path, fake, clock)
    await copy_database(str(source), url)
    with pytest.raises(CopyError, match=r"is not empty \(table \w+ has rows\)"):
        await copy_database(str(source), url)
    # Another schema of the same database, migrated to an older version.
    other = url.replace("search_path=", "search_path=older_")
    db = await postgres.open_connection(other)
    try:
        await migrate(db, upto=5)
    finally:
        await db.close()
    with pytest.raises(CopyError, match="schema versions differ: the source is at"):
        await copy_database(str(source), other)
    # And back: a SQLite file with rows refuses PostgreSQL's rows.
    with pytest.raises(CopyError, match="is not empty"):
        await copy_database(url, str(source))


async def test_a_server_out_of_reach_is_one_line_without_the_password(tmp_path: Path) -> None:
    source = tmp_path / "afterview.sqlite3"
    with contextlib.closing(sqlite3.connect(source)) as db:
        for number, sql in migrations():
            db.executescript(f"{sql}\nPRAGMA user_version = {number};")
    url = "postgresql://coach:pa55-W0rd@127.0.0.1:9/afterview?password=other-S3cret"
    code, _, err = await afterview("copy-db", "--from", str(source), "--to", url)
    line = one_line_refusal(code, err)
    assert "pa55-W0rd" not in line and "other-S3cret" not in line
    assert shown(url) == "postgresql://coach@127.0.0.1:9/afterview"
    code, _, err = await afterview(
        "copy-db", "--from", str(tmp_path / "missing.sqlite3"), "--to", url
    )
    assert one_line_refusal(code, err) == f"afterview: no database at {tmp_path}/missing.sqlite3"
    code, _, err = await afterview("copy-db", "--from", str(source), url=url)
    line = one_line_refusal(code, err)
    assert "pa55-W0rd" not in line and "other-S3cret" not in line and "copy failed" in line
    code, _, err = await afterview("copy-db", "--from", str(source))
    assert one_line_refusal(code, err) == (
        "afterview: name the target with --to (or set DATABASE_URL)"
    )
