"""The rows behind PTB persistence (bot/persistence.py): conversation states, user and chat
data, as JSON."""

from __future__ import annotations

from collections.abc import Mapping

from bot.storage.base import Repo

# A persisted row: ("conversation", name, key JSON), ("user", id, "") or ("chat", id, "").
Row = tuple[str, str | int, str]

_TABLES = {"user": ("ptb_user_data", "user_id"), "chat": ("ptb_chat_data", "chat_id")}


class PtbRows(Repo):
    async def conversations(self, name: str) -> list[tuple[str, str]]:
        """(key JSON, state JSON) of every stored conversation of this handler."""
        rows = await self._all("SELECT key, state FROM ptb_conversations WHERE name = ?", (name,))
        return [(str(r["key"]), str(r["state"])) for r in rows]

    async def data(self, kind: str) -> list[tuple[int, str]]:
        """(id, data JSON) of every stored user ("user") or chat ("chat")."""
        table, column = _TABLES[kind]
        rows = await self._all(f"SELECT {column}, data FROM {table}")
        return [(int(r[0]), str(r[1])) for r in rows]

    async def write(self, rows: Mapping[Row, str | None]) -> None:
        """Bring each row to its value (JSON, or None to delete it), inside the caller's
        transaction. Same statements each time, so SQLite reuses their compiled form."""
        for row, value in rows.items():
            if row[0] == "conversation":
                key: tuple[str | int, ...] = (row[1], row[2])
                if value is None:
                    await self._run(_DELETE_CONVERSATION, key)
                else:
                    await self._run(_PUT_CONVERSATION, (*key, value))
            else:
                table, column = _TABLES[row[0]]
                if value is None:
                    await self._run(f"DELETE FROM {table} WHERE {column} = ?", (row[1],))
                else:
                    await self._run(
                        f"INSERT INTO {table} ({column}, data) VALUES (?, ?)"
                        f" ON CONFLICT({column}) DO UPDATE SET data = excluded.data",
                        (row[1], value),
                    )


_DELETE_CONVERSATION = "DELETE FROM ptb_conversations WHERE name = ? AND key = ?"
_PUT_CONVERSATION = (
    "INSERT INTO ptb_conversations (name, key, state) VALUES (?, ?, ?)"
    " ON CONFLICT(name, key) DO UPDATE SET state = excluded.state"
)
