"""The dialogue's words tier: free text read for what it means (bot/rules/intents.py), in
every state, before the pending question's own handlers take it as an answer.

At a pending question, a message that reads as
- a word one of the question's buttons stands for ("so-so" at the rating, "yep" under Yes /
  Not yet): that button's handler runs, as if it had been pressed (`Words.buttons`);
- skip: the question's /skip, if it takes one; "I don't know" too at the questions of
  `Words.unknown` (with a friendly word, `Words.dont_know`): elsewhere it is left to the
  question (a name question refuses it with a hint);
- stop: the step's /cancel;
- an action available at any time (what's next, help, status: `Words.anytime`): the action,
  then the question again, which stays pending (`Words.still_open` above it); an action that
  starts a step (a new interview) ends the question, as that step's command would, except
  in the steps of `Words.holds` (the setup): there it is promised for later (`Action.later`)
  and the question is asked again.
With nothing pending, the actions and `Words.idle` (stop, skip). Anything else, and all text
in the `Words.free` states (a message for a person), goes on as before.

Generic: the actions, the buttons' data and the texts are given by the registration module.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.rules.intents import Intent, Reading, read_intent
from bot.tg.context import Ctx
from bot.tg.limits import MAX_MESSAGE
from bot.tg.outbox import SEND, Call, Outbox
from bot.tg.words_which import ANSWER, Which, as_answer

Handler = BaseHandler[Update, Ctx, Any]
Callback = Callable[[Update, Ctx], Coroutine[Any, Any, object]]
Reask = Callable[[Update, Ctx, Any], Awaitable[None]]
Found = tuple[Handler, object, str | None]  # the handler, its check result, the step it starts
_NO_ARGS: tuple[list[str], bool] = ([], False)  # a command's check result, with no arguments


class Step(Protocol):
    """What the words tier needs of a step (bot/tg/dialogue.py's Conversation)."""

    @property
    def name(self) -> str: ...
    @property
    def states(self) -> Mapping[Any, Sequence[Handler]]: ...
    @property
    def cancel(self) -> Sequence[Handler]: ...
    @property
    def reask(self) -> Reask | None: ...


@dataclass(frozen=True)
class Action:
    """What an intent does: `callback(update, ctx)`; `enters`: the step it starts, if any
    (its return value is then that step's next state). At a pending question, an action
    that `asks_again` is followed by the question (it stays pending); one that doesn't
    (an undo) returns the state to go to itself, as a handler of the question would."""

    callback: Callback
    enters: str | None = None
    asks_again: bool = True
    # What it does instead at a question of a step that `Words.holds` (the setup): say it
    # will come once the question is answered (and remember it); the question stays.
    later: Callback | None = None


@dataclass(frozen=True)
class Words:
    """The words tier's configuration (see the module docstring).

    `buttons`: per state (its value), the button data each intent stands for; "{rating}"
    is filled in with a RATING's value. `still_open` and `dont_know` are HTML texts."""

    anytime: Mapping[Intent, Action]
    idle: Mapping[Intent, Action] = field(default_factory=dict)
    buttons: Mapping[str, Mapping[Intent, str]] = field(default_factory=dict)
    unknown: frozenset[str] = frozenset()
    free: frozenset[str] = frozenset()
    # Steps whose questions an action that starts another step doesn't end (its `later`).
    holds: frozenset[str] = frozenset()
    # Intents acted on only while one of these steps has a question pending (a correction
    # means something only where there is a last answer to correct); elsewhere the text is
    # left to the question or the idle replies, as any other text.
    only_in: Mapping[Intent, frozenset[str]] = field(default_factory=dict)
    still_open: str = ""
    dont_know: str = ""
    which: Which | None = None  # a one-word answer that reads as an action: asked which

    def pick(
        self, update: Update, state: str | None, current: tuple[Step, Sequence[Handler]] | None
    ) -> Found | None:
        """What a typed message does in the pending `state` (None: nothing pending) of the
        `current` step, with that state's handlers; None to leave it to the usual handlers."""
        if update.callback_query is not None:
            return self._which_pressed(update.callback_query.data, state, current)
        message = update.message
        if message is None or not message.text or message.text.startswith("/"):
            return None
        if state is not None and state in self.free:
            return None
        reading = read_intent(message.text)
        if reading is None:
            return None
        if self.which is not None and state and self.which.asks(state, reading, message.text):
            return _Acting(self.which.ask(state, reading, message.text)), True, None
        steps = self.only_in.get(reading.intent)
        if steps is not None and (current is None or current[0].name not in steps):
            return None
        if current is None:
            return self.at_idle(reading)
        step, handlers = current
        pending = next(s for s in step.states if str(s) == state)
        held = self._held(reading, step)
        if held is not None and step.reask is not None:
            return _Acting(self._then_ask_again(held, step.reask, pending)), True, None
        return self.at_question(reading, pending, handlers, step.cancel, step.reask)

    def _which_pressed(
        self, data: str | None, state: str | None, current: tuple[Step, Sequence[Handler]] | None
    ) -> Found | None:
        """A press of the buttons `Which.ask` put under its question: the word as the answer,
        or the action it reads as."""
        chosen = self.which.chosen(data, state) if self.which is not None else None
        if chosen is None or current is None:
            return None
        step, handlers = current
        if chosen == ANSWER:
            return _Acting(as_answer(handlers)), True, None
        pending = next(s for s in step.states if str(s) == state)
        return self.at_question(Reading(Intent(chosen)), pending, handlers, step.cancel, step.reask)

    def _held(self, reading: Reading, step: Step) -> Callback | None:
        """What an action that starts a step does instead at a question of `step` when the
        step `holds` (its `later`), or None."""
        action = self.anytime.get(reading.intent)
        if step.name not in self.holds or action is None or action.enters is None:
            return None
        return action.later

    def at_idle(self, reading: Reading) -> Found | None:
        """What the message does with nothing pending, if anything."""
        action = self.anytime.get(reading.intent) or self.idle.get(reading.intent)
        if action is None:
            return None
        return _Acting(action.callback), True, action.enters

    def at_question(
        self,
        reading: Reading,
        state: Any,
        handlers: Sequence[Handler],
        cancel: Sequence[Handler],
        reask: Reask | None,
    ) -> Found | None:
        """What the message does at the pending question `state` (its `handlers`, the step's
        `cancel` handlers and its `reask`), or None to leave it to the question."""
        data = self.buttons.get(str(state), {}).get(reading.intent)
        if data is not None:
            pressed = _button(handlers, data.format(rating=reading.rating))
            if pressed is not None:
                return pressed
        unknown = reading.intent is Intent.DONT_KNOW and str(state) in self.unknown
        if reading.intent is Intent.SKIP or unknown:
            skip = next((h for h in handlers if _takes(h, "skip")), None)
            if skip is not None and unknown and self.dont_know:
                return _Acting(_led(skip, self.dont_know)), _NO_ARGS, None
            if skip is not None:
                return skip, _NO_ARGS, None
        if reading.intent is Intent.CANCEL and cancel:
            return cancel[0], _NO_ARGS if isinstance(cancel[0], CommandHandler) else True, None
        action = self.anytime.get(reading.intent)
        if action is None:
            return None
        if action.enters is not None or not action.asks_again or reask is None:
            return _Acting(action.callback), True, action.enters
        return _Acting(self._then_ask_again(action.callback, reask, state)), True, None

    def _then_ask_again(self, callback: Callback, reask: Reask, state: Any) -> Callback:
        still_open = self.still_open

        async def run(update: Update, ctx: Ctx) -> None:
            await callback(update, ctx)
            mark = _mark(ctx)
            await reask(update, ctx, state)
            if still_open:
                _lead(ctx.outbox, mark, still_open)

        return run


class _Acting(BaseHandler[Update, Ctx, object]):
    """A callback run for a message the words tier read (it takes nothing by itself)."""

    def check_update(self, update: object) -> bool:
        return False


def _takes(handler: Handler, command: str) -> bool:
    return isinstance(handler, CommandHandler) and command in handler.commands


def _button(handlers: Sequence[Handler], data: str) -> Found | None:
    """The handler a button with this data would run, with the pattern's match."""
    for handler in handlers:
        if isinstance(handler, CallbackQueryHandler) and isinstance(handler.pattern, re.Pattern):
            match = handler.pattern.match(data)
            if match is not None:
                return handler, match, None
    return None


def _led(handler: Handler, lead: str) -> Callback:
    """The handler's callback, its first message led by `lead` (one message, not two)."""

    async def run(update: Update, ctx: Ctx) -> object:
        ctx.args = []  # as /skip with nothing after it
        mark = _mark(ctx)
        result = await handler.callback(update, ctx)
        _lead(ctx.outbox, mark, lead)
        return result

    return run


def _mark(ctx: Ctx) -> int:
    return len(ctx.outbox.calls) if ctx.outbox is not None else 0


def _lead(outbox: Outbox | None, mark: int, lead: str) -> None:
    """Put `lead` at the top of the first message queued since `mark` (or send it alone)."""
    if outbox is None:
        return
    for call in outbox.calls[mark:]:
        if call.method == SEND:
            text = f"{lead}\n\n{call.kwargs['text']}"
            if len(text) <= MAX_MESSAGE:
                call.kwargs["text"] = text
                return
            break
    outbox.calls.insert(mark, Call(SEND, {"chat_id": outbox.chat_id, "text": lead}))
