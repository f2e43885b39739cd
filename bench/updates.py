"""How many updates a second the bot handles, and what one debrief step costs.

Run by hand from the repository root (not part of the test suite, which never times):

    python -m bench.updates                 # 100 users, 50 ms round trip
    python -m bench.updates --users 200 --rtt 0.1
    python -m bench.updates --database-url=postgresql://user@host/db   # PostgreSQL beside SQLite
    .ci/with-postgres python -m bench.updates                         # on a throwaway cluster

The bot runs as `afterview run` runs it: on uvloop, with the heap frozen after start-up.
The machine is shared and noisy: runs differ by 10-20 %, so run it a few times.

1. Over HTTP: the bot runs in this process with its real HTTP client (aiohttp) and long polling
   against the loopback fake Bot API (`tests/fakeserver.py`), which delays every answer by the
   round-trip time. Every user's whole debrief (set-up included) arrives at once, interleaved
   across users, like a class finishing a mock interview together. The same script then runs
   through the same bot with PTB's default sequential processing (fewer users: it is slow).
   Afterwards each user's stored answers are compared with what that user sent.
2. In process (no HTTP, no delay): one debrief answer, from the update to its SQLite write,
   its reply and the conversation state written through, against a bare PTB echo handler.

With `--database-url` both parts run again on PostgreSQL (a schema of its own per run, see
bench/backends.py), right after SQLite. The targets: on SQLite as above; on PostgreSQL
(issue 16) the first part's >= 250 updates/s with per-user order kept; the second part's
figures are printed for comparison (each statement there is a loopback round trip).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import telegram
from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bench.backends import Backends
from bench.instant import InstantRequest
from bot.app import AfterviewApplication, build_application
from bot.cli.loop import new_event_loop, tune_gc
from bot.rules import parsing
from bot.settings import Settings
from bot.tg.updates import PerUserProcessor
from tests import updates
from tests.fakeapi import FakeTelegram
from tests.fakeserver import FakeBotServer

TOKEN = "123456789:AAFakeTokenForBenchOnly_abcdefghijklmnopq"
FIRST_USER = 500_000
# --without-nudge-sync (a diagnostic): drop the facts listeners, to see what they cost.
# --checking-fake: time against the tests' fake Bot API (see bench/instant.py).
OPTIONS = {"nudge_sync": True, "lean": True}
_callback_ids = itertools.count(1)
WARM_UP_USERS = 50  # answers before the timing starts (the echo's warm-up is 100 updates)


# --- what each user sends -------------------------------------------------------------------
def button(user_id: int, data: str) -> dict[str, Any]:
    """A button press on a message without text: the bot acknowledges it without an edit
    (we cannot know the message ids the fake will hand out before the burst starts)."""
    update = updates.callback(user_id, data)
    del update["callback_query"]["message"]["text"]
    return update


def person(uid: int) -> str:
    """A name of the user's own (names with digits are not taken as names)."""
    return "Pat " + "".join("abcdefghij"[int(d)] for d in str(uid)).capitalize()


COMPANY = 5  # the index in `script` of the company answer (after set-up and /debrief)


def script(uid: int) -> list[dict[str, Any]]:
    """One user's whole debrief, set-up included; every answer names its user."""
    text = [
        "/start",
        None,
        None,
        None,
        "/debrief",
        f"Company {uid}",
        f"Role {uid}",
        None,
        person(uid),
        f"p{uid}@example.com",
        None,
        f"Next stage {uid}",
        "by Friday",
        f"Process {uid}",
        str(rating(uid)),
        f"Went well {uid}",
        f"Not landed {uid}",
    ]
    presses = {
        1: "setup:tz:Europe/London",
        2: "setup:country:GB",
        3: "setup:region:ENG",
        7: "debrief:now",
        10: "debrief:more:no",
    }
    return [
        button(uid, presses[i]) if value is None else updates.message(uid, value)
        for i, value in enumerate(text)
    ]


def without_listeners(app: AfterviewApplication) -> None:
    if not OPTIONS["nudge_sync"]:
        app.runtime.facts_listeners.clear()


def rating(uid: int) -> int:
    return uid % 5 + 1


async def check_answers(app: AfterviewApplication, uids: Sequence[int]) -> list[str]:
    """Users whose stored debrief differs from what they sent, in the order they sent it."""
    store = app.runtime.store
    wrong = []
    for uid in uids:
        found = await store.interviews.all_for(uid)
        got: list[object] = [(i.company, i.role, i.next_stage, i.process_info) for i in found]
        want: list[object] = [
            (f"Company {uid}", f"Role {uid}", f"Next stage {uid}", f"Process {uid}")
        ]
        if found:
            i = found[0]
            people = await store.interviewers.for_interview(i.id)
            got += [
                i.held_at is not None,
                i.reply_text,
                i.rating,
                i.went_well,
                i.not_landed,
                [(p.name, p.email) for p in people],
            ]
        want += [
            True,
            "by Friday",
            rating(uid),
            f"Went well {uid}",
            f"Not landed {uid}",
            [(person(uid), f"p{uid}@example.com")],
        ]
        if got != want:
            wrong.append(f"user {uid}: {got!r}")
    return wrong


class Counted:
    """Counts the updates the application has finished; `wait(n)` returns at the n-th."""

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        self.app, self.done, self.target = app, 0, 0
        self.reached = asyncio.Event()
        self.handle = app.process_update
        app.process_update = self._counted  # type: ignore[method-assign]

    async def _counted(self, update: object) -> None:
        try:
            await self.handle(update)
        finally:
            self.done += 1
            if self.done >= self.target:
                self.reached.set()

    async def wait(self, total: int) -> None:
        self.target = total
        if self.done < total:
            self.reached.clear()
            await self.reached.wait()

    def remove(self) -> None:
        self.app.process_update = self.handle  # type: ignore[method-assign]


# --- 1. over HTTP ---------------------------------------------------------------------------
@dataclass
class HttpRun:
    label: str
    users: int
    updates: int
    seconds: float
    wrong: list[str]
    rejected: list[str]

    @property
    def rate(self) -> float:
        return self.updates / self.seconds


def serve(conn: Connection, delay: float) -> None:
    """The fake Bot API in a process of its own, driven over a pipe.

    Its own process, so that the fake's HTTP parsing does not compete with the bot for one
    interpreter lock (Telegram's servers don't run inside the bot either). Two tweaks to the
    test server: no Nagle delay (http.server writes the headers and the body separately, and
    the second write would wait for a delayed ACK, about 40 ms) and a listen backlog for
    64 connections opening at once.
    """
    fake = FakeTelegram()
    server = FakeBotServer(fake, TOKEN)
    handler = server.httpd.RequestHandlerClass
    server.httpd.RequestHandlerClass = type(
        "NoDelayHandler", (handler,), {"disable_nagle_algorithm": True}
    )
    server.httpd.socket.listen(1024)
    # The bot drops kept-alive connections when it stops: not worth a traceback.
    server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    with server:
        conn.send(server.base_url)
        while True:
            command, argument = conn.recv()
            if command == "push":
                for update in argument:
                    fake.push_update(update)
                fake.delay = delay  # start-up is over: from now on every answer takes a while
            elif command == "report":
                conn.send(list(fake.unexpected))
            else:
                return


async def run_http(
    label: str, users: int, rtt: float, concurrent: int, on: tuple[Backends, str]
) -> HttpRun:
    uids = list(range(FIRST_USER, FIRST_USER + users))
    scripts = [script(uid) for uid in uids]
    # Interleaved across users: first message of everyone, then second, and so on.
    burst = [u for step in zip(*scripts, strict=True) for u in step]
    for number, update in enumerate(burst, start=1):
        # Telegram numbers updates in the order it delivers them, and long polling confirms
        # everything below the last id it got: ids must rise along the burst.
        update["update_id"] = number
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(theirs, rtt), daemon=True)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            where = on[0].fresh(on[1], Path(tmp), "http")
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                telegram_bot_token=SecretStr(TOKEN),
                telegram_base_url=ours.recv(),
                **where.settings(),
                rate_limit_per_second=0,  # the fake has no limit; Telegram's 30/s isn't measured
                concurrent_updates=concurrent,
            )
            app = build_application(settings)
            without_listeners(app)
            counted = Counted(app)
            await app.initialize()
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=1)
            started = time.perf_counter()
            ours.send(("push", burst))
            await counted.wait(len(burst))
            seconds = time.perf_counter() - started
            wrong = await check_answers(app, uids)
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
            await where.drop()
        ours.send(("report", None))
        rejected: list[str] = ours.recv()
        ours.send(("stop", None))
    finally:
        server.join(timeout=10)
        if server.is_alive():
            server.kill()
    return HttpRun(f"{where.label}: {label}", users, len(burst), seconds, wrong, rejected)


# --- 2. in process --------------------------------------------------------------------------
@dataclass
class Timing:
    """One kind of update in process: its latency one at a time, and its throughput when
    many users' updates go through the application's update processor together."""

    label: str
    samples: list[float]  # seconds per update, one at a time
    burst: int  # updates in the concurrent burst
    burst_seconds: float

    @property
    def rate(self) -> float:
        return self.burst / self.burst_seconds

    @property
    def sequential_rate(self) -> float:
        return len(self.samples) / sum(self.samples)

    def pct(self, q: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


AnyApp = Application[Any, Any, Any, Any, Any, Any]


async def one_at_a_time(app: AnyApp, batch: list[Update]) -> list[float]:
    samples = []
    for update in batch:
        begin = time.perf_counter()
        await app.process_update(update)
        samples.append(time.perf_counter() - begin)
    return samples


async def all_at_once(app: AnyApp, batch: list[Update]) -> float:
    """Seconds to handle the batch pushed at once through the running application."""
    counted = Counted(app)
    started = time.perf_counter()
    for update in batch:
        app.update_queue.put_nowait(update)
    await counted.wait(len(batch))
    seconds = time.perf_counter() - started
    counted.remove()
    return seconds


async def bench_echo(users: int, bound: int) -> Timing:
    request = InstantRequest(FakeTelegram())
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(request)
        .concurrent_updates(PerUserProcessor(bound))
        .build()
    )

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_chat is not None
        await context.bot.send_message(
            update.effective_chat.id, update.effective_message.text or ""
        )

    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()

    def batch(first: int, n: int) -> list[Update]:
        return [
            Update.de_json(updates.message(first + i % users, f"Echo {i}"), app.bot)
            for i in range(n)
        ]

    await one_at_a_time(app, batch(FIRST_USER, 100))  # warm-up
    request.lean = OPTIONS["lean"]
    samples = await one_at_a_time(app, batch(FIRST_USER, 2 * users))
    await app.start()
    burst = batch(FIRST_USER + users, 2 * users)
    seconds = await all_at_once(app, burst)
    await app.stop()
    await app.shutdown()
    return Timing("bare PTB echo handler", samples, len(burst), seconds)


async def bench_debrief_step(users: int, bound: int, on: tuple[Backends, str]) -> Timing:
    """The company and the role answers of each user: an interview UPDATE, the next question,
    the conversation state and user data written through."""
    fake = FakeTelegram()
    with tempfile.TemporaryDirectory() as tmp:
        where = on[0].fresh(on[1], Path(tmp), "step")
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=SecretStr(TOKEN),
            **where.settings(),
            rate_limit_per_second=0,
            concurrent_updates=bound,
        )
        request = InstantRequest(fake)
        app = build_application(settings, request=request)
        without_listeners(app)
        await app.initialize()
        alone = range(FIRST_USER, FIRST_USER + users)
        together = range(FIRST_USER + users, FIRST_USER + 2 * users)

        def batch(uids: range, step: slice) -> list[Update]:
            return [Update.de_json(u, app.bot) for uid in uids for u in script(uid)[step]]

        warm = range(FIRST_USER + 2 * users, FIRST_USER + 2 * users + WARM_UP_USERS)
        # Set-up and /debrief are not timed.
        await one_at_a_time(app, batch(range(FIRST_USER, warm.stop), slice(0, COMPANY)))
        request.lean = OPTIONS["lean"]
        # Warm-up, as for the echo: the first answers compile statements and fill caches.
        await one_at_a_time(app, batch(warm, slice(COMPANY, COMPANY + 2)))
        samples = await one_at_a_time(app, batch(alone, slice(COMPANY, COMPANY + 2)))
        await app.start()
        # Every user's company answer, then every user's role answer: users interleaved.
        steps = (slice(COMPANY, COMPANY + 1), slice(COMPANY + 1, COMPANY + 2))
        burst = [u for step in steps for u in batch(together, step)]
        seconds = await all_at_once(app, burst)
        await app.stop()
        assert not fake.unexpected, fake.unexpected
        wrong = [
            uid
            for uid in (*warm, *alone, *together)
            for i in await app.runtime.store.interviews.all_for(uid)
            if (i.company, i.role) != (f"Company {uid}", f"Role {uid}")
        ]
        assert not wrong, wrong
        await app.shutdown()
        await where.drop()
    return Timing(f"debrief step (answer + {where.label} write)", samples, len(burst), seconds)


# --- the report ------------------------------------------------------------------------------
def header() -> None:
    print(
        f"machine: {os.cpu_count()} cores ({platform.processor() or platform.machine()}),"
        f" Python {platform.python_version()}, python-telegram-bot {telegram.__version__}"
    )


def report_http(fast: HttpRun, slow: HttpRun, rtt: float, bound: int, label: str) -> bool:
    print(f"\n1. {label}, over HTTP, {rtt * 1000:.0f} ms round trip, every user's debrief at once")
    for run in (fast, slow):
        print(
            f"   {run.label:<34} {run.users:>4} users {run.updates:>5} updates"
            f" {run.seconds:>7.2f} s  {run.rate:>7.1f} updates/s"
            f"  out of order: {len(run.wrong)}  rejected by Telegram: {len(run.rejected)}"
        )
        for line in (run.wrong + run.rejected)[:5]:
            print(f"      {line}")
    ratio = fast.rate / slow.rate
    print(f"   speed-up {ratio:.1f}x (concurrency bound {bound})")
    if label == "PostgreSQL":  # issue 16's target: the rate and the order
        ok = fast.rate >= 250 and not (fast.wrong or slow.wrong)
        print(f"   target: >= 250 updates/s, none out of order: {'met' if ok else 'MISSED'}")
        return ok
    ok = fast.rate >= 250 and ratio >= 10 and not (fast.wrong or slow.wrong)
    print(f"   target: >= 250 updates/s, >= 10x, none out of order: {'met' if ok else 'MISSED'}")
    return ok


def report_inproc(rounds: list[tuple[Timing, Timing]], bound: int, label: str) -> bool:
    """Each round times the echo, then the debrief step right after it, so that both see the
    machine in the same state; the verdict takes the median round and every sample (on
    SQLite: PostgreSQL's figures are for comparison)."""
    print(f"\n2. {label}, in process (no HTTP), {len(rounds)} rounds, each the echo then the step")
    print("   one update at a time:")
    for echo, step in rounds:
        for t in (echo, step):
            print(
                f"     {t.label:<38} {len(t.samples):>5} updates"
                f" {t.sequential_rate:>7.0f} updates/s"
                f"  p50 {t.pct(0.5):.2f} ms  p99 {t.pct(0.99):.2f} ms"
            )
    print(f"   all users at once (update processor, bound {bound}):")
    for echo, step in rounds:
        print(
            f"     echo {echo.rate:>6.0f} updates/s, debrief step {step.rate:>6.0f} updates/s:"
            f" {step.rate / echo.rate:.2f}x"
        )
    ratio = statistics.median(step.rate / echo.rate for echo, step in rounds)
    alone = statistics.median(step.sequential_rate / echo.sequential_rate for echo, step in rounds)
    pooled = Timing("", [s for _, step in rounds for s in step.samples], 0, 1)
    p99 = pooled.pct(0.99)
    print(f"   debrief step / echo, median round: {ratio:.2f}x at once, {alone:.2f}x one at a time")
    print(f"   debrief step p99 over all {len(pooled.samples)} samples: {p99:.2f} ms")
    if label != "SQLite":
        print("   (no target on PostgreSQL: each statement is a round trip to the server)")
        return True
    ok = ratio >= 0.3 and p99 < 2.0
    print(f"   target: >= 0.3x the echo, p99 < 2 ms: {'met' if ok else 'MISSED'}")
    return ok


async def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.updates", description=__doc__)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--sequential-users", type=int, default=5)
    parser.add_argument("--rtt", type=float, default=0.05, help="round trip in seconds")
    parser.add_argument("--bound", type=int, default=64, help="CONCURRENT_UPDATES")
    parser.add_argument("--step-users", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="in-process rounds")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-in-process", action="store_true")
    parser.add_argument(
        "--database-url",
        default=None,
        help="also run on PostgreSQL at this server (a schema of its own per run, dropped after)",
    )
    parser.add_argument(
        "--checking-fake",
        action="store_true",
        help="in process, answer through the tests' fake Bot API (it checks every message,"
        " on the bot's CPU) instead of bench/instant.py",
    )
    parser.add_argument(
        "--without-nudge-sync",
        action="store_true",
        help="diagnostic: no reminder sync on facts changes (shows what it costs)",
    )
    args = parser.parse_args(argv)
    # As `afterview run` does before serving (bot/main.py).
    parsing.warm_up()
    tune_gc()
    OPTIONS["nudge_sync"] = not args.without_nudge_sync
    OPTIONS["lean"] = not args.checking_fake
    header()
    backends = Backends(args.database_url)
    ok = True
    for label in backends.labels:
        on = (backends, label)
        if not args.skip_http:
            fast = await run_http(
                "per-user order, concurrent", args.users, args.rtt, args.bound, on
            )
            slow = await run_http("PTB default, sequential", args.sequential_users, args.rtt, 1, on)
            ok = report_http(fast, slow, args.rtt, args.bound, label) and ok
        if args.skip_in_process:
            continue
        rounds = [
            (
                await bench_echo(args.step_users, args.bound),
                await bench_debrief_step(args.step_users, args.bound, on),
            )
            for _ in range(args.rounds)
        ]
        ok = report_inproc(rounds, args.bound, label) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    # The loop the bot runs on in production (uvloop where installed), so the figures match.
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        sys.exit(runner.run(main()))
