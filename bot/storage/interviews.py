"""Repositories of an interview and what hangs off it: its steps, follow-ups, interviewers,
notes and the company pages followed.

The writes that change what the nudges derive from note the interview as touched, so that the
transaction brings its nudges in line before it commits (see `Repo._touch`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.rules.coaching import Step, StepState
from bot.rules.models import Interview, Interviewer, Note, SocialPage, StepRow
from bot.storage.base import Repo, iso, to_sql, utcnow


class Interviews(Repo):
    _SETTABLE = frozenset(
        {
            "company",
            "role",
            "held_at",
            "next_stage",
            "asked_next_stage",
            "reply_by",
            "reply_text",
            "process_info",
            "rating",
            "went_well",
            "not_landed",
            "place",
            "forgot_to_say",
            "strengths",
            "outcome",
            "outcome_at",
            "status",
        }
    )

    async def create(
        self,
        user_id: int,
        *,
        parent_id: int | None = None,
        round: int = 1,
        logged_at: datetime | None = None,
        **values: Any,
    ) -> Interview:
        """A new interview; `values` are its first fields (company, role, an answer...)."""
        unknown = set(values) - self._SETTABLE
        if unknown:
            raise ValueError(f"not an interview field: {sorted(unknown)}")
        # created_at is when the user told us: the coaching rules compare it with the
        # interview time ("logged in advance"), so callers pass the bot's clock.
        now = iso(logged_at or utcnow())
        columns = ", ".join(["user_id", "parent_id", "round", *values, "created_at", "updated_at"])
        given = [to_sql(v) for v in values.values()]
        rows = await self._returning(
            f"INSERT INTO interviews ({columns}) VALUES ({', '.join('?' * (len(given) + 5))})"
            " RETURNING *",
            (user_id, parent_id, round, *given, now, now),
        )
        interview = Interview.model_validate(dict(rows[0]))
        if values.keys() - self._WORDS_ONLY or parent_id is not None:
            self._touch(interview.id)
        return interview

    async def get(self, interview_id: int) -> Interview | None:
        row = await self._one("SELECT * FROM interviews WHERE id = ?", (interview_id,))
        return Interview.model_validate(dict(row)) if row else None

    async def get_owned(self, user_id: int, interview_id: int) -> Interview | None:
        """The interview only if it belongs to the user (button data can be forged)."""
        row = await self._one(
            "SELECT * FROM interviews WHERE id = ? AND user_id = ?", (interview_id, user_id)
        )
        return Interview.model_validate(dict(row)) if row else None

    async def active(self, user_id: int) -> list[Interview]:
        rows = await self._all(
            "SELECT * FROM interviews WHERE user_id = ? AND status = 'active' ORDER BY id",
            (user_id,),
        )
        return [Interview.model_validate(dict(r)) for r in rows]

    async def all_for(self, user_id: int) -> list[Interview]:
        rows = await self._all("SELECT * FROM interviews WHERE user_id = ? ORDER BY id", (user_id,))
        return [Interview.model_validate(dict(r)) for r in rows]

    # The user's own words, which no due time depends on: saving them skips the nudge sync.
    _WORDS_ONLY = frozenset(
        {
            "company",
            "role",
            "next_stage",
            "process_info",
            "rating",
            "went_well",
            "not_landed",
            "place",
        }
    )

    async def update(self, interview_id: int, **values: Any) -> Interview | None:
        """Set fields; returns the interview as it now stands (None if there is no such row)."""
        unknown = set(values) - self._SETTABLE
        if unknown:
            raise ValueError(f"not an interview field: {sorted(unknown)}")
        converted = [to_sql(v) for v in values.values()]
        columns = ", ".join(f"{name} = ?" for name in values)
        rows = await self._returning(
            f"UPDATE interviews SET {columns}, updated_at = ? WHERE id = ? RETURNING *",
            (*converted, iso(utcnow()), interview_id),
        )
        if values.keys() - self._WORDS_ONLY:
            self._touch(interview_id)
        return Interview.model_validate(dict(rows[0])) if rows else None

    async def steps(self, interview_id: int) -> dict[Step, StepState]:
        rows = await self._all(
            "SELECT * FROM interview_steps WHERE interview_id = ?", (interview_id,)
        )
        return {StepRow.model_validate(dict(r)).step: StepState(r["state"]) for r in rows}

    async def active_with(self, user_id: int, also: int | None = None) -> list[Interview]:
        """The user's active interviews, and interview `also` whatever its status."""
        rows = await self._all(
            "SELECT * FROM interviews WHERE user_id = ? AND (status = 'active' OR id = ?)"
            " ORDER BY id",
            (user_id, also),
        )
        return [Interview.model_validate(dict(r)) for r in rows]

    async def steps_of_user(self, user_id: int) -> dict[int, dict[Step, StepState]]:
        """Step states of all the user's interviews in one query: interview id -> states."""
        rows = await self._all(
            "SELECT s.interview_id, s.step, s.state FROM interview_steps s"
            " JOIN interviews i ON i.id = s.interview_id WHERE i.user_id = ?",
            (user_id,),
        )
        found: dict[int, dict[Step, StepState]] = {}
        for r in rows:
            found.setdefault(int(r[0]), {})[Step(r[1])] = StepState(r[2])
        return found

    async def followups_of_user(self, user_id: int) -> dict[int, list[datetime]]:
        """Follow-ups sent, for all the user's interviews in one query, oldest first."""
        rows = await self._all(
            "SELECT f.interview_id, f.sent_at FROM followups f"
            " JOIN interviews i ON i.id = f.interview_id WHERE i.user_id = ? ORDER BY f.sent_at",
            (user_id,),
        )
        found: dict[int, list[datetime]] = {}
        for r in rows:
            found.setdefault(int(r[0]), []).append(datetime.fromisoformat(r[1]))
        return found

    async def set_step(self, interview_id: int, step: Step, state: StepState) -> None:
        await self._run(
            "INSERT INTO interview_steps (interview_id, step, state, updated_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(interview_id, step)"
            " DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (interview_id, step.value, state.value, iso(utcnow())),
        )
        self._touch(interview_id)

    async def clear_steps(self, interview_id: int, steps: Sequence[Step]) -> None:
        """Forget what was stored for these steps: they are as the rules derive them again."""
        for step in steps:
            await self._run(
                "DELETE FROM interview_steps WHERE interview_id = ? AND step = ?",
                (interview_id, step.value),
            )
        self._touch(interview_id)

    async def add_followup(self, interview_id: int, sent_at: datetime) -> None:
        await self._run(
            "INSERT INTO followups (interview_id, sent_at) VALUES (?, ?)",
            (interview_id, iso(sent_at)),
        )
        self._touch(interview_id)

    async def followups(self, interview_id: int) -> list[datetime]:
        rows = await self._all(
            "SELECT sent_at FROM followups WHERE interview_id = ? ORDER BY sent_at",
            (interview_id,),
        )
        return [datetime.fromisoformat(r["sent_at"]) for r in rows]


class Interviewers(Repo):
    async def add(
        self,
        interview_id: int,
        name: str,
        email: str | None = None,
        job_title: str | None = None,
    ) -> Interviewer:
        rows = await self._returning(
            "INSERT INTO interviewers (interview_id, name, email, job_title, created_at)"
            " VALUES (?, ?, ?, ?, ?) RETURNING *",
            (interview_id, name, email, job_title, iso(utcnow())),
        )
        self._touch(interview_id)
        return Interviewer.model_validate(dict(rows[0]))

    async def get(self, interviewer_id: int) -> Interviewer | None:
        row = await self._one("SELECT * FROM interviewers WHERE id = ?", (interviewer_id,))
        return Interviewer.model_validate(dict(row)) if row else None

    async def for_interview(self, interview_id: int) -> list[Interviewer]:
        rows = await self._all(
            "SELECT * FROM interviewers WHERE interview_id = ? ORDER BY id", (interview_id,)
        )
        return [Interviewer.model_validate(dict(r)) for r in rows]

    async def set_email(self, interviewer_id: int, email: str | None) -> None:
        await self._run("UPDATE interviewers SET email = ? WHERE id = ?", (email, interviewer_id))

    async def set_address(self, interviewer_id: int, address: str | None) -> None:
        """How the drafts greet the interviewer ("Priya", "Dr Ward"); None: not chosen."""
        await self._run(
            "UPDATE interviewers SET address = ? WHERE id = ?", (address, interviewer_id)
        )

    async def set_enjoyed(self, interviewer_id: int, text: str | None) -> None:
        """The end of "I enjoyed hearing about …" for the thank-you to this interviewer."""
        await self._run("UPDATE interviewers SET enjoyed = ? WHERE id = ?", (text, interviewer_id))

    async def set_extra_point(self, interviewer_id: int, text: str | None) -> None:
        await self._run(
            "UPDATE interviewers SET extra_point = ? WHERE id = ?", (text, interviewer_id)
        )

    async def mark_thanked(self, interviewer_id: int, when: datetime | None) -> None:
        rows = await self._returning(
            "UPDATE interviewers SET thanks_sent_at = ? WHERE id = ? RETURNING interview_id",
            (iso(when) if when else None, interviewer_id),
        )
        self._touch(*(int(r[0]) for r in rows))


class Notes(Repo):
    async def add(self, interview_id: int, body: str) -> Note:
        rows = await self._returning(
            "INSERT INTO notes (interview_id, body, created_at) VALUES (?, ?, ?) RETURNING *",
            (interview_id, body, iso(utcnow())),
        )
        self._touch(interview_id)
        return Note.model_validate(dict(rows[0]))

    async def for_interview(self, interview_id: int) -> list[Note]:
        rows = await self._all(
            "SELECT * FROM notes WHERE interview_id = ? ORDER BY id", (interview_id,)
        )
        return [Note.model_validate(dict(r)) for r in rows]

    async def delete(self, interview_id: int, note_ids: Sequence[int]) -> None:
        """Delete these notes of the interview (ids of another interview's notes are left)."""
        for note_id in note_ids:
            await self._run(
                "DELETE FROM notes WHERE id = ? AND interview_id = ?", (note_id, interview_id)
            )
        await self._run(REOPEN_NOTES, (interview_id, interview_id))
        self._touch(interview_id)


# Notes marked done with none left (the last one deleted) are no longer done: the step opens
# again, as if never marked, and its nudge comes back (issue 15: /status still said ✅).
REOPEN_NOTES = (
    "DELETE FROM interview_steps WHERE interview_id = ? AND step = 'notes' AND state = 'done'"
    " AND NOT EXISTS (SELECT 1 FROM notes WHERE interview_id = ?)"
)


class SocialPages(Repo):
    async def add(self, interview_id: int, page: str) -> None:
        await self._run(
            "INSERT INTO social_pages (interview_id, page, created_at) VALUES (?, ?, ?)",
            (interview_id, page, iso(utcnow())),
        )
        self._touch(interview_id)

    async def for_interview(self, interview_id: int) -> list[SocialPage]:
        rows = await self._all(
            "SELECT * FROM social_pages WHERE interview_id = ? ORDER BY id", (interview_id,)
        )
        return [SocialPage.model_validate(dict(r)) for r in rows]
