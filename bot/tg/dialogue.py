"""One pending question per user, saved before the reply, loaded on demand.

Every private update goes to one `Dialogue` handler. It reads the user's conversation (the step
and state of the question pending, and the step's scratch data) from the database, picks the
first handler that takes the update, in this order:

1. passive buttons (they act and ask nothing: "Sent it" under a draft);
2. entry points of every step (a command or an "open" button starts that step; the question
   pending in another step is over, its answers kept);
3. typed words that stand for a button, /skip, /cancel or an action ("so-so", "dunno", "stop",
   "what's next?"; the words tier, bot/tg/words.py, given as `words`);
4. the handlers of the pending question's state, then /cancel;
5. actions available at any time (/status, /next...): the question stays pending;
6. the pending question's catch-all: explain, and ask it again;
7. the last-resort replies (unknown command, stray text, expired button).

The handler runs inside one transaction with everything it writes; its replies are collected
(`bot.tg.outbox`). The conversation's next state and the replies are written in the same
transaction, committed, and only then sent. A handler returns its step's next state (a member
of the step's state enum), `END` when the step is over, or None to stay where it is.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any, cast

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    BaseHandler,
    ConversationHandler,
    JobQueue,
)

from bot.storage import Store
from bot.storage.conversations import Pending
from bot.storage.store import NotLeading
from bot.texts import common as tc
from bot.tg.context import Ctx
from bot.tg.errors import report
from bot.tg.logs import summary
from bot.tg.outbox import Outbox, deliver, send_left_over
from bot.tg.words import Found, Words

log = logging.getLogger(__name__)

END = ConversationHandler.END
Handler = BaseHandler[Update, Ctx, Any]
Reask = Callable[[Update, Ctx, Any], Awaitable[None]]
RETRY_AFTER = timedelta(seconds=30)  # replies the network held up are tried again this late


@dataclass(frozen=True)
class Conversation:
    """What one step module contributes (each exposes `conversation()` returning one).

    `name`: the step's name, stored with its states; `states`: each state's handlers;
    `reask(update, ctx, state)`: ask a state's question again; `cancel`: handlers that end
    the step in any of its states; `catch_all`: handlers tried in any of its states after
    the actions; `before`: callbacks run for every update before a handler is picked;
    `entry_points`, `passive`, `actions`, `last_resort`: see the module docstring.
    """

    name: str
    entry_points: Sequence[Handler] = ()
    states: Mapping[StrEnum, Sequence[Handler]] = field(default_factory=dict)
    reask: Reask | None = None
    cancel: Sequence[Handler] = ()
    catch_all: Sequence[Handler] = ()
    before: Sequence[Callable[[Update, Ctx], Awaitable[None]]] = ()
    passive: Sequence[Handler] = ()
    actions: Sequence[Handler] = ()
    last_resort: Sequence[Handler] = ()


class Dialogue(BaseHandler[Update, Ctx, None]):
    """The one handler for every private update from a user (see the module docstring)."""

    def __init__(self, conversations: Sequence[Conversation], words: Words | None = None) -> None:
        super().__init__(self._unused)
        self.words = words
        self.conversations = {c.name: c for c in conversations}
        if len(self.conversations) != len(conversations):
            raise ValueError("two conversations share a name")
        self.owners: dict[type, str] = {}
        for c in conversations:
            for state in c.states:
                if self.owners.setdefault(type(state), c.name) != c.name:
                    raise ValueError(f"{type(state).__name__} states belong to two steps")
        self.before = [b for c in conversations for b in c.before]
        self.passive = [h for c in conversations for h in c.passive]
        self.entries = [(h, c.name) for c in conversations for h in c.entry_points]
        self.actions = [h for c in conversations for h in c.actions]
        self.last_resort = [h for c in conversations for h in c.last_resort]

    @staticmethod
    async def _unused(update: Update, ctx: Ctx) -> None:  # handle_update calls the chosen one
        return None

    def check_update(self, update: object) -> bool:
        return (
            isinstance(update, Update)
            and update.effective_user is not None
            and update.effective_chat is not None
        )

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, Ctx, Any, Any, Any, Any],
        check_result: object,
        context: Ctx,
    ) -> None:
        """Handle the update in one transaction, then send its replies (see the module
        docstring). A failure is the dialogue's own to answer: the press is answered once,
        the user gets one apology, the error is logged; nothing reaches PTB's error handler."""
        chat = update.effective_chat
        assert chat is not None
        context.outbox = Outbox(chat.id)
        context.ask_again = False
        try:
            ids = await self._commit(update, application, context)
        except NotLeading:  # the next leader handles the update (Telegram hands it over again)
            log.warning("not the leader any more: update %s rolled back", update.update_id)
            return
        except Exception as exc:  # the transaction rolled back: nothing of the update is kept
            report(update, exc)
            context.outbox = _apology(update, chat.id)
            ids = []
        if ids is not None:
            await self._send(update, context, ids)
            await _later(update, context.outbox)

    async def _commit(
        self, update: Update, application: Application[Any, Ctx, Any, Any, Any, Any], ctx: Ctx
    ) -> list[int] | None:
        """Run the chosen handler and commit its writes, the user's next state and the
        messages to send; returns their outbox ids, or None for an update seen before."""
        user, chat, outbox = update.effective_user, update.effective_chat, ctx.outbox
        assert user is not None and chat is not None and outbox is not None
        async with ctx.store.transaction() as tx:
            pending = ctx.pending = await tx.conversations.get(user.id)
            if not pending.known:
                await tx.users.ensure(user.id, chat.id, user.first_name)
            elif pending.update_id == update.update_id:
                return None  # Telegram sent it again after a crash; its replies went out then
            await self._run(update, application, ctx, pending)
            if update.callback_query is not None:
                outbox.answer_query(update.callback_query.id)  # every press, exactly once
            if pending.forgotten:  # after /forget, nothing of theirs is written again
                return []
            pending.update_id = update.update_id
            await tx.conversations.put(pending, ctx.now())
            stored = [(c.method, p) for c in outbox.calls if (p := c.stored()) is not None]
            return await tx.outbox.add(user.id, stored, ctx.now()) if stored else []

    async def _send(self, update: Update, ctx: Ctx, ids: list[int]) -> None:
        """Send the committed replies, forget those Telegram has settled, and deal with the
        rest: an apology for a message it refused, a retry for those the network held up."""
        assert ctx.outbox is not None
        calls = ctx.outbox.calls
        done = await deliver(ctx.bot, calls)
        durable = [i for i, call in enumerate(calls) if call.stored() is not None]
        await _sent(ctx.store, [id_ for i, id_ in zip(durable, ids, strict=False) if i < done.made])
        if done.refused:
            report(update, done.refused[0])
            await deliver(ctx.bot, _apology(update, ctx.outbox.chat_id, answer=False).calls)
        if done.cut_off is not None:
            log.warning(
                "telegram error %s: %s; the replies wait for a retry",
                summary(update),
                type(done.cut_off).__name__,
            )
            _retry_later(ctx)

    async def _run(
        self,
        update: Update,
        application: Application[Any, Ctx, Any, Any, Any, Any],
        ctx: Ctx,
        pending: Pending,
    ) -> None:
        for before in self.before:
            await before(update, ctx)
        handler, check, entered = self._pick(update, pending)
        handler.collect_additional_context(ctx, update, application, check)
        if entered is not None and entered != pending.name:
            pending.name, pending.state = entered, None  # the question pending is over
        try:
            result = await handler.handle_update(update, application, check, ctx)
        except ApplicationHandlerStop as stop:
            result = stop.state
        if result is None and ctx.ask_again:
            await self._ask_again(update, ctx, pending)
        self._move(pending, result)

    async def _ask_again(self, update: Update, ctx: Ctx, pending: Pending) -> None:
        """Ask the question still pending again (a handler refused its answer)."""
        current = self._current(pending)
        if current is not None and current[0].reask is not None:
            state = next(s for s in current[0].states if str(s) == pending.state)
            await current[0].reask(update, ctx, state)

    def _move(self, pending: Pending, result: object) -> None:
        """Apply a handler's returned state to the user's conversation."""
        if result is None:
            return
        if result == END:
            pending.state = None
            return
        if isinstance(result, StrEnum) and type(result) in self.owners:
            pending.name, pending.state = self.owners[type(result)], str(result)
            return
        raise TypeError(f"a handler returned {result!r}, which is no step's state")

    def _pick(self, update: Update, pending: Pending) -> Found:
        found = _first(self.passive, update) or _first_entry(self.entries, update)
        if found is not None:
            return found
        current = self._current(pending)
        found = self.words.pick(update, pending.state, current) if self.words else None
        if found is not None:
            return found
        if current is not None:
            conversation, handlers = current
            found = _first([*handlers, *conversation.cancel], update)
        found = found or _first(self.actions, update)
        if found is None and current is not None:
            found = _first(current[0].catch_all, update)
        found = found or _first(self.last_resort, update)
        if found is None:
            raise LookupError(f"no handler takes update {update.update_id}")
        return found

    def _current(self, pending: Pending) -> tuple[Conversation, Sequence[Handler]] | None:
        """The step and handlers of the question pending, if any (and still known)."""
        conversation = self.conversations.get(pending.name or "")
        if conversation is None or pending.state is None:
            return None
        for state, handlers in conversation.states.items():
            if str(state) == pending.state:
                return conversation, handlers
        return None  # a state this version no longer has: nothing pending


def _first(handlers: Sequence[Handler], update: Update) -> Found | None:
    return _first_entry([(handler, None) for handler in handlers], update)


def _first_entry(entries: Sequence[tuple[Handler, str | None]], update: Update) -> Found | None:
    for handler, name in entries:
        check = handler.check_update(update)
        if check is not None and check is not False:
            return handler, check, name
    return None


async def _later(update: Update, outbox: Outbox | None) -> None:
    """The update's follow-up jobs (`Outbox.later`), in order; a failure is logged."""
    for job in outbox.after if outbox is not None else ():
        try:
            await job()
        except Exception as exc:
            report(update, exc)


def _apology(update: Update, chat_id: int, *, answer: bool = True) -> Outbox:
    """The one reply to an update that failed: the press answered, and an apology."""
    outbox = Outbox(chat_id)
    if answer and update.callback_query is not None:
        outbox.answer_query(update.callback_query.id)
    outbox.send(tc.ERROR)
    return outbox


async def _retry(ctx: Ctx) -> None:
    """A job: send the replies the network held up (those still in delivery are younger)."""
    older_than = ctx.runtime.now() - RETRY_AFTER / 2
    await send_left_over(ctx.bot, ctx.store, older_than)
    if await ctx.store.outbox.left(older_than, limit=1):
        _retry_later(ctx)


def _retry_later(ctx: Ctx) -> None:
    queue = cast("JobQueue[Ctx] | None", ctx.job_queue)
    if queue is not None:  # (tests without a running JobQueue retry by hand)
        queue.run_once(_retry, RETRY_AFTER.total_seconds(), name="outbox")


async def _sent(store: Store, ids: list[int]) -> None:
    if ids:
        async with store.single() as tx:
            await tx.outbox.done(ids)
