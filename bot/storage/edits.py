"""Changes and deletions the user asks for from an interview's card (conversations/edit*.py)
and by "undo": an interviewer's details, a note, a referee, a whole interview.

Each write notes the interviews whose facts it changed (`Repo._touch`), so that the
transaction brings their nudges in line before it commits. Owner checks are the caller's
(`conversations.common.owned_interview`); the ids here are already the user's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.rules.models import Interviewer, Note
from bot.storage.base import Repo, iso, to_sql, utcnow
from bot.storage.interviews import REOPEN_NOTES


@dataclass(frozen=True)
class Belongings:
    """What goes with an interview when it is deleted, for the confirmation question."""

    people: int
    notes: int
    nudges: int


class Edits(Repo):
    """The writes of the card and of undo (see the module docstring)."""

    _PERSON = frozenset({"name", "job_title", "email", "address"})

    async def update_interviewer(self, interviewer_id: int, **values: Any) -> Interviewer | None:
        """Set an interviewer's `name`, `job_title`, `email` or `address` (None clears one);
        returns them as they now stand (None if there is no such row). Raises ValueError for
        any other field."""
        unknown = set(values) - self._PERSON
        if unknown:
            raise ValueError(f"not an interviewer field: {sorted(unknown)}")
        columns = ", ".join(f"{name} = ?" for name in values)
        rows = await self._returning(
            f"UPDATE interviewers SET {columns} WHERE id = ? RETURNING *",
            (*[to_sql(v) for v in values.values()], interviewer_id),
        )
        if not rows:
            return None
        person = Interviewer.model_validate(dict(rows[0]))
        self._touch(person.interview_id)  # the thank-you nudges are per interviewer
        return person

    async def delete_interviewer(self, interviewer_id: int) -> None:
        """Remove an interviewer (their thank-you nudges follow)."""
        rows = await self._returning(
            "DELETE FROM interviewers WHERE id = ? RETURNING interview_id", (interviewer_id,)
        )
        self._touch(*(int(r[0]) for r in rows))

    async def last_interviewer(self, interview_id: int) -> Interviewer | None:
        """The interviewer added last to the interview (the newest answer about people)."""
        row = await self._one(
            "SELECT * FROM interviewers WHERE interview_id = ? ORDER BY id DESC LIMIT 1",
            (interview_id,),
        )
        return Interviewer.model_validate(dict(row)) if row else None

    async def note(self, interview_id: int, note_id: int) -> Note | None:
        """The note, only if it belongs to that interview (button data can be forged)."""
        row = await self._one(
            "SELECT * FROM notes WHERE id = ? AND interview_id = ?", (note_id, interview_id)
        )
        return Note.model_validate(dict(row)) if row else None

    async def last_note(self, interview_id: int) -> Note | None:
        """The newest note of the interview (the last answer in /notes)."""
        row = await self._one(
            "SELECT * FROM notes WHERE interview_id = ? ORDER BY id DESC LIMIT 1", (interview_id,)
        )
        return Note.model_validate(dict(row)) if row else None

    async def set_note(self, note_id: int, body: str) -> None:
        """Replace a note's text."""
        rows = await self._returning(
            "UPDATE notes SET body = ? WHERE id = ? RETURNING interview_id", (body, note_id)
        )
        self._touch(*(int(r[0]) for r in rows))

    async def delete_note(self, note_id: int) -> None:
        """Delete a note (the last one gone, a Notes step marked done opens again)."""
        rows = await self._returning(
            "DELETE FROM notes WHERE id = ? RETURNING interview_id", (note_id,)
        )
        for interview_id in (int(r[0]) for r in rows):
            await self._run(REOPEN_NOTES, (interview_id, interview_id))
            self._touch(interview_id)

    async def delete_referee(self, user_id: int, referee_id: int) -> None:
        """Delete the user's referee (their briefings go with it, by cascade)."""
        await self._run("DELETE FROM referees WHERE id = ? AND user_id = ?", (referee_id, user_id))
        await self._touch_user(user_id, active_only=True)

    async def belongings(self, interview_id: int) -> Belongings:
        """How many people, notes and live nudges the interview has."""
        row = await self._one(
            "SELECT (SELECT COUNT(*) FROM interviewers WHERE interview_id = ?),"
            " (SELECT COUNT(*) FROM notes WHERE interview_id = ?),"
            " (SELECT COUNT(*) FROM reminders WHERE interview_id = ?"
            "  AND state IN ('pending', 'paused'))",
            (interview_id, interview_id, interview_id),
        )
        assert row is not None
        return Belongings(people=int(row[0]), notes=int(row[1]), nudges=int(row[2]))

    async def delete_interview(self, user_id: int, interview_id: int) -> None:
        """Delete the user's interview and all that hangs off it (people, notes, steps,
        nudges: by cascade). Their other interviews are touched: the weekly nudge may have
        been carried by this one. Needs a transaction (two statements)."""
        await self._run(
            "DELETE FROM interviews WHERE id = ? AND user_id = ?", (interview_id, user_id)
        )
        await self._run(
            "UPDATE users SET current_interview_id = NULL, updated_at = ?"
            " WHERE id = ? AND current_interview_id = ?",
            (iso(utcnow()), user_id, interview_id),
        )
        await self._touch_user(user_id, active_only=True)
