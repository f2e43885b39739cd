"""A stand-in for Telegram's servers that answers at once, for the in-process benchmark.

The fake Bot API of the tests (`tests/fakeapi.py`) checks every message as Telegram would: it
parses the HTML, checks the keyboard, keeps the chat history. In process, that work runs on
the bot's own CPU: about 120 µs for a debrief question (HTML, keyboard), a fraction of that
for the echo's plain text. It is Telegram's work, not the bot's, so the timed part of the
in-process benchmark goes through this instead, for the echo and the debrief step alike.

What the bot still pays, as with a real server: PTB's request building, the JSON body our
HTTP client would send (`json.dumps` of the parameters), and PTB's parsing of a reply shaped
like Telegram's (the sent message, with its keyboard). Methods other than sending a message
and answering a button go to the checking fake, and so does everything while `lean` is off
(the untimed set-up), so that its checks still see the bot's messages.
"""

from __future__ import annotations

import json
import time
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.offline.api import BOT_ID, BOT_USERNAME, FakeRequest

_FROM = {"id": BOT_ID, "is_bot": True, "first_name": "Afterview", "username": BOT_USERNAME}
_TRUE = b'{"ok": true, "result": true}'


class InstantRequest(FakeRequest):
    lean = False
    _message_id = 1_000_000

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        if not self.lean or request_data is None or api_method not in _LEAN:
            return await super().do_request(url, method, request_data)
        json.dumps(request_data.parameters).encode()  # the body our HTTP client would send
        return 200, _LEAN[api_method](self, request_data.parameters)

    def _sent(self, params: dict[str, Any]) -> bytes:
        self._message_id += 1
        message: dict[str, Any] = {
            "message_id": self._message_id,
            "date": int(time.time()),
            "chat": {"id": params["chat_id"], "type": "private"},
            "from": _FROM,
            "text": params["text"],
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return json.dumps({"ok": True, "result": message}).encode()

    def _answered(self, params: dict[str, Any]) -> bytes:
        return _TRUE


_LEAN = {"sendMessage": InstantRequest._sent, "answerCallbackQuery": InstantRequest._answered}
