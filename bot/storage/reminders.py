"""The reminders table: every nudge, from pending to sent or cancelled (issue 3).

The dispatcher claims due rows (pending -> sending) in a committed transaction before it sends
them and records each result afterwards, so a crash can repeat the one nudge in flight and
never lose one. Nothing here keeps rows in memory beyond one batch.

Claims name their owner (a process: `bot.storage.leader.owner_name`) and hold a lease: on
PostgreSQL several processes share the table, the claim's SELECT skips rows another
transaction has locked (`FOR UPDATE SKIP LOCKED`), and a row left 'sending' past its lease may
be claimed again (`reclaim_expired`). A new leader releases every other owner's claims at once
(`recover`): the leader election guarantees the old leader stopped first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.rules.coaching import Step
from bot.storage.base import Repo, iso
from bot.storage.dialect import skip_locked


class State(StrEnum):
    PENDING = "pending"  # waits for its due time
    PAUSED = "paused"  # the user blocked the bot; resumes when they write again
    SENDING = "sending"  # claimed by the dispatcher; a crash leaves it here, to be re-sent
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"  # the user pressed one of its buttons
    CANCELLED = "cancelled"  # the facts no longer want it
    FAILED = "failed"  # gave up; last_error says why


LIVE = frozenset({State.PENDING, State.PAUSED})
DELIVERED = frozenset({State.SENDING, State.SENT, State.ACKNOWLEDGED, State.FAILED})


class Reminder(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    user_id: int
    interview_id: int
    step: Step
    kind: str
    slot: str
    rule_at: datetime
    due_at: datetime
    snoozed: bool = False
    state: State
    attempts: int = 0
    last_error: str | None = None
    message_id: int | None = None
    sent_at: datetime | None = None
    claimed_by: str | None = None
    lease_until: datetime | None = None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class NewReminder:
    user_id: int
    interview_id: int
    step: Step
    kind: str
    slot: str
    rule_at: datetime
    due_at: datetime
    state: State = State.PENDING


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" for _ in ids)


_INSERT = (
    "INSERT INTO reminders (user_id, interview_id, step, kind, slot, rule_at, due_at, state,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _values(r: NewReminder, now: datetime) -> tuple[object, ...]:
    stamp = iso(now)
    return (
        r.user_id,
        r.interview_id,
        r.step.value,
        r.kind,
        r.slot,
        iso(r.rule_at),
        iso(r.due_at),
        r.state.value,
        stamp,
        stamp,
    )


class Reminders(Repo):
    # --- what the sync reads and writes ----------------------------------------------------
    async def of_user(self, user_id: int) -> list[Reminder]:
        """All the user's nudges but cancelled ones: the interviews' and the weekly one."""
        rows = await self._all(
            "SELECT * FROM reminders WHERE user_id = ? AND state != 'cancelled' ORDER BY id",
            (user_id,),
        )
        return [Reminder.model_validate(dict(r)) for r in rows]

    async def weekly_for_user(self, user_id: int) -> list[Reminder]:
        rows = await self._all(
            "SELECT * FROM reminders WHERE user_id = ? AND kind = 'keep_trying'"
            " AND state != 'cancelled' ORDER BY id",
            (user_id,),
        )
        return [Reminder.model_validate(dict(r)) for r in rows]

    async def add_many(self, rows: Iterable[NewReminder], now: datetime) -> None:
        """Many rows, one prepared statement."""
        self._writing()
        await self.db.executemany(_INSERT, (_values(r, now) for r in rows))

    async def reschedule(
        self, reminder_id: int, kind: str, rule_at: datetime, due_at: datetime, now: datetime
    ) -> None:
        """New rule and due time for a live row; the facts moved it, so a snooze is dropped."""
        await self._run(
            "UPDATE reminders SET kind = ?, rule_at = ?, due_at = ?, snoozed = 0, updated_at = ?"
            " WHERE id = ?",
            (kind, iso(rule_at), iso(due_at), iso(now), reminder_id),
        )

    async def cancel(self, ids: Sequence[int], now: datetime) -> None:
        await self._run(
            f"UPDATE reminders SET state = 'cancelled', updated_at = ? WHERE id IN ({_marks(ids)})"
            " AND state IN ('pending', 'paused')",
            (iso(now), *ids),
        )

    # --- what the dispatcher does -----------------------------------------------------------
    async def next_due(self) -> datetime | None:
        row = await self._one(
            "SELECT due_at FROM reminders WHERE state = 'pending' ORDER BY due_at LIMIT 1"
        )
        return datetime.fromisoformat(row[0]) if row else None

    async def due_users(self, now: datetime, limit: int) -> list[int]:
        """Users with due nudges, earliest first; whole users, so each gets one message."""
        rows = await self._all(
            "SELECT user_id FROM reminders WHERE state = 'pending' AND due_at <= ?"
            " ORDER BY due_at LIMIT ?",
            (iso(now), limit),
        )
        return list(dict.fromkeys(int(r[0]) for r in rows))

    async def due_interviews(self, user_ids: Sequence[int], now: datetime) -> list[int]:
        rows = await self._all(
            "SELECT DISTINCT interview_id FROM reminders WHERE state = 'pending' AND due_at <= ?"
            f" AND user_id IN ({_marks(user_ids)})",
            (iso(now), *user_ids),
        )
        return [int(r[0]) for r in rows]

    async def claim(
        self, user_ids: Sequence[int], now: datetime, owner: str, lease_until: datetime
    ) -> list[Reminder]:
        """Mark these users' due rows as being sent by `owner` until `lease_until` (one attempt
        more) and return them; rows another transaction holds are skipped (PostgreSQL)."""
        rows = await self._returning(
            "UPDATE reminders SET state = 'sending', attempts = attempts + 1, claimed_by = ?,"
            " lease_until = ?, updated_at = ? WHERE state = 'pending' AND id IN ("
            "SELECT id FROM reminders WHERE state = 'pending' AND due_at <= ?"
            f" AND user_id IN ({_marks(user_ids)}){skip_locked(self.db.dialect)})"
            " RETURNING *",
            (owner, iso(lease_until), iso(now), iso(now), *user_ids),
        )
        found = [Reminder.model_validate(dict(r)) for r in rows]
        return sorted(found, key=lambda r: (r.user_id, r.due_at, r.id))

    async def reclaim_expired(self, now: datetime) -> int:
        """Rows whose claim's lease ran out go back to pending (their owner is presumed gone);
        how many. Reads only the few 'sending' rows (a partial index)."""
        rows = await self._returning(
            "UPDATE reminders SET state = 'pending', lease_until = NULL, updated_at = ?"
            " WHERE state = 'sending' AND lease_until <= ? RETURNING id",
            (iso(now), iso(now)),
        )
        return len(rows)

    async def mark_sent(self, ids: Sequence[int], message_id: int, now: datetime) -> None:
        await self._run(
            "UPDATE reminders SET state = 'sent', message_id = ?, sent_at = ?, last_error = NULL,"
            f" lease_until = NULL, updated_at = ? WHERE id IN ({_marks(ids)})",
            (message_id, iso(now), iso(now), *ids),
        )

    async def requeue(
        self,
        ids: Sequence[int],
        due_at: datetime | None,
        error: str | None,
        now: datetime,
        *,
        refund: bool = False,
    ) -> None:
        """Back to pending (at `due_at`, or when it was due); `refund` takes back the attempt."""
        await self._run(
            "UPDATE reminders SET state = 'pending', due_at = COALESCE(?, due_at),"
            " attempts = attempts - ?, last_error = COALESCE(?, last_error), lease_until = NULL,"
            " updated_at = ?"
            f" WHERE id IN ({_marks(ids)})",
            (iso(due_at) if due_at else None, int(refund), error, iso(now), *ids),
        )

    async def fail(self, ids: Sequence[int], error: str, now: datetime) -> None:
        await self._run(
            "UPDATE reminders SET state = 'failed', last_error = ?, lease_until = NULL,"
            f" updated_at = ? WHERE id IN ({_marks(ids)})",
            (error, iso(now), *ids),
        )

    async def pause_user(self, user_id: int, error: str, now: datetime) -> None:
        await self._run(
            "UPDATE reminders SET state = 'paused', last_error = ?, lease_until = NULL,"
            " updated_at = ? WHERE user_id = ? AND state IN ('pending', 'sending')",
            (error, iso(now), user_id),
        )

    async def resume_user(self, user_id: int, now: datetime) -> None:
        await self._run(
            "UPDATE reminders SET state = 'pending', updated_at = ?"
            " WHERE user_id = ? AND state = 'paused'",
            (iso(now), user_id),
        )

    async def recover(self, now: datetime, owner: str) -> int:
        """At start-up or takeover: rows claimed by any other process (a crashed one, or the
        leader this one replaced, which has stopped) go back to pending, to be re-sent."""
        rows = await self._returning(
            "UPDATE reminders SET state = 'pending', lease_until = NULL, updated_at = ?"
            " WHERE state = 'sending' AND (claimed_by IS NULL OR claimed_by != ?) RETURNING id",
            (iso(now), owner),
        )
        return len(rows)

    # --- what the user's buttons and /reminders do -----------------------------------------
    async def get_owned(self, user_id: int, reminder_id: int) -> Reminder | None:
        row = await self._one(
            "SELECT * FROM reminders WHERE id = ? AND user_id = ?", (reminder_id, user_id)
        )
        return Reminder.model_validate(dict(row)) if row else None

    async def on_message(self, user_id: int, message_id: int) -> list[Reminder]:
        """The delivered nudges a message of this user's chat carried."""
        rows = await self._all(
            "SELECT * FROM reminders WHERE user_id = ? AND state = 'sent' AND message_id = ?",
            (user_id, message_id),
        )
        return [Reminder.model_validate(dict(r)) for r in rows]

    async def acknowledge(self, ids: Sequence[int], now: datetime) -> None:
        """The user acted on these nudges; their interviews' nudges are looked at again."""
        rows = await self._returning(
            "UPDATE reminders SET state = 'acknowledged', updated_at = ?"
            f" WHERE id IN ({_marks(ids)}) AND state = 'sent' RETURNING interview_id",
            (iso(now), *ids),
        )
        self._touch(*(int(r[0]) for r in rows if r[0] is not None))

    async def snooze(self, reminder_id: int, due_at: datetime, now: datetime) -> bool:
        """Due again later; False when the nudge was already done, skipped or cancelled."""
        rows = await self._returning(
            "UPDATE reminders SET state = 'pending', due_at = ?, snoozed = 1, updated_at = ?"
            " WHERE id = ? AND state NOT IN ('acknowledged', 'cancelled') RETURNING id",
            (iso(due_at), iso(now), reminder_id),
        )
        return bool(rows)

    async def set_message(self, reminder_id: int, message_id: int) -> None:
        await self._run(
            "UPDATE reminders SET message_id = ? WHERE id = ?", (message_id, reminder_id)
        )

    async def upcoming(self, user_id: int, limit: int) -> list[Reminder]:
        rows = await self._all(
            "SELECT * FROM reminders WHERE user_id = ? AND state IN ('pending', 'paused')"
            " ORDER BY due_at LIMIT ?",
            (user_id, limit),
        )
        return [Reminder.model_validate(dict(r)) for r in rows]

    async def count(self, state: State) -> int:
        row = await self._one("SELECT COUNT(*) FROM reminders WHERE state = ?", (state.value,))
        return int(row[0]) if row else 0
