"""Which was meant, when a one-word answer reads as an action too (issue 15): "Next" typed at
the company question is a company as likely as "what's next?" (phones capitalise, so case
tells nothing). At the questions whose answer can be a name (`Which.names`), such a word is
asked about once, "The company “Next”, or what's next?", with a button for each; the answer
button gives the word to the question's own text handler, as if typed again."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler

from bot.rules.intents import Intent, Reading
from bot.tg import keyboards as kb
from bot.tg.context import Ctx

Handler = BaseHandler[Update, Ctx, Any]
Callback = Callable[[Update, Ctx], Coroutine[Any, Any, object]]

TYPED = "words_typed"  # scratch data: the word typed, while the user is asked which
ANSWER = "answer"
PRESSED = re.compile(r"^words:as:(?P<choice>[a-z_]+)$")


@dataclass(frozen=True)
class Which:
    """`names`: per state (its value), what its answer is ("company"); `words`: the words (lower
    case) that could be a name as well as an action ("next", "stop"; not "nevermind");
    `actions`: per intent, how the question names it ("what's next") and its button's label;
    `text`: the question ("{answer}, or {action}?", HTML); `answer`: the answer's words ("The
    {what} “{text}”")."""

    names: Mapping[str, str]
    words: frozenset[str]
    actions: Mapping[Intent, tuple[str, str]]
    text: str
    answer: str

    def asks(self, state: str, reading: Reading, typed: str) -> bool:
        """True when `typed` at `state`, read as `reading`, could be either."""
        word = typed.strip().rstrip(".!").casefold()  # ("next?" asks: no doubt there)
        return word in self.words and state in self.names and reading.intent in self.actions

    def ask(self, state: str, reading: Reading, typed: str) -> Callback:
        """The callback that asks which was meant (the question stays pending)."""
        word = typed.strip()
        phrase, label = self.actions[reading.intent]
        answer = self.answer.format(what=self.names[state], text=word)
        text = self.text.format(answer=html.escape(answer), action=phrase)
        buttons = [(answer, f"words:as:{ANSWER}"), (label, f"words:as:{reading.intent.value}")]

        async def run(update: Update, ctx: Ctx) -> None:
            ctx.udata[TYPED] = word
            if ctx.outbox is not None:
                ctx.outbox.send(text, kb.column(buttons))

        return run

    def chosen(self, data: str | None, state: str | None) -> str | Intent | None:
        """What a press of a `words:as:` button chose at `state`: ANSWER, an intent, or None
        (no such button, or not asked here)."""
        pressed = PRESSED.match(data or "")
        if pressed is None or state not in self.names:
            return None
        if pressed["choice"] == ANSWER:
            return ANSWER
        return next((i for i in self.actions if i.value == pressed["choice"]), None)


def as_answer(handlers: Sequence[Handler]) -> Callback:
    """The callback that gives the word kept in TYPED to the first of `handlers` that takes
    a typed message, as if typed again; None (stay) when none is kept."""

    async def run(update: Update, ctx: Ctx) -> object:
        word = ctx.udata.pop(TYPED, None)
        chat, user = update.effective_chat, update.effective_user
        if not isinstance(word, str) or chat is None:
            return None
        typed = Message(0, ctx.now(), chat, from_user=user, text=word)
        again = Update(update.update_id, message=typed)
        for handler in handlers:
            if isinstance(handler, MessageHandler) and handler.check_update(again):
                return await handler.callback(again, ctx)
        return None

    return run
