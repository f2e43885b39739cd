"""The fake Telegram Bot API the tests drive the bot through.

It lives in `bot/offline/` (api, server, wire) because `afterview chat` runs the bot on it at
runtime; this module re-exports it so that tests keep importing from `tests.fakeapi`.
"""

from __future__ import annotations

from bot.offline.api import (
    ALLOWED_TAGS,
    BOT_ID,
    BOT_USERNAME,
    INT_FIELDS,
    JSON_FIELDS,
    Failure,
    FakeRequest,
    FakeTelegram,
    Observer,
    Sent,
    TelegramRejects,
    check_html,
)
from bot.offline.wire import decode as _decode

__all__ = [
    "ALLOWED_TAGS",
    "BOT_ID",
    "BOT_USERNAME",
    "INT_FIELDS",
    "JSON_FIELDS",
    "Failure",
    "FakeRequest",
    "FakeTelegram",
    "Observer",
    "Sent",
    "TelegramRejects",
    "_decode",
    "check_html",
]
