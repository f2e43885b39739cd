"""Start-up time and memory with a million users mid-conversation. Run by hand from the
repository root (not a test: it prints its figures):

    python -m bench.users                   # 1,000,000 users, 20,000 of them answer
    python -m bench.users --users 100000    # quicker

1. Builds two databases through the bot's own schema (`bot.storage.db` migrates them): an
   empty one, and one with N users, each with an interview and a question pending in
   `conversations` (the debrief's role question, with the step's scratch data). The rows are
   written with sqlite3's executemany, not through the bot, for speed.
2. Starts the bot as `afterview run` runs (`python -m bot run`) against the loopback fake Bot
   API of tests/fakeserver.py, three times on each database, and measures the time from spawn
   to ready (the fake server sees its first getUpdates) and its resident memory once idle.
   Targets: on the big database, ready within 1 s of the empty one's time and within 30 MB of
   its memory (the conversations are read per update, never loaded at start-up).
3. Then, on the big database, 20,000 different users each answer their pending question (at
   most `--window` answers waiting for their reply at a time) and go quiet. Target: after a
   short idle, resident memory within 10 MB of where it was before the answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.storage.db import connect
from tests import updates
from tests.fakeapi import FakeTelegram, Sent
from tests.fakeserver import FakeBotServer
from tests.process import bot_env, rss_bytes, start_bot, stop_bot

TOKEN = "123456789:AAFakeTokenForBenchOnly_abcdefghijklmnopq"
FIRST_USER = 1_000_000_000
MB = 1024 * 1024
STARTS = 3  # spawns per database; the median counts
SETTLE = 1.0  # seconds of idle before reading a fresh process's memory
IDLE = 3.0  # seconds of idle after the last answer before reading memory again


# --- 1. the databases -------------------------------------------------------------------------
async def migrated(path: Path) -> None:
    """An empty database with the bot's schema, migrated by the bot's own code."""
    db = await connect(path)
    await db.close()


def fill(path: Path, users: int) -> None:
    """`users` users, each with an interview (company given) and the role question pending."""
    now = datetime.now(UTC).isoformat()
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        # Bulk load: no journal, no fsync; the bot turns WAL back on when it opens the file.
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;")
        db.executemany(
            "INSERT INTO users (id, chat_id, first_name, tz, country, created_at, updated_at)"
            " VALUES (?, ?, ?, 'Europe/London', 'GB', ?, ?)",
            ((FIRST_USER + n, FIRST_USER + n, f"User {n}", now, now) for n in range(users)),
        )
        # One interview each; the schema's trigger makes it the user's current one.
        db.executemany(
            "INSERT INTO interviews (id, user_id, company, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            ((n + 1, FIRST_USER + n, f"Company {n}", now, now) for n in range(users)),
        )
        db.executemany(
            "INSERT INTO conversations (user_id, name, state, data, update_id, updated_at)"
            " VALUES (?, 'debrief', 'debrief.role', ?, 0, ?)",
            ((FIRST_USER + n, scratch(n + 1), now) for n in range(users)),
        )
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode=WAL")


def scratch(interview_id: int) -> str:
    """The debrief's scratch data as the bot stores it while the role question is pending."""
    return json.dumps({"debrief_id": interview_id, "debrief_skipped": []})


def build(folder: Path, users: int) -> tuple[Path, Path]:
    """The empty database and the one with `users` users; prints how long the build took."""
    empty, full = folder / "empty" / "bot.sqlite3", folder / f"{users}" / "bot.sqlite3"
    if full.exists():  # kept by --dir from an earlier run
        print(f"reusing {full}")
        return empty, full
    for path in (empty, full):
        asyncio.run(migrated(path))
    began = time.monotonic()
    fill(full, users)
    size = full.stat().st_size / MB
    print(f"built {users:,} users in {time.monotonic() - began:.1f} s ({size:,.0f} MB)")
    return empty, full


# --- 2. the bot as a process ------------------------------------------------------------------
class Bot:
    """The bot spawned on one database, against its own fake Bot API."""

    def __init__(self, database: Path) -> None:
        self.fake = FakeTelegram()
        self.server = FakeBotServer(self.fake, TOKEN, quiet=True).__enter__()
        # The bot may open 64 connections at once; with http.server's backlog of 5 the rest
        # would wait for a SYN retry (1 s).
        self.server.httpd.socket.listen(1024)
        self.server.before = self._seen
        self.polled = threading.Event()
        self.replied = 0
        self.replies = threading.Condition()
        self.fake.observers.append(self._observe)
        env = bot_env(
            TOKEN, self.server.base_url, database, RATE_LIMIT_PER_SECOND="0", LOG_LEVEL="WARNING"
        )
        self.spawned = time.monotonic()
        self.proc = start_bot(env, "run")
        self.ready = 0.0  # seconds from spawn to the first getUpdates

    def _seen(self, method: str, fields: dict[str, Any]) -> bool:
        if method == "getUpdates" and not self.polled.is_set():
            self.ready = time.monotonic() - self.spawned
            self.polled.set()
        return True

    def _observe(self, method: str, params: dict[str, Any], sent: Sent | None) -> None:
        if method == "sendMessage":
            with self.replies:
                self.replied += 1
                self.replies.notify_all()

    def wait_ready(self) -> float:
        if not self.polled.wait(60):
            raise RuntimeError(f"the bot never polled: {self.stop()}")
        return self.ready

    def rss(self) -> int:
        return rss_bytes(self.proc.pid)

    def stop(self) -> str:
        err = stop_bot(self.proc)
        self.server.__exit__(None, None, None)
        return err


def start_up(database: Path) -> tuple[float, int]:
    """One spawn: seconds to ready, and resident bytes once settled."""
    bot = Bot(database)
    try:
        ready = bot.wait_ready()
        time.sleep(SETTLE)
        return ready, bot.rss()
    finally:
        err = bot.stop()
        if bot.proc.returncode != 0:
            raise RuntimeError(f"the bot failed: {err}")


# --- 3. many users answer once ----------------------------------------------------------------
def answers(count: int) -> Iterator[dict[str, Any]]:
    """One answer to the pending role question from each of `count` different users."""
    for n in range(count):
        yield updates.message(FIRST_USER + n, f"Role {n}")


def answer_once(bot: Bot, count: int, window: int) -> tuple[float, int]:
    """Push the answers, at most `window` unanswered at a time; returns the seconds they took
    and the highest resident memory seen meanwhile."""
    began, peak = time.monotonic(), bot.rss()
    for sent, update in enumerate(answers(count)):
        with bot.replies:
            while sent - bot.replied >= window:
                bot.replies.wait(1.0)
        bot.fake.push_update(update)
        if sent % 1000 == 0:
            peak = max(peak, bot.rss())
    with bot.replies:
        while bot.replied < count:
            if not bot.replies.wait(60):
                raise RuntimeError(f"{count - bot.replied} answers got no reply")
    return time.monotonic() - began, max(peak, bot.rss())


# --- the report -------------------------------------------------------------------------------
def verdict(value: float, limit: float) -> str:
    return "PASS" if value <= limit else "MISS"


def figure(label: str, value: str, target: str, ok: str) -> None:
    print(f"  {label:<46} {value:>12}   target {target:<22} {ok}")


def header(users: int, count: int) -> None:
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    print(
        f"machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()};"
        f" {users:,} users, {count:,} answers"
    )


def measure_starts(empty: Path, full: Path) -> tuple[float, float, int, int]:
    """Median ready seconds and resident bytes, empty then full, over alternating spawns."""
    runs: dict[Path, list[tuple[float, int]]] = {empty: [], full: []}
    for _ in range(STARTS):
        for path in (empty, full):
            runs[path].append(start_up(path))
    ready = [statistics.median(r for r, _ in runs[p]) for p in (empty, full)]
    rss = [int(statistics.median(m for _, m in runs[p])) for p in (empty, full)]
    for path, label in ((empty, "empty"), (full, "full")):
        seen = ", ".join(f"{r:.2f} s / {m / MB:.1f} MB" for r, m in runs[path])
        print(f"  spawns on the {label} database: {seen}")
    return ready[0], ready[1], rss[0], rss[1]


def report_starts(users: int, empty: Path, full: Path) -> bool:
    print(f"\nStart-up, median of {STARTS} spawns each (spawn to first getUpdates; VmRSS)")
    ready_empty, ready_full, rss_empty, rss_full = measure_starts(empty, full)
    slower, heavier = ready_full - ready_empty, (rss_full - rss_empty) / MB
    figure("ready, empty database", f"{ready_empty:.2f} s", "", "")
    figure(f"ready, {users:,} users", f"{ready_full:.2f} s", "", "")
    figure("ready: the difference", f"{slower:+.2f} s", "<= 1 s", verdict(slower, 1.0))
    figure("memory, empty database", f"{rss_empty / MB:.1f} MB", "", "")
    figure(f"memory, {users:,} users", f"{rss_full / MB:.1f} MB", "", "")
    figure("memory: the difference", f"{heavier:+.1f} MB", "<= 30 MB", verdict(heavier, 30))
    return slower <= 1.0 and heavier <= 30


def report_answers(full: Path, count: int, window: int) -> bool:
    print(f"\n{count:,} different users answer one question each, then go quiet")
    bot = Bot(full)
    try:
        bot.wait_ready()
        time.sleep(SETTLE)
        before = bot.rss()
        seconds, peak = answer_once(bot, count, window)
        time.sleep(IDLE)
        after = bot.rss()
    finally:
        err = bot.stop()
    if bot.proc.returncode != 0 or bot.fake.unexpected:
        raise RuntimeError(f"the bot failed: {err} {bot.fake.unexpected[:5]}")
    grew = (after - before) / MB
    figure("answers", f"{seconds:.1f} s", "", f"{count / seconds:.0f}/s")
    figure("memory before the answers", f"{before / MB:.1f} MB", "", "")
    figure("memory at its highest meanwhile", f"{peak / MB:.1f} MB", "", "")
    figure(f"memory after {IDLE:.0f} s idle", f"{after / MB:.1f} MB", "", "")
    figure("memory after: the difference", f"{grew:+.1f} MB", "<= 10 MB", verdict(grew, 10))
    return grew <= 10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.users", description=__doc__)
    parser.add_argument("--users", type=int, default=1_000_000, help="users in the database")
    parser.add_argument("--answers", type=int, default=20_000, help="users who answer once")
    parser.add_argument("--window", type=int, default=200, help="answers awaiting replies")
    parser.add_argument("--dir", type=Path, default=None, help="keep the databases here")
    args = parser.parse_args(argv)
    if args.answers > args.users:
        parser.error("--answers cannot exceed --users")
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-users-"))
    header(args.users, args.answers)
    try:
        empty, full = build(folder, args.users)
        ok = report_starts(args.users, empty, full)
        ok = report_answers(full, args.answers, args.window) and ok
    finally:
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\n{'all targets met' if ok else 'targets MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
