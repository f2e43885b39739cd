"""A database's tables as `afterview copy-db` sees them: columns, primary key, foreign keys, the
order to fill them in, and their rows read in primary-key order, in batches; and the two
things a copy does to a whole database that differ between the backends (triggers off and
on; identity sequences moved past the copied ids).

Read from the catalogue through bot/storage/dialect.py, so a new migration needs no change
here. Rows come back normalised (see `normalised`), so that the same row read from SQLite and
from PostgreSQL compares equal.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from bot.storage.connection import Connection

BATCH = 5000  # rows per read and per insert: memory stays flat on a large database


def quoted(name: str) -> str:
    """`name` as an SQL identifier (both dialects quote with double quotes)."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Table:
    """One table: its columns (catalogue order), its primary key's columns (empty: none), the
    tables its foreign keys point at, and its columns that point at itself
    (interviews.parent_id), which are filled in after the rows."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    parents: frozenset[str]
    self_refs: tuple[str, ...]

    @property
    def order(self) -> tuple[str, ...]:
        """The columns rows are sorted by: the key, else every column."""
        return self.key or self.columns


async def read_tables(db: Connection) -> dict[str, Table]:
    """Every table of the database (not SQLite's own, not PostgreSQL's `schema_version`)."""
    found: dict[str, Table] = {}
    for row in await db.execute_fetchall(db.dialect.tables):
        name = str(row["name"])
        columns = tuple(
            str(r["name"]) for r in await db.execute_fetchall(db.dialect.columns, (name,))
        )
        key = tuple(
            str(r["name"]) for r in await db.execute_fetchall(db.dialect.primary_key, (name,))
        )
        links = await db.execute_fetchall(db.dialect.foreign_keys, (name,))
        parents = frozenset(str(r["table"]) for r in links if str(r["table"]) != name)
        self_refs = tuple(sorted({str(r["from"]) for r in links if str(r["table"]) == name}))
        found[name] = Table(name, columns, key, parents, self_refs)
    return found


def fill_order(tables: dict[str, Table]) -> list[Table]:
    """The tables parents first (a foreign key's target before the table pointing at it),
    otherwise by name. Raises ValueError on a cycle between tables."""
    done: list[Table] = []
    placed: set[str] = set()
    waiting = sorted(tables)
    while waiting:
        ready = [n for n in waiting if tables[n].parents & set(tables) <= placed]
        if not ready:
            raise ValueError(f"foreign keys form a cycle between {', '.join(waiting)}")
        for name in ready:
            done.append(tables[name])
            placed.add(name)
        waiting = [n for n in waiting if n not in placed]
    return done


def normalised(value: Any) -> Any:
    """A value as both backends agree on it: booleans as 0/1, blobs as bytes; the rest as is
    (the schema's types are integers and text on both)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, memoryview | bytearray):
        return bytes(value)
    return value


async def batches(db: Connection, table: Table) -> AsyncIterator[list[tuple[Any, ...]]]:
    """The table's rows (its columns in `table.columns` order, normalised), sorted by its key,
    `BATCH` at a time. Both backends sort text byte by byte (PostgreSQL's columns are
    COLLATE "C"), so the same rows come in the same order from either."""
    columns = ", ".join(quoted(c) for c in table.columns)
    order = ", ".join(quoted(c) for c in table.order)
    base = f"SELECT {columns} FROM {quoted(table.name)}"
    if not table.key:  # no key to page by (no such table today): all at once
        rows = await db.execute_fetchall(f"{base} ORDER BY {order}")
        yield [tuple(normalised(v) for v in row) for row in rows]
        return
    at = [table.columns.index(c) for c in table.key]
    after: Sequence[Any] | None = None
    while True:
        where = ""
        if after is not None:
            marks = ", ".join("?" for _ in table.key)
            where = f" WHERE ({order}) > ({marks})"
        sql = f"{base}{where} ORDER BY {order} LIMIT {BATCH}"
        rows = await db.execute_fetchall(sql, list(after or ()))
        if not rows:
            return
        batch = [tuple(normalised(v) for v in row) for row in rows]
        yield batch
        if len(rows) < BATCH:
            return
        after = [batch[-1][i] for i in at]


async def triggers_off(db: Connection) -> list[tuple[str, str]]:
    """Stop the target's triggers for the copy; returns what `triggers_on` needs. SQLite
    can't disable a trigger: it is dropped and created again, inside the transaction."""
    if db.dialect.name == "sqlite":
        rows = await db.execute_fetchall(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        )
        found = [(str(r["name"]), str(r["sql"])) for r in rows]
        for name, _ in found:
            await db.execute(f"DROP TRIGGER {quoted(name)}")
        return found
    rows = await db.execute_fetchall(
        "SELECT DISTINCT event_object_table AS name FROM information_schema.triggers"
        " WHERE trigger_schema = current_schema() ORDER BY 1"
    )
    found = [(str(r["name"]), "") for r in rows]
    for table, _ in found:
        # USER: the triggers the migrations made, not the ones behind foreign keys.
        await db.execute(f"ALTER TABLE {quoted(table)} DISABLE TRIGGER USER")
    return found


async def triggers_on(db: Connection, triggers: list[tuple[str, str]]) -> None:
    """Put back the triggers `triggers_off` stopped (inside the same transaction)."""
    for name, sql in triggers:
        if db.dialect.name == "sqlite":
            await db.execute(sql)
        else:
            await db.execute(f"ALTER TABLE {quoted(name)} ENABLE TRIGGER USER")


async def restart_identities(db: Connection) -> None:
    """PostgreSQL: each identity column's next value past the copied ids (the copy wrote the
    ids itself, so the sequences never moved). SQLite takes the largest rowid plus one."""
    if db.dialect.name == "sqlite":
        return
    rows = await db.execute_fetchall(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND is_identity = 'YES'"
    )
    for row in rows:
        table, column = quoted(str(row[0])), quoted(str(row[1]))
        await db.execute_fetchall(
            f"SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(max({column}), 0) + 1, false)"
            f" FROM {table}",
            (table, str(row[1])),
        )
