"""The thin entry point: `python -m bot` or `afterview`. Settings in, bot running, one clear
line and a non-zero exit when it can't start (never a traceback, never the token)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError

from bot.settings import Settings

log = logging.getLogger("afterview")


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def load_settings() -> Settings:
    """Settings from the environment and `.env`, or exit with one line saying what's wrong."""
    try:
        return Settings()  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = ".".join(str(p) for p in error["loc"]).upper() or "settings"
            kind = "is missing" if error["type"] == "missing" else error["msg"]
            problems.append(f"{name} {kind}")
        fail("cannot start: " + "; ".join(problems))


def fail(message: str) -> NoReturn:
    print(f"afterview: {message}", file=sys.stderr)
    raise SystemExit(2)


def check_data_folder(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create the data folder {folder}: {exc.strerror}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        fail(f"cannot write to the data folder {folder}")


def run(settings: Settings) -> None:
    from bot.app import build_application

    check_data_folder(settings.database_path)
    app = build_application(settings)
    log.info("starting with long polling; database %s", settings.database_path)
    app.run_polling(allowed_updates=None, drop_pending_updates=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="afterview", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot with long polling (the default)")
    args = parser.parse_args(argv)
    settings = load_settings()
    configure_logging(settings.log_level)
    if args.command in (None, "run"):
        run(settings)
