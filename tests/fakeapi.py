"""The fake Telegram Bot API the tests drive the bot through.

It lives in `bot/offline/` (api, server, wire) because `afterview chat` runs the bot on it at
runtime; this module re-exports what the tests use of it, so that they import from one place.
"""

from __future__ import annotations

from bot.offline.api import BOT_ID, BOT_USERNAME, FakeRequest, FakeTelegram, Sent, check_html
from bot.offline.wire import decode as _decode

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "FakeRequest",
    "FakeTelegram",
    "Sent",
    "_decode",
    "check_html",
]
