"""Every difference between SQLite and PostgreSQL the bot depends on, named in one place.

The repositories and the numbered migrations are written once, in SQLite's dialect; on
PostgreSQL each statement passes through `Postgres.statement` and each migration through
`Postgres.schema` (both cached or run once). The differences, and what each becomes:

- Placeholders: `?` (positional) and `:name` (named, /export and /forget) become `$1, $2, ...`
  in order; string literals and quoted names are left alone.
- `INSERT OR IGNORE INTO t ...` becomes `INSERT INTO t ... ON CONFLICT DO NOTHING`.
- `x IS ?` (NULL-safe equality) becomes `x IS NOT DISTINCT FROM $n`.
- The row id of an INSERT (sqlite3's `lastrowid`) comes back through `RETURNING id`.
- `BEGIN IMMEDIATE` (SQLite's write lock up front) becomes `BEGIN` at READ COMMITTED. Unlike
  SQLite's one writer, several transactions of a process run at once (bot/storage/lanes.py),
  but one user's updates are handled in order and every write of the bot is a keyed update
  or insert on that user's rows, so SERIALIZABLE would add retry paths and no safety. What
  two transactions may share takes explicit locks where it is written: nudge claims skip
  rows others hold (`skip_locked`), the nudge sync locks its user's row (`for_update`), the
  leader holds an advisory lock.
- Introspection (/export and /forget walk the schema; /stats checks for a column): SQLite's
  `sqlite_master` and `pragma_*` functions, PostgreSQL's catalogue; the same column names back.
- The schema version: SQLite's `PRAGMA user_version`, a one-row `schema_version` table.
- Types in migrations: `id INTEGER PRIMARY KEY` (the rowid) becomes a BIGINT identity column;
  every other INTEGER a BIGINT (Telegram ids pass 2^31; booleans stay integers 0/1); TEXT
  becomes `TEXT COLLATE "C"`, so that text sorts and compares byte by byte as in SQLite
  whatever locale the server was created with (times are ISO text and compared as text).
- What cannot be translated mechanically has a per-dialect file beside the migration,
  `NNN_name.postgresql.sql` (see bot/storage/migrations/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Statement:
    """A statement ready for PostgreSQL: its text and the order its parameters go in
    (positions into a sequence for `?`, names into a dict for `:name`)."""

    sql: str
    names: tuple[str, ...] = ()


class Dialect:
    """SQLite's dialect (what the repositories are written in): nothing to translate."""

    name = "sqlite"
    begin = "BEGIN IMMEDIATE"
    # A read-only transaction that sees one moment of the database (afterview copy-db's
    # source): in WAL mode SQLite's read transaction is that snapshot, from its first read.
    snapshot = "BEGIN"
    tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    # One parameter: the table's name. Columns: name.
    columns = "SELECT name FROM pragma_table_info(?) ORDER BY cid"
    # One parameter: the table's name. Columns: from, table, to (NULL: the parent's key).
    foreign_keys = 'SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)'
    # One parameter: the table's name. Columns: name, in the key's order (none: no key).
    primary_key = "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk"


class Postgres(Dialect):
    name = "postgresql"
    begin = "BEGIN"
    snapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    # pg_catalog rather than information_schema: the same answers, many times faster.
    tables = (
        "SELECT relname::text AS name FROM pg_class"
        " WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')"
        " AND relname <> 'schema_version'"
    )
    columns = (
        "SELECT a.attname::text AS name FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid"
        " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ?"
        " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"
    )
    foreign_keys = (
        'SELECT a.attname::text AS "from", p.relname::text AS "table", pa.attname::text AS "to"'
        " FROM pg_constraint c"
        " JOIN pg_class t ON t.oid = c.conrelid"
        " JOIN pg_class p ON p.oid = c.confrelid"
        " CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(src, dst)"
        " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.src"
        " JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.dst"
        " WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace"
        " AND t.relname = ?"
    )
    primary_key = (
        "SELECT a.attname::text AS name FROM pg_index i"
        " JOIN pg_class t ON t.oid = i.indrelid"
        " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(num, pos)"
        " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num"
        " WHERE i.indisprimary AND t.relnamespace = current_schema()::regnamespace"
        " AND t.relname = ? ORDER BY k.pos"
    )

    @staticmethod
    def statement(sql: str, *, returning_id: bool = False) -> Statement:
        """`sql` (SQLite's dialect) as PostgreSQL runs it; `returning_id`: an INSERT whose new
        row id the caller wants (sqlite3's lastrowid), through RETURNING id. Cached: the
        repositories' texts are fixed but for the length of their IN lists."""
        return _statement(sql, returning_id)

    @staticmethod
    def inserts_into(sql: str) -> str | None:
        """The table an INSERT writes to (None: not an INSERT, or one with RETURNING)."""
        found = _INSERT_INTO.match(sql)
        return found.group(1) if found and not _RETURNING.search(sql) else None

    @staticmethod
    def schema(sql: str) -> str:
        """A migration's text for PostgreSQL (types; see the module's docstring)."""
        sql = re.sub(r"--[^\n]*", "", sql)  # comments may hold the words replaced below
        sql = re.sub(
            r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b",
            "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            sql,
        )
        sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
        return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql)


SQLITE = Dialect()
POSTGRES = Postgres()

# A quoted literal or name (left alone), a placeholder, or a `:name` not part of a `::` cast.
_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|\?|(?<!:):([A-Za-z_][A-Za-z0-9_]*)""")
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_INSERT_INTO = re.compile(
    r'^\s*INSERT\s+(?:OR\s+IGNORE\s+)?INTO\s+"?([A-Za-z_][A-Za-z0-9_]*)', re.IGNORECASE
)
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)
_IS_PARAM = re.compile(r"\bIS\s+(NOT\s+)?\?", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _statement(sql: str, returning_id: bool) -> Statement:
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return Statement(POSTGRES.begin)
    sql = _IS_PARAM.sub(
        lambda m: "IS DISTINCT FROM ?" if m.group(1) else "IS NOT DISTINCT FROM ?", sql
    )
    if _OR_IGNORE.match(sql):
        sql = _OR_IGNORE.sub("INSERT INTO", sql, count=1)
        found = _RETURNING.search(sql)
        cut = found.start() if found else len(sql)
        sql = f"{sql[:cut].rstrip()} ON CONFLICT DO NOTHING {sql[cut:]}".rstrip()
    if returning_id:
        sql += " RETURNING id"
    return _numbered(sql)


def _numbered(sql: str) -> Statement:
    """`?` and `:name` as `$1, $2, ...` (a name used twice is one parameter)."""
    names: list[str] = []
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group(0) == "?":
            count += 1
            return f"${count}"
        name = match.group(1)
        if name is None:
            return match.group(0)  # a quoted literal or name
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return Statement(_TOKEN.sub(number, sql), tuple(names))


# --- Nudge claims (issue 16: leader and standby) --------------------------------------------


def skip_locked(dialect: Dialect) -> str:
    """The clause that makes a claim's SELECT lock its rows and pass over rows another
    transaction has locked: `FOR UPDATE SKIP LOCKED` on PostgreSQL (two claims at once never
    wait for, or take, each other's rows). SQLite has no row locks and one writer at a time
    (`BEGIN IMMEDIATE`): nothing to add."""
    return " FOR UPDATE SKIP LOCKED" if dialect.name == POSTGRES.name else ""


def for_update(dialect: Dialect) -> str:
    """The clause that makes a SELECT lock its rows until COMMIT: `FOR UPDATE` on PostgreSQL,
    where one process runs several transactions at once (bot/storage/lanes.py) and the nudge
    sync of one user must not run in two of them at the same time. SQLite: one writer at a
    time already, nothing to add."""
    return " FOR UPDATE" if dialect.name == POSTGRES.name else ""
