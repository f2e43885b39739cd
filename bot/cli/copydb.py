"""`afterview copy-db --from SOURCE --to TARGET`: an organisation's data from its SQLite file
into PostgreSQL, or back (bot/storage/copying.py), with one line per table once every row is
checked. A refusal or a failure is one line and exit status 2: never a traceback, never the
password of a URL.

Without `--to`, the target is DATABASE_URL from the environment: the database the bot is
configured with, and no password on the command line (where `ps` and shell histories see it).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from typing import NoReturn
from urllib.parse import parse_qsl, urlsplit


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `copy-db` command to afterview's sub-commands."""
    copy = sub.add_parser(
        "copy-db",
        help="copy every row of a database into an empty one (SQLite <-> PostgreSQL), checked",
        description=__doc__,
    )
    copy.add_argument(
        "--from", dest="source", required=True, help="a SQLite file, or postgresql://..."
    )
    copy.add_argument(
        "--to",
        dest="target",
        default=None,
        help="an empty database: a file, or postgresql://... (default: DATABASE_URL)",
    )


def _configured_url() -> str | None:
    """DATABASE_URL as the settings read it (the environment or `.env`); None when unset or
    when the settings can't be read (the caller then asks for --to)."""
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings().postgres_url
    except ValidationError:
        return None


def main(args: argparse.Namespace) -> None:
    """Run the copy the arguments name; print its summary or exit 2 with one line."""
    # Imported here: the other commands don't need the copy's modules or the driver.
    import asyncpg

    from bot.storage.copying import CopyError, copy_database, shown

    if args.target is None:
        args.target = _configured_url()
        if args.target is None:
            _fail("name the target with --to (or set DATABASE_URL)", args)
    try:
        report = asyncio.run(copy_database(args.source, args.target))
    except CopyError as exc:
        _fail(str(exc), args)
    except (sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        _fail(f"copy failed: {exc}", args)
    except OSError as exc:  # a server out of reach, a folder not writable
        _fail(f"copy failed: {exc.strerror or exc}", args)
    width = max(len(name) for name, _ in report.tables)
    for name, rows in report.tables:
        print(f"{name:<{width}}  {rows:>9} rows copied, equal row by row")
    total = sum(rows for _, rows in report.tables)
    print(
        f"copied {total} rows in {len(report.tables)} tables from {shown(args.source)}"
        f" to {shown(args.target)} (schema version {report.version})"
    )


def _fail(message: str, args: argparse.Namespace) -> NoReturn:
    for secret in _passwords(args.source) + _passwords(args.target or ""):
        message = message.replace(secret, "***")
    print(f"afterview: {message}", file=sys.stderr)
    raise SystemExit(2)


def _passwords(location: str) -> list[str]:
    """The passwords a URL carries (in its user part or as ?password=), to blank them."""
    parts = urlsplit(location)
    if parts.scheme not in ("postgresql", "postgres"):
        return []
    found = [v for k, v in parse_qsl(parts.query) if k == "password" and v]
    return found + ([parts.password] if parts.password else [])
