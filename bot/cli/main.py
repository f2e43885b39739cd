"""The thin entry point: `python -m bot` or `afterview`. Settings in, bot running, one clear
line and a non-zero exit when it can't start (never a traceback, never the token).

Commands: `run` (the default: long polling or a webhook, as UPDATE_MODE says), `chat` (the
same bot in this terminal, no Telegram needed), `backup PATH`, `health` and `copy-db`.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pydantic import ValidationError
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError

from bot.cli import copydb, loop
from bot.rules import parsing
from bot.settings import Settings
from bot.tg import logs

if TYPE_CHECKING:
    from bot.app import AfterviewApplication

log = logging.getLogger("afterview")


def configure_logging(level: str, secrets: tuple[str, ...] = ()) -> None:
    # Secrets are blanked from every line; httpx (whose URLs hold the token) is kept quiet.
    logs.configure(level, secrets)


def secrets_of(settings: Settings) -> tuple[str, ...]:
    found = (settings.telegram_bot_token, settings.webhook_secret_token)
    return tuple(s.get_secret_value() for s in found if s is not None)


def load_settings() -> Settings:
    """Settings from the environment and `.env`, or exit with one line saying what's wrong."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = ".".join(str(p) for p in error["loc"]).upper() or "settings"
            kind = "is missing" if error["type"] == "missing" else error["msg"]
            kind = kind.removeprefix("Value error, ")
            # A check across settings has no single name; its message names them itself.
            problems.append(kind if name == "settings" else f"{name} {kind}")
        fail("cannot start: " + "; ".join(problems))


def fail(message: str) -> NoReturn:
    print(f"afterview: {message}", file=sys.stderr)
    raise SystemExit(2)


def check_data_folder(path: Path) -> None:
    """Exit with one line unless the database file can be created or written at `path`."""
    if path.is_dir():
        fail(
            f"cannot start: DATABASE_PATH {path} is a folder; name a file, e.g. {path}/bot.sqlite3"
        )
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create the data folder {folder}: {exc.strerror}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        fail(f"cannot write to the data folder {folder}")


def run(settings: Settings) -> None:
    from bot.app import build_application
    from bot.cli import health

    if settings.telegram_bot_token is None:
        fail(
            "cannot start: TELEGRAM_BOT_TOKEN is missing (get one from @BotFather;"
            " `afterview chat` tries the coach without it)"
        )
    check_data_folder(settings.database_path)  # PostgreSQL too: the heartbeat file lives there
    if settings.postgres_url is not None:
        _starting(settings, lambda: _lead_or_wait(settings))
        return
    loop.install()
    app = build_application(settings)
    health.schedule(app, settings)
    # dateparser's and holidays' tables (~0.3 s) load now, not on the first user's answer,
    # and before the heap is frozen: they stay for good.
    parsing.warm_up()
    loop.tune_gc()
    _starting(settings, lambda: serve(app, settings))


def _lead_or_wait(settings: Settings) -> None:
    """Several processes on one PostgreSQL: leader or standby (bot/cli/leading.py)."""
    import asyncpg

    from bot.cli import leading
    from bot.storage.db import DatabaseUnavailable

    assert settings.postgres_url is not None
    parsing.warm_up()
    loop.tune_gc()
    try:
        leading.serve(settings, settings.postgres_url)
    except DatabaseUnavailable as exc:  # its message names the server, never the password
        fail(f"cannot start: {exc}")
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        fail(f"cannot start: {type(exc).__name__} (DATABASE_URL {settings.database_name})")


def _starting(settings: Settings, start: Callable[[], None]) -> None:
    """Run `start`; a failure to start becomes one line and exit status 2."""
    # PTB logs a failed start (Telegram unreachable, a refused token) as an ERROR with its
    # traceback before raising; the one line below says it instead.
    logging.getLogger("telegram.ext").addFilter(_quiet_bootstrap)
    try:
        start()
    except sqlite3.Error as exc:
        fail(f"cannot start: DATABASE_PATH {settings.database_path}: {exc}")
    except InvalidToken:
        fail("cannot start: Telegram refused TELEGRAM_BOT_TOKEN (revoked? @BotFather has it)")
    except NetworkError as exc:
        if isinstance(exc, BadRequest):  # a setting Telegram rejects, e.g. the webhook URL
            fail(f"cannot start: Telegram: {_redacted(exc, settings)}")
        fail(
            f"cannot start: Telegram is out of reach at TELEGRAM_BASE_URL"
            f" {settings.telegram_base_url} ({_redacted(exc, settings)})"
        )
    except TelegramError as exc:
        fail(f"cannot start: Telegram: {_redacted(exc, settings)}")


def _redacted(exc: Exception, settings: Settings) -> str:
    """The error's message, without the token should it ever carry it."""
    return str(exc).replace(settings.token, "[redacted]")


def _quiet_bootstrap(record: logging.LogRecord) -> bool:
    """Leave out PTB's report of a failed start, which `run` turns into one line."""
    return not record.getMessage().startswith("Network Retry Loop (Bootstrap")


def serve(app: AfterviewApplication, settings: Settings) -> None:
    """Long polling or the webhook server, until a stop signal."""
    if settings.update_mode == "webhook":
        log.debug(
            "starting with a webhook on %s:%s/%s; database %s",
            settings.webhook_listen,
            settings.webhook_port,
            settings.webhook_path,
            settings.database_path,
        )
        assert settings.webhook_secret_token is not None  # Settings checks it in webhook mode
        # PTB's webhook server answers 403 to any request without this exact secret header.
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret_token.get_secret_value(),
            allowed_updates=None,
            drop_pending_updates=False,
        )
        return
    log.debug("starting with long polling; database %s", settings.database_path)
    app.run_polling(allowed_updates=None, drop_pending_updates=False)


def chat(settings: Settings, args: argparse.Namespace) -> None:
    import asyncio

    from bot.offline.terminal import run_chat, terminal_database

    database = args.database or terminal_database(settings.database_path)
    check_data_folder(database)
    settings = settings.model_copy(update={"database_path": database})
    parsing.warm_up()
    # Ctrl+C: leave quietly, answers are saved.
    with (
        contextlib.suppress(KeyboardInterrupt),
        asyncio.Runner(loop_factory=loop.new_event_loop) as runner,
    ):
        runner.run(
            run_chat(settings, user_id=args.user_id, first_name=args.name, adviser=args.adviser)
        )


def backup(settings: Settings, target: str) -> None:
    from bot.storage.backup import BackupError, backup_database

    try:
        done = backup_database(settings.database_path, target)
    except BackupError as exc:
        fail(str(exc))
    print(f"backed up {settings.database_path} to {done.path} ({done.size // 1024} KiB)")


def health_check(settings: Settings, *, leader_only: bool = False) -> None:
    from bot.cli import health

    healthy, message = health.check(settings, leader_only=leader_only)
    print(
        message if healthy else f"afterview: {message}", file=sys.stdout if healthy else sys.stderr
    )
    raise SystemExit(0 if healthy else 1)


def main(argv: list[str] | None = None) -> None:
    from bot.offline.terminal import TERMINAL_NAME, TERMINAL_USER_ID

    parser = argparse.ArgumentParser(prog="afterview", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot: long polling or a webhook (the default)")
    talk = sub.add_parser("chat", help="talk to the coach in this terminal, without Telegram")
    talk.add_argument("--name", default=TERMINAL_NAME, help="your first name in the chat")
    talk.add_argument("--user-id", type=int, default=TERMINAL_USER_ID, help="your user id")
    talk.add_argument("--database", type=Path, default=None, help="its own SQLite file")
    talk.add_argument(
        "--adviser", action="store_true", help='play the advisers too (">> text" replies)'
    )
    copy = sub.add_parser("backup", help="a consistent copy of the database, even while live")
    copy.add_argument("path", help="the copy's file name, or a folder (ending in /) for it")
    check = sub.add_parser("health", help="exit 0 if the running bot checked in recently")
    check.add_argument(
        "--leader", action="store_true", help="and is the leader, not a standby (PostgreSQL)"
    )
    copydb.register(sub)
    args = parser.parse_args(argv)
    if args.command == "copy-db":  # names its databases itself: no settings needed
        copydb.main(args)
        return
    settings = load_settings()
    if args.command == "chat":
        # The chat is on stdout; only warnings and errors go to stderr beside it.
        level = settings.log_level if settings.log_level in ("DEBUG", "ERROR") else "WARNING"
        configure_logging(level, secrets_of(settings))
        chat(settings, args)
    elif args.command == "backup":
        configure_logging(settings.log_level, secrets_of(settings))
        backup(settings, args.path)
    elif args.command == "health":
        health_check(settings, leader_only=args.leader)
    else:
        configure_logging(settings.log_level, secrets_of(settings))
        run(settings)
