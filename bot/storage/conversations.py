"""Each user's pending question and scratch data, and the outbox of replies not yet sent.

Read once per update (a primary-key lookup) and written, when changed, in the same transaction
as the answer that moved it; nothing is kept in memory between updates, so start-up and memory
do not depend on how many users the database holds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.storage.base import Repo, iso


@dataclass
class Pending:
    """A user's conversation: the step (`name`) and `state` of the question they were asked
    last (both None when nothing is pending), the step's scratch `data` (JSON-safe values),
    and the id of the last update handled for them."""

    user_id: int
    name: str | None = None
    state: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    update_id: int | None = None
    known: bool = False  # the user has a row (read with the conversation, one query)
    paused: bool = False  # their nudges are paused (Telegram said they blocked the bot)
    forgotten: bool = False  # the user's rows were deleted (/forget): write nothing back


@dataclass(frozen=True)
class Queued:
    """A Bot API call committed to the outbox: `method` with JSON `params`."""

    id: int
    user_id: int
    method: str
    params: dict[str, Any]


class Conversations(Repo):
    async def get(self, user_id: int) -> Pending:
        """The user's conversation (an empty one, nothing pending, when none is stored), with
        whether they have a row at all and whether their nudges are paused: one query."""
        row = await self._one(
            "SELECT u.paused, c.name, c.state, c.data, c.update_id FROM users u"
            " LEFT JOIN conversations c ON c.user_id = u.id WHERE u.id = ?",
            (user_id,),
        )
        if row is None:
            return Pending(user_id)
        data = json.loads(row["data"]) if row["data"] is not None else {}
        pending = Pending(user_id, row["name"], row["state"], data, row["update_id"])
        pending.known, pending.paused = True, bool(row["paused"])
        return pending

    async def put(self, pending: Pending, now: datetime) -> None:
        """Store the conversation as it now stands (inside the caller's transaction)."""
        await self._run(
            "INSERT INTO conversations (user_id, name, state, data, update_id, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET"
            " name = excluded.name, state = excluded.state, data = excluded.data,"
            " update_id = excluded.update_id, updated_at = excluded.updated_at",
            (
                pending.user_id,
                pending.name,
                pending.state,
                json.dumps(pending.data),
                pending.update_id,
                iso(now),
            ),
        )


class Outbox(Repo):
    async def add(
        self, user_id: int, calls: Sequence[tuple[str, dict[str, Any]]], now: datetime
    ) -> list[int]:
        """Queue Bot API calls (method, params) for a user; returns their ids, in order."""
        ids: list[int] = []
        for method, params in calls:
            rows = await self._returning(
                "INSERT INTO outbox (user_id, method, params, created_at) VALUES (?, ?, ?, ?)"
                " RETURNING id",
                (user_id, method, json.dumps(params), iso(now)),
            )
            ids.append(int(rows[0]["id"]))
        return ids

    async def done(self, ids: Sequence[int]) -> None:
        """Forget calls that Telegram has taken (or refused for good)."""
        if ids:
            marks = ",".join("?" * len(ids))
            await self._run(f"DELETE FROM outbox WHERE id IN ({marks})", tuple(ids))

    async def left(self, older_than: datetime | None = None, limit: int = 1000) -> list[Queued]:
        """Calls left unsent (by a crash, or the network), oldest first; with `older_than`
        (UTC), only those queued before it."""
        before = iso(older_than) if older_than is not None else "9999"
        rows = await self._all(
            "SELECT id, user_id, method, params FROM outbox WHERE created_at < ?"
            " ORDER BY id LIMIT ?",
            (before, limit),
        )
        return [
            Queued(int(r["id"]), int(r["user_id"]), str(r["method"]), json.loads(r["params"]))
            for r in rows
        ]
