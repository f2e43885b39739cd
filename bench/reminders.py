"""The nudge engine under load: memory and start-up with a million pending nudges, and a
burst of due nudges against Telegram's rate limit.

Run by hand from the repository root (not part of the test suite, which never times):

    python -m bench.reminders                        # 1,000,000 pending; 2,000 due at once
    python -m bench.reminders --pending 200000 --burst 500
    python -m bench.reminders --database-url=postgresql://user@host/db   # PostgreSQL too
    .ci/with-postgres python -m bench.reminders                         # a throwaway cluster

1. Start-up: the bot runs as a process (long polling) against the loopback fake Bot API,
   first on an empty database, then on one holding `--pending` nudges due tomorrow, seeded
   through the bot's repository. "Ready" is the time from spawning the process to its first
   getUpdates call; memory is the process's resident set a second after that.
2. Burst: `--burst` users each have one nudge due now (seeded through the bot's own sync).
   The fake Bot API allows 30 messages a second (a sliding one-second window) and answers
   429 beyond that, like Telegram. The bot runs with its default settings (AIORateLimiter at
   30/s). Measured from the fake's side: the sustained rate, 429s after the first second,
   nudges lost (users without a message), nudges sent twice.

With `--database-url` each part runs on SQLite, then on PostgreSQL (a schema of its own per
database, bench/backends.py): the bot process then runs as `afterview run` does there, as the
leader of one (it takes the leader's lock before it polls, bot/cli/leading.py). Each start-up
follows a clean stop, so the leader has no predecessor's validity to wait out.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

from bench.backends import Backends, Database
from bot.rules.coaching import Step
from bot.storage.reminders import NewReminder
from tests.fakeapi import FakeTelegram
from tests.fakeserver import FakeBotServer
from tests.process import bot_env, start_bot
from tests.seeding import seed_due_nudges
from tests.test_crash import FIRST_USER, tuned

TOKEN = "123456789:AAFakeTokenForBenchOnly_abcdefghijklmnopq"
CHUNK = 50_000


class TimedFake(FakeTelegram):
    """The fake Bot API, noting when each call arrived and how it was answered."""

    def __init__(self) -> None:
        super().__init__()
        self.sends: list[tuple[float, int, int]] = []  # (monotonic time, status, chat id)
        self.first_poll: float | None = None
        self._timing = threading.Lock()

    def handle(self, method: str, raw: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates" and self.first_poll is None:
            self.first_poll = time.monotonic()  # on arrival: a long poll is answered later
        status, payload = super().handle(method, raw)
        if method == "sendMessage":
            with self._timing:
                self.sends.append((time.monotonic(), status, int(raw.get("chat_id") or 0)))
        return status, payload


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux /proc); None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


def wait(condition: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return bool(condition())


# --- 1. start-up ---------------------------------------------------------------------------
async def seed_pending(where: Database, count: int, users: int) -> None:
    """`count` nudges due from tomorrow on, spread over `users` users with one interview each."""
    now = datetime.now(UTC)
    store = await where.store()
    try:
        async with store.transaction() as tx:
            interviews = []
            for n in range(users):
                user_id = FIRST_USER + n
                await tx.users.ensure(user_id, user_id, f"User {n}")
                interview = await tx.interviews.create(user_id, company=f"Company {n}")
                interviews.append((user_id, interview.id))
        tomorrow = now + timedelta(days=1)
        for start in range(0, count, CHUNK):
            rows = []
            for i in range(start, min(count, start + CHUNK)):
                user_id, interview_id = interviews[i % users]
                due = tomorrow + timedelta(seconds=i)
                rows.append(
                    NewReminder(user_id, interview_id, Step.NOTES, "notes", f"b{i}", due, due)
                )
            async with store.transaction() as tx:
                await tx.reminders.add_many(rows, now)
    finally:
        await store.close()


@dataclass
class Startup:
    ready_s: float
    rss_mb: float | None


def start_once(where: Database) -> Startup:
    fake = TimedFake()
    with tuned(FakeBotServer(fake, TOKEN)) as server:
        env = bot_env(TOKEN, server.base_url, where.path, LOG_LEVEL="WARNING", **where.env())
        began = time.monotonic()
        proc = start_bot(env)
        try:
            if not wait(lambda: fake.first_poll is not None, 60):
                raise SystemExit("the bot never started polling")
            assert fake.first_poll is not None
            ready = fake.first_poll - began
            time.sleep(1.0)  # let start-up work (the dispatcher's first look) settle
            memory = rss_mb(proc.pid)
        finally:
            stop(proc)
    return Startup(ready, memory)


def startup(pending: int, users: int, empty: Database, full: Database, repeat: int) -> bool:
    """Start-up on an empty database and on one with `pending` nudges; whether it was ready
    within 2 s and within 50 MB of the empty one."""
    asyncio.run(seed_pending(empty, 0, 1))
    began = time.monotonic()
    asyncio.run(seed_pending(full, pending, users))
    print(f"seeded {pending:,} pending nudges in {time.monotonic() - began:.1f} s", end="")
    print(f" (database {asyncio.run(full.size_mb()):.0f} MB)")
    # Alternate, so that a busy moment on the machine doesn't favour one side.
    runs: dict[Database, list[Startup]] = {empty: [], full: []}
    for _ in range(repeat):
        for database in (empty, full):
            runs[database].append(start_once(database))
    a, b = median(runs[empty]), median(runs[full])
    print(f"  empty database:  ready in {a.ready_s:.2f} s, memory {fmt(a.rss_mb)}", end="")
    print(f"  (median of {repeat})")
    print(f"  {pending:,} pending: ready in {b.ready_s:.2f} s, memory {fmt(b.rss_mb)}")
    print(f"  start-up cost of the pending nudges: {b.ready_s - a.ready_s:+.2f} s")
    within = True
    if a.rss_mb is not None and b.rss_mb is not None:
        print(f"  memory difference: {b.rss_mb - a.rss_mb:+.1f} MB (limit +50 MB)")
        within = b.rss_mb - a.rss_mb <= 50
    print(f"  ready within 2 s: {'yes' if b.ready_s <= 2 else 'NO'}")
    return b.ready_s <= 2 and within


def median(runs: list[Startup]) -> Startup:
    memory = [r.rss_mb for r in runs if r.rss_mb is not None]
    return Startup(
        statistics.median(r.ready_s for r in runs),
        statistics.median(memory) if memory else None,
    )


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} MB"


# --- 2. a burst against the rate limit -----------------------------------------------------
async def seed_due(where: Database, users: int) -> None:
    """Users with one due nudge each, written by the bot's own code (tests/seeding.py)."""
    store = await where.store()
    try:
        await seed_due_nudges(store, users, FIRST_USER)
    finally:
        await store.close()


def burst(count: int, rate: float, where: Database) -> bool:
    """Whether every nudge went out once, at >= 27/s, with no 429 after the first second."""
    began = time.monotonic()
    asyncio.run(seed_due(where, count))
    print(f"seeded {count:,} users with a nudge due now in {time.monotonic() - began:.1f} s")
    fake = TimedFake()
    fake.rate_limit = rate
    with tuned(FakeBotServer(fake, TOKEN)) as server:
        env = bot_env(TOKEN, server.base_url, where.path, LOG_LEVEL="WARNING", **where.env())
        proc = start_bot(env)
        try:
            finished = wait(lambda: len({c for _, s, c in fake.sends if s == 200}) >= count, 600)
            time.sleep(2.0)  # anything sent twice would show up now
        finally:
            stop(proc)
    ok = [(t, c) for t, s, c in fake.sends if s == 200]
    refused = [t for t, s, _ in fake.sends if s == 429]
    first, last = ok[0][0], ok[-1][0]
    per_chat = Counter(c for _, c in ok)
    lost = count - len(per_chat)
    twice = sum(n - 1 for n in per_chat.values())
    late_429 = sum(1 for t in refused if t - first > 1.0)
    rate_seen = (len(ok) - 1) / (last - first) if last > first else float("inf")
    print(f"  {'all' if finished else 'NOT all'} delivered in {last - first:.1f} s")
    print(f"  sustained rate: {rate_seen:.1f} messages/s (fake allows {rate:g}; need >= 27)")
    print(f"  429 answers: {len(refused)} in all, {late_429} after the first second (need 0)")
    print(f"  lost: {lost}, sent twice: {twice} (need 0 and 0)")
    return finished and rate_seen >= 27 and late_429 == 0 and lost == 0 and twice == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pending", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=10_000, help="owners of the pending ones")
    parser.add_argument("--burst", type=int, default=2_000)
    parser.add_argument("--rate", type=float, default=30)
    parser.add_argument("--repeat", type=int, default=3, help="start-ups measured per database")
    parser.add_argument(
        "--database-url",
        default=None,
        help="also run on PostgreSQL at this server (a schema of its own per database)",
    )
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-burst", action="store_true")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} CPUs")
    backends = Backends(args.database_url)
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for label in backends.labels:
            made = [backends.fresh(label, folder, name) for name in ("empty", "full", "burst")]
            try:
                if not args.skip_startup:
                    print(f"1. {label}: start-up")
                    ok = startup(args.pending, args.users, made[0], made[1], args.repeat)
                    verdicts.append(f"{label} start-up: {'met' if ok else 'MISSED'}")
                if not args.skip_burst:
                    print(f"2. {label}: burst")
                    ok = burst(args.burst, args.rate, made[2])
                    verdicts.append(f"{label} burst: {'met' if ok else 'MISSED'}")
            finally:
                for where in made:
                    with contextlib.suppress(OSError, asyncpg.PostgresError):
                        asyncio.run(where.drop())
    print("targets: " + "; ".join(verdicts))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
