"""The one dispatcher that sends every nudge: sleep until the earliest due row, claim, send,
record, sleep again.

- Sleeping is one JobQueue (APScheduler) job at the earliest due time, moved earlier by
  `wake()` when a sooner nudge is added; never one job per nudge.
- `run(now)` is the claim/send/record loop; tests call it directly with their clock's time.
  It claims a batch of users' due rows (pending -> sending, committed) after syncing their
  interviews with the facts as they are now, sends one message per user (a summary when
  several nudges are due at once) strictly one at a time, and records each result at once.
  A crash therefore repeats at most the one message in flight; `recover()` at start-up (or
  when a standby takes over) puts other processes' claimed-but-unrecorded rows back to pending.
- Several processes on one PostgreSQL: only the leader (`runtime.leader`) claims and sends;
  each claim names this process and holds a lease of `LEASE`, after which another run may
  claim the row again. The dispatcher asks `leading` before each claim and each send, so a
  leader that lost its lock sends nothing more.
- Memory holds one batch, whatever the number of pending rows.
- Sending one user's message and recording what came of it is bot/tg/delivery.py: RetryAfter
  holds the whole dispatcher for the time Telegram asks; network errors retry with backoff;
  Forbidden (the user blocked the bot) pauses that user's nudges until they write again
  (`user_returned`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from telegram import Bot
from telegram.ext import Job, JobQueue

from bot.storage import Store
from bot.storage.reminders import Reminder
from bot.storage.sync import sync_interview
from bot.tg.context import Ctx
from bot.tg.delivery import MAX_ATTEMPTS, Delivery, Group, Item, Render, Report, backoff
from bot.tg.runtime import Runtime

__all__ = [
    "MAX_ATTEMPTS",
    "Dispatcher",
    "Group",
    "Item",
    "Render",
    "Report",
    "backoff",
]

log = logging.getLogger(__name__)

BATCH_USERS = 30  # about a second of sending at Telegram's 30 messages a second
MAX_SLEEP = timedelta(hours=1)  # look again at least hourly (a clock jump, a suspended host)
ERROR_PAUSE = timedelta(minutes=1)
LEASE = timedelta(seconds=60)  # a claim's lease: far longer than one batch takes to send


class Dispatcher:
    """The nudge dispatcher: `bot` sends, `jobs` wakes it (None: only `run` sends, as in
    tests that drive it), `runtime` gives the store and the clock, `render` builds a user's
    message from their due nudges."""

    def __init__(
        self, *, bot: Bot, jobs: JobQueue[Ctx] | None, runtime: Runtime, render: Render
    ) -> None:
        self.jobs = jobs
        self.runtime = runtime
        self.delivery = Delivery(bot, runtime, render, self.wake)
        self._lock = asyncio.Lock()  # one run at a time
        self._job: Job[Ctx] | None = None
        self._job_due: datetime | None = None
        self._started = False
        self._stopping = False

    @property
    def store(self) -> Store:
        return self.runtime.store

    # --- lifecycle -----------------------------------------------------------------------
    async def recover(self) -> int:
        """At start-up: rows a crash left claimed go back to pending, to be sent again."""
        async with self.store.single() as tx:
            count = await tx.reminders.recover(self.runtime.now(), self.runtime.leader.owner)
        if count:
            log.warning("re-sending %d nudge(s) left in flight by a crash", count)
        return count

    async def start(self) -> None:
        """Once the JobQueue runs: sleep until the earliest due nudge (now, after downtime)."""
        self._started, self._stopping = True, False
        await self._schedule_next()

    def stop(self) -> None:
        """Before the JobQueue stops: finish the message in flight, leave the rest pending."""
        self._started, self._stopping = False, True
        self._drop_job()

    # --- following the facts ---------------------------------------------------------------
    async def on_facts_changed(self, tx: Store, interview_id: int) -> None:
        """The facts listener: sync the interview's nudges, wake early for a sooner one."""
        due = await sync_interview(tx, interview_id, self.runtime.now())
        if due is not None:
            self.wake(due)

    async def user_returned(self, user_id: int) -> None:
        """The user wrote (or unblocked the bot): resume nudges paused by Forbidden."""
        user = await self.store.users.get(user_id)
        if user is None or not user.paused:
            return
        now = self.runtime.now()
        async with self.store.transaction() as tx:
            await tx.users.update(user_id, paused=False)
            await tx.reminders.resume_user(user_id, now)
        self.wake(now)

    def wake(self, due: datetime) -> None:
        """A nudge is due at `due`: make sure the dispatcher is awake by then."""
        if self._job is not None and self._job_due is not None and self._job_due <= due:
            return
        self._schedule(due)

    def _schedule(self, due: datetime) -> None:
        queue = self.jobs
        if not self._started or queue is None:
            return  # not running (tests drive `run` themselves); start() looks at the table
        self._drop_job()
        delay = max(0.0, (due - self.runtime.now()).total_seconds())
        # No misfire grace limit: a wake-up that comes late (a busy loop) must still run.
        self._job = queue.run_once(
            self._tick, when=delay, name="nudges", job_kwargs={"misfire_grace_time": None}
        )
        self._job_due = due

    def _drop_job(self) -> None:
        if self._job is not None:
            # The job may have fired already (APScheduler then forgets it): nothing to remove.
            with contextlib.suppress(LookupError):
                self._job.schedule_removal()
        self._job = self._job_due = None

    async def _schedule_next(self) -> None:
        due = await self.store.reminders.next_due()  # a read: no transaction needed
        now = self.runtime.now()
        due = min(due or now + MAX_SLEEP, now + MAX_SLEEP)
        if self.delivery.hold_until is not None:
            due = max(due, self.delivery.hold_until)
        if self._job is not None and self._job_due is not None:
            due = min(due, self._job_due)  # a wake-up asked for meanwhile stands
        self._schedule(due)

    async def _tick(self, ctx: Ctx) -> None:
        if ctx.job == self._job:
            self._job = self._job_due = None
        try:
            report = await self.run()
            if report.messages or report.retried or report.failed or report.paused:
                log.info("nudges: %s", report)
            if self._started:
                await self._schedule_next()
        except Exception:
            # E.g. the disk is full: look again in a while rather than spin on the error.
            log.exception("the nudge dispatcher failed; trying again in a minute")
            self._schedule(self.runtime.now() + ERROR_PAUSE)

    # --- claim, send, record ---------------------------------------------------------------
    async def run(self, now: datetime | None = None) -> Report:
        """Send every nudge due at `now` (default: the bot's clock), batch by batch."""
        report = Report()
        clock: Callable[[], datetime] = (lambda: now) if now is not None else self.runtime.now
        async with self._lock:
            while not report.held:
                moment = clock()
                if self.delivery.hold_until is not None and moment < self.delivery.hold_until:
                    report.held = True
                    break
                if not self.runtime.leader.leading:
                    break
                groups = await self._claim(moment)
                if not groups:
                    break
                for index, group in enumerate(groups):
                    if self._stopping or not self.runtime.leader.leading:
                        report.held = True
                        await self._release(groups[index:], clock())  # this one unsent too
                        break
                    await self.delivery.send(group, clock, report)
                    if report.held:
                        await self._release(groups[index + 1 :], clock())
                        break
        return report

    async def _claim(self, now: datetime) -> list[Group]:
        async with self.store.transaction() as tx:
            await tx.reminders.reclaim_expired(now)  # claims whose owner is presumed gone
            while True:
                users = await tx.reminders.due_users(now, BATCH_USERS)
                if not users:
                    return []
                # The facts (and time itself) may have moved on since these were scheduled.
                for interview_id in await tx.reminders.due_interviews(users, now):
                    await sync_interview(tx, interview_id, now)
                rows = await tx.reminders.claim(users, now, self.runtime.leader.owner, now + LEASE)
                if rows:
                    return await self._groups(tx, rows, now)

    async def _groups(self, tx: Store, rows: list[Reminder], now: datetime) -> list[Group]:
        groups: list[Group] = []
        orphans: list[int] = []  # never expected: rows go when their user or interview does
        for user_id, own in itertools.groupby(rows, key=lambda r: r.user_id):
            user = await tx.users.get(user_id)
            items: list[Item] = []
            for row in own:
                interview = await tx.interviews.get(row.interview_id)
                if user is None or interview is None:
                    orphans.append(row.id)
                else:
                    items.append(Item(row, interview))
            if user is not None and items:
                groups.append(Group(user, items))
        if orphans:
            await tx.reminders.fail(orphans, "no such user or interview", now)
        return groups

    async def _release(self, groups: Sequence[Group], now: datetime) -> None:
        ids = [i for g in groups for i in g.ids]
        if ids:
            await self.delivery.requeue(ids, None, None, now, refund=True)
