"""The referees repository: referees belong to the user and serve all their interviews."""

from __future__ import annotations

from typing import Any

from bot.rules.models import Referee
from bot.storage.base import Repo, iso, to_sql, utcnow


class Referees(Repo):
    async def add(
        self,
        user_id: int,
        name: str,
        contact: str | None = None,
        relationship: str | None = None,
        permission: bool = False,
    ) -> Referee:
        rows = await self._returning(
            "INSERT INTO referees (user_id, name, contact, relationship, permission, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING *",
            (user_id, name, contact, relationship, int(permission), iso(utcnow())),
        )
        await self._touch_user(user_id, active_only=True)
        return Referee.model_validate(dict(rows[0]))

    async def get_owned(self, user_id: int, referee_id: int) -> Referee | None:
        row = await self._one(
            "SELECT * FROM referees WHERE id = ? AND user_id = ?", (referee_id, user_id)
        )
        return Referee.model_validate(dict(row)) if row else None

    async def for_user(self, user_id: int) -> list[Referee]:
        rows = await self._all("SELECT * FROM referees WHERE user_id = ? ORDER BY id", (user_id,))
        return [Referee.model_validate(dict(r)) for r in rows]

    _SETTABLE = frozenset({"name", "contact", "relationship", "permission", "address"})

    async def update(self, referee_id: int, **values: Any) -> None:
        unknown = set(values) - self._SETTABLE
        if unknown:
            raise ValueError(f"not a referee field: {sorted(unknown)}")
        columns = ", ".join(f"{name} = ?" for name in values)
        rows = await self._returning(
            f"UPDATE referees SET {columns} WHERE id = ? RETURNING user_id",
            (*[to_sql(v) for v in values.values()], referee_id),
        )
        for row in rows:
            await self._touch_user(int(row[0]), active_only=True)

    async def mark_briefed(self, interview_id: int, referee_id: int) -> None:
        await self._run(
            "INSERT OR IGNORE INTO referee_briefings (interview_id, referee_id, briefed_at)"
            " VALUES (?, ?, ?)",
            (interview_id, referee_id, iso(utcnow())),
        )
        self._touch(interview_id)

    async def briefed_ids(self, interview_id: int) -> set[int]:
        rows = await self._all(
            "SELECT referee_id FROM referee_briefings WHERE interview_id = ?", (interview_id,)
        )
        return {int(r["referee_id"]) for r in rows}
