"""The users table: one row per person who wrote to the bot, with their settings."""

from __future__ import annotations

from typing import Any

from bot.rules.models import User
from bot.storage.base import Repo, iso, utcnow
from bot.storage.dialect import for_update


class Users(Repo):
    async def get(self, user_id: int) -> User | None:
        row = await self._one("SELECT * FROM users WHERE id = ?", (user_id,))
        return User.model_validate(dict(row)) if row else None

    async def owner_locked(self, interview_id: int) -> User | None:
        """The user whose interview this is, their row locked until the transaction ends
        (PostgreSQL: FOR UPDATE), so that a second transaction asking the same waits for
        this one; None if there is no such interview."""
        row = await self._one(
            "SELECT * FROM users WHERE id = (SELECT user_id FROM interviews WHERE id = ?)"
            + for_update(self.db.dialect),
            (interview_id,),
        )
        return User.model_validate(dict(row)) if row else None

    async def ensure(self, user_id: int, chat_id: int, first_name: str) -> User:
        """Insert the user on first contact; later contacts refresh name and unpause nudges."""
        now = iso(utcnow())
        rows = await self._returning(
            "INSERT INTO users (id, chat_id, first_name, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET chat_id = excluded.chat_id,"
            " first_name = excluded.first_name, paused = 0, updated_at = excluded.updated_at"
            " RETURNING *",
            (user_id, chat_id, first_name, now, now),
        )
        return User.model_validate(dict(rows[0]))

    _SETTABLE = frozenset(
        {
            "tz",
            "country",
            "region",
            "quiet_start",
            "quiet_end",
            "reminders_on",
            "weekly_on",
            "paused",
            "current_interview_id",
        }
    )

    # Settings the nudges derive from: zone and holidays (due times), quiet hours, switches.
    _MOVES_NUDGES = frozenset(
        {"tz", "country", "region", "quiet_start", "quiet_end", "reminders_on", "weekly_on"}
    )

    async def update(self, user_id: int, **values: Any) -> None:
        unknown = set(values) - self._SETTABLE
        if unknown:
            raise ValueError(f"not a user setting: {sorted(unknown)}")
        columns = ", ".join(f"{name} = ?" for name in values)
        await self._run(
            f"UPDATE users SET {columns}, updated_at = ? WHERE id = ?",
            (*values.values(), iso(utcnow()), user_id),
        )
        if self._MOVES_NUDGES & values.keys():
            # Every interview, closed ones too (they may hold a keep-in-touch nudge).
            await self._touch_user(user_id)
