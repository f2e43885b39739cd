"""The replies of one update, held back until its answer and next state are committed.

A handler never talks to Telegram while it runs: `say` and `answered` (conversations/common.py)
add calls here. The dialogue commits the update's writes together with the calls that must not
be lost (the messages, in the `outbox` table) and only then sends them, in order. So a crash at
any instant leaves either nothing of the update (it is asked again) or its answer, its next state
and its reply; a reply a crash kept from going out is sent at the next start-up.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.warnings import PTBUserWarning

from bot.storage import Store
from bot.tg.limits import MAX_MESSAGE, fit_caption, split_message

log = logging.getLogger(__name__)

SEND = "send_message"
_NO_PREVIEW = {"is_disabled": True}
# `do_api_request` with a method Bot also has warns to use the typed one; here that is on
# purpose (see `_make`).
warnings.filterwarnings("ignore", message="Please use 'Bot.sendMessage'", category=PTBUserWarning)
# Calls that only make sense at once: a spinner answer, an edit of the message a button sits on.
_PASSING = frozenset({"answer_callback_query", "edit_message_text", "edit_message_reply_markup"})
OnSent = Callable[[Message], Awaitable[None]]
Later = Callable[[], Awaitable[None]]


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
        stored: dict[str, Any] = {"chat_id": self.kwargs["chat_id"], "text": self.kwargs["text"]}
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
    after: list[Later] = field(default_factory=list)

    def later(self, job: Later) -> None:
        """Run `job` once the update is committed and its replies sent (not after a failed
        update): work that talks to Telegram beyond the user's chat, e.g. the adviser relay.
        Its errors are logged by the dialogue."""
        self.after.append(job)

    def send(
        self, text: str, markup: InlineKeyboardMarkup | None = None, on_sent: OnSent | None = None
    ) -> None:
        """A message to the user's chat (HTML: callers escape user text). Over Telegram's
        limit it goes as several messages, the buttons under the last (bot/tg/limits.py)."""
        parts = split_message(text)
        for part in parts[:-1]:
            self.calls.append(Call(SEND, {"chat_id": self.chat_id, "text": part}))
        kwargs = {"chat_id": self.chat_id, "text": parts[-1], "reply_markup": markup}
        self.calls.append(Call(SEND, kwargs, on_sent))

    def document(self, data: bytes, filename: str, caption: str) -> None:
        """A file (a calendar, an export) with an HTML caption."""
        document = InputFile(data, filename=filename)
        kwargs = {"chat_id": self.chat_id, "document": document, "caption": fit_caption(caption)}
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
        """Change the message a button sits on: its text (HTML) or, with None, its keyboard.
        An edit that would pass Telegram's limit is left out (the message stays as it was)."""
        if text is not None and len(text) > MAX_MESSAGE:
            return
        kwargs: dict[str, Any] = {"chat_id": self.chat_id, "message_id": message_id}
        kwargs["reply_markup"] = markup
        if text is None:
            self.calls.append(Call("edit_message_reply_markup", kwargs))
        else:
            self.calls.append(Call("edit_message_text", {**kwargs, "text": text}))


@dataclass
class Delivery:
    """How a delivery went: `made` calls settled in order (sent, or skipped for good);
    `refused`, messages Telegram refused (our bug: the user gets an apology); `cut_off`,
    the network error that stopped it (the calls after `made` wait for a retry)."""

    made: int = 0
    refused: list[BadRequest] = field(default_factory=list)
    cut_off: TelegramError | None = None


async def deliver(bot: Bot, calls: Sequence[Call]) -> Delivery:
    """Make the calls in order. A passing call Telegram refuses (a press too old to answer, an
    edit of a message that is gone or unchanged) is skipped; a refused message is noted and
    the rest go on; a user who blocked the bot ends it (nothing more can reach them); any
    other Telegram or network error stops it there. Raises nothing from Telegram."""
    done = Delivery()
    for call in calls:
        try:
            result = await _make(bot, call)
        except Forbidden:
            log.info("the user blocked the bot; %d call(s) dropped", len(calls) - done.made)
            done.made = len(calls)
            return done
        except BadRequest as exc:  # (a NetworkError to PTB: caught first)
            if call.method not in _PASSING:
                done.refused.append(exc)
            log.debug("Telegram refused %s: %s", call.method, exc.message)
        except TelegramError as exc:  # the network, flood control past the limiter's retries
            done.cut_off = exc
            return done
        else:
            if call.on_sent is not None and isinstance(result, Message):
                await call.on_sent(result)
        done.made += 1
    return done


async def _make(bot: Bot, call: Call) -> object:
    """One call. A message nobody needs back is sent without PTB parsing Telegram's answer
    into a `Message` (half the CPU of sending it); anything else through PTB's typed method."""
    stored = call.stored()
    if stored is None or call.on_sent is not None:
        return await getattr(bot, call.method)(**call.kwargs)
    params = {**stored, "parse_mode": ParseMode.HTML, "link_preview_options": _NO_PREVIEW}
    return await bot.do_api_request("sendMessage", api_kwargs=params)


async def send_left_over(bot: Bot, store: Store, older_than: datetime | None = None) -> int:
    """Send the messages a crash or a network failure kept from going out (committed with
    their answers), oldest first; returns how many were settled. `older_than` (UTC) leaves
    alone the rows of deliveries still in progress. Stops at the first network error."""
    settled = 0
    for queued in await store.outbox.left(older_than):
        done = await deliver(bot, [Call.from_stored(queued.params)])
        if done.cut_off is not None:
            log.warning("replies left over: still no connection (%s)", type(done.cut_off).__name__)
            break
        async with store.single() as tx:
            await tx.outbox.done([queued.id])
        settled += 1
    if settled:
        log.warning("sent %d reply(ies) that a crash or the network had held up", settled)
    return settled
