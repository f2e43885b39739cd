"""`afterview chat --adviser`: play the organisation's advisers in the same terminal.

The offline Bot API gets a staff supergroup with topics (`STAFF_CHAT_ID`, used as
ADVISER_CHAT_ID unless one is set). What the bot posts there prints as "[advisers] ...", and a
line starting with ">> " is typed by an adviser (Anna) in the topic of the newest client
message: the bot relays it to you like Telegram would.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

from bot.offline.api import FakeTelegram, Sent

STAFF_CHAT_ID = -1000000000777
PREFIX = ">> "
ADVISER_ID = 4242
SHOWN = "[advisers{topic}] {text}"


class StaffDesk:
    """The staff group's side of the terminal: shows its messages, makes an adviser's."""

    def __init__(self, api: FakeTelegram, show: Callable[[str], None]) -> None:
        self.api, self.show = api, show
        self.topic: int | None = None
        self.last: Sent | None = None
        self._ids = itertools.count(1)
        api.make_forum(STAFF_CHAT_ID)
        api.observers.append(self.observe)

    def observe(self, method: str, params: dict[str, Any], sent: Sent | None) -> None:
        if sent is None or sent.chat_id != STAFF_CHAT_ID:
            return
        self.last = sent
        self.topic = sent.thread_id if sent.thread_id is not None else self.topic
        topic = f" · topic {sent.thread_id}" if sent.thread_id is not None else ""
        self.show(SHOWN.format(topic=topic, text=sent.text))

    def takes(self, line: str) -> bool:
        return line.startswith(PREFIX.strip())

    def message(self, line: str) -> dict[str, Any]:
        """The update of an adviser's line, in the newest topic (or as a reply)."""
        body: dict[str, Any] = {
            "message_id": 900000 + next(self._ids),
            "date": int(time.time()),
            "chat": {"id": STAFF_CHAT_ID, "type": "supergroup", "title": "Advisers"},
            "from": {"id": ADVISER_ID, "is_bot": False, "first_name": "Anna"},
            "text": line.removeprefix(PREFIX.strip()).strip() or "…",
        }
        if self.topic is not None:
            body.update(message_thread_id=self.topic, is_topic_message=True)
            body["chat"]["is_forum"] = True
        elif self.last is not None:
            body["reply_to_message"] = {
                "message_id": self.last.message_id,
                "date": int(time.time()),
                "chat": body["chat"],
                "text": self.last.text,
            }
        return {"message": body}
