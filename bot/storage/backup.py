"""`afterview backup PATH`: a consistent copy of the database, safe while the bot runs.

SQLite's online backup API copies every page inside one read transaction. In WAL mode that
reader never blocks the bot's writers, and the copy is the database as of one moment: never
half of a transaction. The copy is checked, made a single self-contained file (no -wal), kept
owner-only like the original, and only then moved into place, so a failed run never leaves a
truncated file under the final name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


class BackupError(Exception):
    """A backup that could not be made; the message is one line for the operator."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int
    schema_version: int


def backup_name(now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"afterview-{moment:%Y%m%d-%H%M%S}.sqlite3"


def _private_empty_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def backup_database(source: Path, target: str | Path) -> Backup:
    """Copy the live database at `source` to `target`: a file name, or a folder (one that
    exists, or any path ending in "/") to put a time-stamped copy in."""
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    folder = str(target).endswith(("/", os.sep)) or Path(target).is_dir()
    target = Path(target) / backup_name() if folder else Path(target)
    if target.resolve() == source.resolve():
        raise BackupError("the backup would overwrite the database itself")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        _private_empty_file(partial)
    except OSError as exc:
        raise BackupError(f"cannot write to {target.parent}: {exc.strerror}") from exc
    try:
        version = _copy(source, partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError, BackupError) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(exc, BackupError):
            raise
        raise BackupError(f"backup failed: {exc}") from exc
    return Backup(target, target.stat().st_size, version)


def _copy(source: Path, partial: Path) -> int:
    # A busy timeout rides out the moment a writer holds the WAL lock at checkpoint.
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)  # all pages in one step: one consistent snapshot
            check = dst.execute("PRAGMA integrity_check").fetchone()
            if not check or check[0] != "ok":
                raise BackupError(f"the copy failed its integrity check: {check}")
            # The copy keeps the source's WAL flag; a backup should be one plain file.
            dst.execute("PRAGMA journal_mode=DELETE")
            version = int(dst.execute("PRAGMA user_version").fetchone()[0])
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    return version
