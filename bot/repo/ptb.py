"""The rows behind PTB persistence (bot/persistence.py): conversation states, user and chat
data, as JSON. Writes are statements for `Store.script`, so that a whole batch of them is one
transaction and one round trip to the database thread."""

from __future__ import annotations

from bot.repo.base import Repo, sql_literal

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


def statement(row: Row, value: str | None) -> str:
    """The SQL that brings one row to `value` (JSON, or None to delete it)."""
    if row[0] == "conversation":
        name, key = sql_literal(row[1]), sql_literal(row[2])
        if value is None:
            return f"DELETE FROM ptb_conversations WHERE name = {name} AND key = {key}"
        return (
            f"INSERT INTO ptb_conversations (name, key, state) VALUES ({name}, {key},"
            f" {sql_literal(value)}) ON CONFLICT(name, key) DO UPDATE SET state = excluded.state"
        )
    table, column = _TABLES[row[0]]
    ident = sql_literal(row[1])
    if value is None:
        return f"DELETE FROM {table} WHERE {column} = {ident}"
    return (
        f"INSERT INTO {table} ({column}, data) VALUES ({ident}, {sql_literal(value)})"
        f" ON CONFLICT({column}) DO UPDATE SET data = excluded.data"
    )
