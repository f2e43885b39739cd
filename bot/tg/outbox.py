"""The replies of one update, held back until its answer and next state are committed.

A handler never talks to Telegram while it runs: `say` and `answered` (conversations/common.py)
add calls here. The dialogue commits the update's writes together with the calls that must not
be lost (the messages, in the `outbox` table) and only then sends them, in order. So a crash at
any instant leaves either nothing of the update (it is asked again) or its answer, its next state
and its reply; a reply a crash kept from going out is sent at the next start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message
from telegram.error import BadRequest, Forbidden

log = logging.getLogger(__name__)

SEND = "send_message"
# Calls that only make sense at once: a spinner answer, an edit of the message a button sits on.
_PASSING = frozenset({"answer_callback_query", "edit_message_text", "edit_message_reply_markup"})
OnSent = Callable[[Message], Awaitable[None]]


@dataclass
class Call:
    """One Bot API call: the `Bot` method's name and its keyword arguments (PTB's defaults,
    HTML and no link previews, apply); `on_sent` runs with the message Telegram sent."""

    method: str
    kwargs: dict[str, Any]
    on_sent: OnSent | None = None

    def stored(self) -> dict[str, Any] | None:
        """The JSON kept until a message is sent, or None for a passing call or an upload."""
        if self.method != SEND:
            return None
        markup = self.kwargs.get("reply_markup")
        stored = {"chat_id": self.kwargs["chat_id"], "text": self.kwargs["text"]}
        if markup is not None:
            stored["reply_markup"] = markup.to_dict()
        return stored

    @classmethod
    def from_stored(cls, params: dict[str, Any]) -> Call:
        """A message kept in the outbox table, to send again after a crash."""
        kwargs = dict(params)
        if kwargs.get("reply_markup") is not None:
            kwargs["reply_markup"] = InlineKeyboardMarkup.de_json(kwargs["reply_markup"])
        return cls(SEND, kwargs)


@dataclass
class Outbox:
    """The calls of one update, in the order the handler made them."""

    chat_id: int
    calls: list[Call] = field(default_factory=list)
    query_answered: bool = False
    query_edited: bool = False  # `answered` shows the choice in place once per press

    def send(
        self, text: str, markup: InlineKeyboardMarkup | None = None, on_sent: OnSent | None = None
    ) -> None:
        """A message to the user's chat (HTML: callers escape user text)."""
        kwargs = {"chat_id": self.chat_id, "text": text, "reply_markup": markup}
        self.calls.append(Call(SEND, kwargs, on_sent))

    def document(self, data: bytes, filename: str, caption: str) -> None:
        """A file (a calendar, an export) with an HTML caption."""
        document = InputFile(data, filename=filename)
        kwargs = {"chat_id": self.chat_id, "document": document, "caption": caption}
        self.calls.append(Call("send_document", kwargs))

    def answer_query(self, query_id: str, notice: str | None = None) -> None:
        """Stop a button's spinner (once per press; later answers are dropped)."""
        if self.query_answered:
            return
        self.query_answered = True
        self.calls.append(
            Call("answer_callback_query", {"callback_query_id": query_id, "text": notice})
        )

    def edit(
        self, message_id: int, text: str | None, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        """Change the message a button sits on: its text (HTML) or, with None, its keyboard."""
        kwargs: dict[str, Any] = {"chat_id": self.chat_id, "message_id": message_id}
        kwargs["reply_markup"] = markup
        if text is None:
            self.calls.append(Call("edit_message_reply_markup", kwargs))
        else:
            self.calls.append(Call("edit_message_text", {**kwargs, "text": text}))


async def deliver(bot: Bot, calls: list[Call]) -> None:
    """Make the calls in order. A passing call Telegram refuses (a press too old to answer,
    an edit of a message that is gone or unchanged) is skipped; a user who blocked the bot
    ends the delivery; any other error is raised after the calls before it were made."""
    for call in calls:
        try:
            result = await getattr(bot, call.method)(**call.kwargs)
        except BadRequest as exc:
            if call.method not in _PASSING:
                raise
            log.debug("skipped %s: %s", call.method, exc.message)
            continue
        except Forbidden:
            log.info("the user blocked the bot; %d call(s) dropped", len(calls))
            return
        if call.on_sent is not None and isinstance(result, Message):
            await call.on_sent(result)
