"""The adviser link (issue 17): which client a staff-group topic belongs to, what they agreed
to share, and which copied messages in the staff group are theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.storage.base import Repo, iso, utcnow
from bot.storage.connection import Row

Consent = Literal["message", "summary"]


@dataclass(frozen=True)
class Queued:
    """A client's message waiting to be passed on (`id`: its row)."""

    id: int
    user_id: int
    chat_id: int
    message_id: int


@dataclass(frozen=True)
class Link:
    """A client's link: `number` is what staff see ("client 3"); `consent` None: not given
    (or taken back); `topic_id` None: no topic yet, or a group without topics."""

    number: int
    user_id: int
    consent: Consent | None
    staff_chat_id: int | None
    topic_id: int | None
    blocked: bool

    @property
    def summary(self) -> bool:
        return self.consent == "summary"


def _link(row: Row | None) -> Link | None:
    if row is None:
        return None
    consent = row["consent"]
    return Link(
        number=int(row["id"]),
        user_id=int(row["user_id"]),
        consent="summary" if consent == "summary" else "message" if consent else None,
        staff_chat_id=row["staff_chat_id"],
        topic_id=row["topic_id"],
        blocked=row["blocked_at"] is not None,
    )


class AdviserLinks(Repo):
    async def get(self, user_id: int) -> Link | None:
        return _link(await self._one("SELECT * FROM adviser_links WHERE user_id = ?", (user_id,)))

    async def by_topic(self, staff_chat_id: int, topic_id: int) -> Link | None:
        """The client whose topic this is in the staff group, if any."""
        return _link(
            await self._one(
                "SELECT * FROM adviser_links WHERE staff_chat_id = ? AND topic_id = ?",
                (staff_chat_id, topic_id),
            )
        )

    async def by_message(self, staff_chat_id: int, message_id: int) -> Link | None:
        """The client a message copied into the staff group came from, if any."""
        return _link(
            await self._one(
                "SELECT l.* FROM adviser_messages m JOIN adviser_links l USING (user_id)"
                " WHERE m.staff_chat_id = ? AND m.message_id = ?",
                (staff_chat_id, message_id),
            )
        )

    async def consent(self, user_id: int, consent: Consent | None) -> Link:
        """Record what the client agreed to share (None: /adviser stop); creates the link."""
        now = iso(utcnow())
        rows = await self._returning(
            "INSERT INTO adviser_links (user_id, consent, stopped_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET"
            " consent = excluded.consent, stopped_at = excluded.stopped_at,"
            " updated_at = excluded.updated_at RETURNING *",
            (user_id, consent, None if consent else now, now, now),
        )
        link = _link(rows[0])
        assert link is not None
        return link

    async def set_topic(
        self, user_id: int, staff_chat_id: int | None, topic_id: int | None
    ) -> None:
        """The client's topic in this staff group (None: the group has no topics; both None:
        to be opened again)."""
        await self._run(
            "UPDATE adviser_links SET staff_chat_id = ?, topic_id = ?, updated_at = ?"
            " WHERE user_id = ?",
            (staff_chat_id, topic_id, iso(utcnow()), user_id),
        )

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        """Whether Telegram last said the client blocked the bot."""
        await self._run(
            "UPDATE adviser_links SET blocked_at = ?, updated_at = ? WHERE user_id = ?",
            (iso(utcnow()) if blocked else None, iso(utcnow()), user_id),
        )

    async def queue(self, user_id: int, chat_id: int, message_id: int) -> Queued:
        """Keep a message to pass on (committed with the update that took it)."""
        rows = await self._returning(
            "INSERT INTO adviser_queue (user_id, chat_id, message_id, created_at)"
            " VALUES (?, ?, ?, ?) RETURNING id",
            (user_id, chat_id, message_id, iso(utcnow())),
        )
        return Queued(int(rows[0]["id"]), user_id, chat_id, message_id)

    async def queued(self) -> list[Queued]:
        """The messages a crash kept from being passed on, oldest first."""
        rows = await self._all("SELECT * FROM adviser_queue ORDER BY id")
        return [Queued(r["id"], r["user_id"], r["chat_id"], r["message_id"]) for r in rows]

    async def tried(self, queued_id: int) -> None:
        await self._run("DELETE FROM adviser_queue WHERE id = ?", (queued_id,))

    async def new_sitting(self, user_id: int) -> None:
        """The client opened /adviser: their next message passed on is acknowledged."""
        await self._run("UPDATE adviser_links SET acknowledged = 0 WHERE user_id = ?", (user_id,))

    async def acknowledge(self, user_id: int) -> bool:
        """True the first time since `new_sitting` (tell the client it went), then False."""
        rows = await self._returning(
            "UPDATE adviser_links SET acknowledged = 1 WHERE user_id = ? AND acknowledged = 0"
            " RETURNING user_id",
            (user_id,),
        )
        return bool(rows)

    async def copied(self, user_id: int, staff_chat_id: int, message_id: int) -> None:
        """A message of the client's now in the staff group (to find them from a reply)."""
        await self._run(
            "INSERT OR IGNORE INTO adviser_messages (staff_chat_id, message_id, user_id,"
            " created_at) VALUES (?, ?, ?, ?)",
            (staff_chat_id, message_id, user_id, iso(utcnow())),
        )
