"""An offline Telegram Bot API: answers like Telegram and records what the bot sent.

`FakeTelegram` (`bot.offline.server`) is the core (method name + form parameters in, status +
JSON out). It runs in-process through `FakeRequest` (a PTB `BaseRequest`, here), which is how
`afterview chat` talks to the bot in a terminal without Telegram, and over loopback HTTP in the
tests (`tests/fakeserver.py`). Both paths validate the same way (`bot.offline.wire`): HTML that
Telegram would reject, texts over 4096 characters, captions over 1024, callback data over 64
bytes, unknown methods; what Telegram would reject is collected in `unexpected` (tests fail on
it, the terminal prints it).
"""

from __future__ import annotations

import json
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.offline.server import FakeTelegram
from bot.offline.wire import (
    ALLOWED_TAGS,
    BOT_ID,
    BOT_USERNAME,
    INT_FIELDS,
    JSON_FIELDS,
    Failure,
    Observer,
    Sent,
    TelegramRejects,
    check_html,
)

# The fake API's vocabulary; callers (the terminal, tests/fakeapi.py) import it from here.
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
    "check_html",
]


class FakeRequest(BaseRequest):
    """PTB's HTTP layer replaced by a direct call into a FakeTelegram (no sockets)."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        raw: dict[str, Any] = dict(request_data.json_parameters) if request_data else {}
        if request_data is not None:
            for name, upload in request_data.multipart_data.items():
                filename, content = upload[0], upload[1]
                body = content if isinstance(content, bytes) else content.read()
                # PTB names the file field after the parameter or uses attach://name
                for key, value in list(raw.items()):
                    if value == f"attach://{name}":
                        raw[key] = (filename, body)
                raw.setdefault(name, (filename, body))
        if api_method == "getUpdates":
            raw["timeout"] = "0"  # never block the event loop in-process
        try:
            status, payload = self.fake.handle(api_method, raw)
        except ConnectionError as exc:
            from telegram.error import NetworkError

            raise NetworkError(str(exc)) from exc
        return status, json.dumps(payload).encode()
