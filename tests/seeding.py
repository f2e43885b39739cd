"""Databases filled by the bot's own code for process tests and benchmarks: users with a nudge
due now (tests/test_crash.py, bench/reminders.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.rules.coaching import Step, StepState
from bot.storage import Store
from bot.storage.sync import sync_interview


async def seed_due_nudges(store: Store, users: int, first_user: int) -> datetime:
    """`users` users from id `first_user`, each with one interview whose notes nudge fell due
    30 minutes ago (no quiet hours); returns the time now (UTC). Raises AssertionError when
    the count of users due is not `users`."""
    now = datetime.now(UTC)
    held_at = now - timedelta(hours=2, minutes=30)
    async with store.transaction() as tx:
        for n in range(users):
            user_id = first_user + n
            await tx.users.ensure(user_id, user_id, f"User {n}")
            await tx.users.update(user_id, quiet_start="00:00", quiet_end="00:00")
            interview = await tx.interviews.create(
                user_id, company=f"Company {n}", role="Analyst", held_at=held_at
            )
            for step in (Step.DEBRIEF, Step.REFLECT):
                await tx.interviews.set_step(interview.id, step, StepState.DONE)
            # As if the debrief had been answered then: the notes are due 30 minutes ago.
            await sync_interview(tx, interview.id, held_at)
    async with store.transaction() as tx:
        due = await tx.reminders.due_users(now, users + 1)
    assert len(due) == users, "each user has exactly one nudge due"
    return now
