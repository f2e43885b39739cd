"""Counts for the operators' /stats: how many people use the bot and how far they get.

Aggregates only: no names, no answers. The reminders table belongs to the nudge engine
(migration 002); until it exists the nudge counts are simply absent.
"""

from __future__ import annotations

from bot.rules.coaching import Step, StepState
from bot.storage.base import Repo
from bot.terms import Stats

# Reminder states as the nudge engine records them, grouped the way an operator asks.
NUDGE_GROUPS: dict[str, tuple[str, ...]] = {
    "pending": ("pending", "sending", "paused"),  # paused: waits for a blocked user to return
    "sent": ("sent", "acknowledged"),
    "failed": ("failed",),
}


class StatsRepo(Repo):
    async def gather(self) -> Stats:
        users = await self._count("SELECT COUNT(*) FROM users")
        with_active = await self._count(
            "SELECT COUNT(DISTINCT user_id) FROM interviews WHERE status = 'active'"
        )
        by_status = {
            str(r[0]): int(r[1])
            for r in await self._all("SELECT status, COUNT(*) FROM interviews GROUP BY status")
        }
        done: dict[Step, int] = {}
        skipped: dict[Step, int] = {}
        rows = await self._all(
            "SELECT step, state, COUNT(*) FROM interview_steps"
            " WHERE state IN (?, ?) GROUP BY step, state",
            (StepState.DONE.value, StepState.SKIPPED.value),
        )
        for step, state, count in rows:
            if step not in Step.__members__.values():
                continue  # a step name from a newer version: leave it out rather than fail
            target = done if state == StepState.DONE.value else skipped
            target[Step(step)] = int(count)
        return Stats(
            users=users,
            users_with_active=with_active,
            interviews_active=by_status.get("active", 0),
            interviews_closed=by_status.get("closed", 0),
            steps_done=done,
            steps_skipped=skipped,
            nudges=await self._nudges(),
        )

    async def _count(self, sql: str) -> int:
        row = await self._one(sql)
        return int(row[0]) if row else 0

    async def _nudges(self) -> dict[str, int] | None:
        columns = {str(r[0]) for r in await self._all(self.db.dialect.columns, ("reminders",))}
        if "state" not in columns:
            return None
        counts = {
            str(r[0]): int(r[1])
            for r in await self._all("SELECT state, COUNT(*) FROM reminders GROUP BY state")
        }
        return {
            group: sum(counts.get(state, 0) for state in states)
            for group, states in NUDGE_GROUPS.items()
        }
