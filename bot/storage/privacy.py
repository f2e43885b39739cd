"""/export and /forget: every row that belongs to one user, found through the schema itself.

Rather than a hand-kept list of tables (which a new migration would silently outdate), the
tables are read from the database's catalogue (bot/storage/dialect.py): a table holds the
user's rows when it points at `users`, directly or through other tables, by a foreign key or
by a column named like one (`user_id`, `interview_id`, ...): the conversation state and the
outbox are found like the rest.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from bot.storage.base import Repo

# Columns that point at a table even where a migration declared no foreign key.
_IMPLIED_LINKS = {
    "user_id": "users",
    "interview_id": "interviews",
    "interviewer_id": "interviewers",
    "referee_id": "referees",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Privacy(Repo):
    async def _tables(self) -> list[str]:
        rows = await self._all(f"{self.db.dialect.tables} ORDER BY name")
        return [str(r["name"]) for r in rows]

    async def _links(self, table: str) -> list[tuple[str, str, str]]:
        """(column, parent table, parent column) for every pointer out of `table`."""
        links: list[tuple[str, str, str]] = []
        for fk in await self._all(self.db.dialect.foreign_keys, (table,)):
            links.append((str(fk["from"]), str(fk["table"]), str(fk["to"] or "id")))
        declared = {column for column, _, _ in links}
        for col in await self._all(self.db.dialect.columns, (table,)):
            name = str(col["name"])
            parent = _IMPLIED_LINKS.get(name)
            if parent and name not in declared and parent != table:
                links.append((name, parent, "id"))
        return [link for link in links if link[1] != table]  # interviews.parent_id: same user

    async def scopes(self) -> dict[str, tuple[int, str]]:
        """Each table holding user rows: (distance from users, WHERE clause on :uid)."""
        tables = await self._tables()
        links = {t: await self._links(t) for t in tables}
        found: dict[str, tuple[int, str]] = {"users": (0, "id = :uid")}
        changed = True
        while changed:
            changed = False
            for table in tables:
                via = [
                    (
                        found[parent][0],
                        f"{_quote(column)} IN (SELECT {_quote(to)}"
                        f" FROM {_quote(parent)} WHERE {found[parent][1]})",
                    )
                    for column, parent, to in links[table]
                    if parent in found
                ]
                if table == "users" or not via:
                    continue
                clause = " OR ".join(c for _, c in via)
                entry = (min(d for d, _ in via) + 1, clause)
                if found.get(table) != entry:
                    found[table], changed = entry, True
        return found

    async def export(self, user_id: int, chat_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row of the user, table by table."""
        params = {"uid": user_id, "chat": chat_id}
        result: dict[str, list[dict[str, Any]]] = {}
        clauses = {t: c for t, (_, c) in (await self.scopes()).items()}
        for table, clause in sorted(clauses.items()):
            found = await self.db.execute_fetchall(
                f"SELECT * FROM {_quote(table)} WHERE {clause}", params
            )
            rows = [dict(r) for r in found]
            result[table] = [_readable(table, r) for r in rows] if table in _JSON_COLUMNS else rows
        return result

    async def delete(self, user_id: int, chat_id: int) -> int:
        """Delete every row of the user, children before parents; returns rows deleted."""
        params = {"uid": user_id, "chat": chat_id}
        scopes = await self.scopes()
        order = sorted(scopes, key=lambda t: -scopes[t][0])
        total = 0
        for table in order:
            total += await self._count(
                f"DELETE FROM {_quote(table)} WHERE {scopes[table][1]}", params
            )
        return total

    async def _count(self, sql: str, params: dict[str, Any]) -> int:
        self._writing()
        return await self.db.execute(sql, params)

    async def rows_of(self, user_id: int, chat_id: int) -> dict[str, int]:
        """How many rows each table still holds for the user (what /forget must leave at 0)."""
        exported = await self.export(user_id, chat_id)
        return {table: len(rows) for table, rows in exported.items()}


# Columns holding JSON text: exported as JSON, not as strings of JSON.
_JSON_COLUMNS = {"conversations": ("data",), "outbox": ("params",)}


def _readable(table: str, row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_COLUMNS.get(table, ()):
        value = row.get(key)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                row[key] = json.loads(value)
    return row
