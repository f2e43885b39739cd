"""`afterview backup`: consistent copies of a live database; and the file modes of the data."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import AfterviewApplication
from bot.rules.coaching import Step, StepState
from bot.storage.backup import BackupError, backup_database
from bot.storage.db import migrations
from tests.conftest import Apps
from tests.process import ROOT, bot_env

pytestmark = pytest.mark.sqlite_only("`afterview backup` copies the SQLite file")

STEPS = (Step.DEBRIEF, Step.REFLECT, Step.NOTES)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def keep_writing(app: AfterviewApplication, stop: asyncio.Event) -> int:
    """Write whole "interviews" (a row and three step rows, one transaction each) until told."""
    store = app.runtime.store
    async with store.transaction() as tx:
        await tx.users.ensure(42, 42, "Sam")
    written = 0
    while not stop.is_set():
        async with store.transaction() as tx:
            interview = await tx.interviews.create(42, company=f"Company {written}")
            for step in STEPS:
                await tx.interviews.set_step(interview.id, step, StepState.DONE)
        written += 1
        await asyncio.sleep(0)
    return written


def check_copy(path: Path) -> int:
    """The copy is whole: every interview in it has all three of its steps."""
    assert mode(path) == 0o600
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one plain file
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]
        count = db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0]
        torn = db.execute(
            "SELECT COUNT(*) FROM interviews i WHERE"
            " (SELECT COUNT(*) FROM interview_steps s WHERE s.interview_id = i.id) != 3"
        ).fetchone()[0]
        assert torn == 0
    finally:
        db.close()
    assert not Path(f"{path}-wal").exists()
    return int(count)


async def test_backup_of_a_live_database_is_consistent(apps: Apps, tmp_path: Path) -> None:
    app = await apps.start()
    stop = asyncio.Event()
    writer = asyncio.create_task(keep_writing(app, stop))
    counts = []
    try:
        for n in range(5):
            await asyncio.sleep(0.05)  # let some transactions land between copies
            target = tmp_path / "backups" / f"copy-{n}.sqlite3"
            done = await asyncio.to_thread(backup_database, apps.settings.database_path, target)
            assert done.path == target and done.size > 0
            counts.append(check_copy(target))
    finally:
        stop.set()
        written = await writer
    assert counts == sorted(counts) and counts[-1] > 0, counts
    assert counts[-1] <= written
    # No half-written file is ever left under the final or a temporary name.
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [
        f"copy-{n}.sqlite3" for n in range(5)
    ]


async def test_backup_command_while_the_bot_writes(apps: Apps, tmp_path: Path) -> None:
    app = await apps.start()
    stop = asyncio.Event()
    writer = asyncio.create_task(keep_writing(app, stop))
    env = bot_env(None, "http://127.0.0.1:9/bot", apps.settings.database_path)
    env["PYTHONPATH"] = str(ROOT)
    try:
        await asyncio.sleep(0.05)
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "backup",
            f"{tmp_path}/nightly/",
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    finally:
        stop.set()
        await writer
    assert proc.returncode == 0, err.decode()
    (copy,) = (tmp_path / "nightly").iterdir()
    assert copy.name.startswith("afterview-") and copy.suffix == ".sqlite3"
    assert str(copy) in out.decode()
    assert check_copy(copy) > 0


def test_backup_without_a_database_is_one_clear_line(tmp_path: Path) -> None:
    env = bot_env(None, "http://127.0.0.1:9/bot", tmp_path / "missing.sqlite3")
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "backup", str(tmp_path / "copy.sqlite3")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"afterview: no database at {tmp_path / 'missing.sqlite3'}"
    assert not (tmp_path / "copy.sqlite3").exists()


async def test_backup_refuses_to_overwrite_the_database(apps: Apps) -> None:
    await apps.start()
    with pytest.raises(BackupError, match="overwrite the database"):
        backup_database(apps.settings.database_path, apps.settings.database_path)


async def test_database_files_are_owner_only(apps: Apps) -> None:
    app = await apps.start()
    async with app.runtime.store.transaction() as tx:
        await tx.users.ensure(7, 7, "Sam")  # a write, so that the WAL file exists
    database = apps.settings.database_path
    assert mode(database) == 0o600
    # SQLite gives its side files the database's own mode.
    for side in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        assert side.exists(), side
        assert mode(side) == 0o600, side


async def test_an_existing_database_is_made_owner_only(apps: Apps) -> None:
    database = apps.settings.database_path
    database.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(database).close()
    database.chmod(0o644)
    await apps.start()
    assert mode(database) == 0o600
