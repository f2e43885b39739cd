"""The fake Bot API's forum topics and copies (issue 17): createForumTopic, copyMessage, and
`message_thread_id` on sends, answering as Telegram does.

Tests (and `afterview chat --adviser`) make a staff group a forum with `make_forum`; messages
users send are remembered with `remember`, so that copyMessage can find them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.offline.wire import Sent, TelegramRejects


@dataclass
class ForumState:
    """Which chats have topics, their topics, and the users' messages the bot may copy."""

    forums: set[int] = field(default_factory=set)
    topics: dict[tuple[int, int], str] = field(default_factory=dict)
    incoming: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    next_thread_id: int = 500


class ForumApi:
    """Mixed into FakeTelegram: its lock, message store and blocked users are used here."""

    forum: ForumState

    def make_forum(self, chat_id: int) -> None:
        """The supergroup `chat_id` has topics enabled."""
        self.forum.forums.add(chat_id)

    def remember(self, update: dict[str, Any]) -> None:
        """Keep the message of an update a user sent, for copyMessage."""
        message = update.get("message")
        if message is not None:
            self.forum.incoming[(message["chat"]["id"], message["message_id"])] = message

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """Staff deleted a topic (as in Telegram's app)."""
        self.forum.topics.pop((chat_id, thread_id), None)

    def thread_of(self, params: dict[str, Any]) -> int | None:
        """The topic a send goes to; raises TelegramRejects for one the chat doesn't have."""
        thread = params.get("message_thread_id")
        if thread in (None, ""):
            return None
        key = (int(params["chat_id"]), int(thread))
        if key not in self.forum.topics:
            raise TelegramRejects("Bad Request: message thread not found")
        return key[1]

    def api_getChat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "accent_color_id": 0, "max_reaction_count": 0}
        return {
            "id": chat_id,
            "type": "supergroup",
            "title": "Advisers",
            "is_forum": chat_id in self.forum.forums,
            "accent_color_id": 0,
            "max_reaction_count": 11,
        }

    def api_createForumTopic(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, name = int(params["chat_id"]), str(params.get("name", ""))
        if chat_id not in self.forum.forums:
            raise TelegramRejects("Bad Request: the chat is not a forum")
        if not 1 <= len(name) <= 128:
            raise TelegramRejects("Bad Request: TOPIC_TITLE_EMPTY")
        thread = self.forum.next_thread_id
        self.forum.next_thread_id += 1
        self.forum.topics[(chat_id, thread)] = name
        return {"message_thread_id": thread, "name": name, "icon_color": 7322096}

    def api_copyMessage(self, params: dict[str, Any]) -> dict[str, int]:
        source = (int(params["from_chat_id"]), int(params["message_id"]))
        original = self.forum.incoming.get(source)
        sent_before = self._messages().get(source)
        if original is None and sent_before is None:
            raise TelegramRejects("Bad Request: message to copy not found")
        if original is not None:
            text = original.get("text") or original.get("caption") or ""
            media = (
                "photo" if "photo" in original else "document" if "document" in original else None
            )
        else:
            assert sent_before is not None
            text, media = sent_before.text, None
        if "caption" in params and media is not None:
            text = str(params["caption"])
        sent = self._copy(params, text, media)
        return {"message_id": sent.message_id}

    def _messages(self) -> dict[tuple[int, int], Sent]:
        raise NotImplementedError

    def _copy(self, params: dict[str, Any], text: str, media: str | None) -> Sent:
        raise NotImplementedError
