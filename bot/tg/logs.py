"""Logging: one line per event with the user id, never what the user wrote, never a secret.

Message text stays out of INFO on purpose: an organisation running the bot can keep its logs
without holding its clients' interview notes twice. Every line goes through a formatter that
blanks the bot token and the webhook secret, whichever library printed them.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO

from telegram import Update

from bot.tg.context import Ctx

log = logging.getLogger("afterview.updates")

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
# Libraries that say too much at INFO: httpx logs every request URL, and the URL holds the
# token; tornado logs each webhook POST and APScheduler each job run, which our own
# one-line-per-update log already covers.
QUIET_LOGGERS = ("httpx", "httpcore", "tornado.access", "apscheduler")
_NAME = re.compile(r"^[a-z_]{1,24}$")


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then blanks every secret, tracebacks included."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        # Longest first, so that a secret containing another is blanked whole.
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure(level: str, secrets: Iterable[str] = (), stream: TextIO | None = None) -> None:
    """Route every log line to `stream` (stderr), redacted; replaces earlier handlers."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter(FORMAT, secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)


def user_id_of(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


def describe(update: Update) -> str:
    """What kind of event an update is, without its content: "command:/debrief", "text",
    "button:debrief:rate", "media", "edited"."""
    if update.edited_message is not None:
        return "edited"
    query = update.callback_query
    if query is not None:
        # Only the namespace and action, and only if they look like ours: the data can be
        # forged, so it is user input like any other.
        parts = (query.data or "").split(":")[:2]
        return "button:" + ":".join(p if _NAME.match(p) else "?" for p in parts)
    message = update.message
    if message is None:
        return "other"
    text = message.text
    if text is None:
        return "media"
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0].split("@", 1)[0][1:].lower()
        return f"command:/{command}" if _NAME.match(command) else "command:?"
    return "text"


def summary(update: object) -> str:
    """The one-line identity of an update for log lines: id, user and kind, never text."""
    if not isinstance(update, Update):
        return "update=none"
    return f"update={update.update_id} user={user_id_of(update)} kind={describe(update)}"


async def log_update(update: Update, ctx: Ctx) -> None:
    """A handler in the first group: it logs and lets the update through untouched."""
    log.info("%s", summary(update))
