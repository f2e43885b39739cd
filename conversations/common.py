"""What every conversation shares: sending, the conversation builder, picking an interview."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.rules.drafts import LINKEDIN_PREMIUM_LIMIT, Draft
from bot.rules.models import Interview, User
from bot.rules.parsing import MAX_TEXT
from bot.texts import common as t
from bot.texts import drafts as td
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations import INFO_COMMANDS

END = ConversationHandler.END
Callback = Callable[[Update, Ctx], Coroutine[Any, Any, object]]
Handler = BaseHandler[Update, Ctx, Any]
Reask = Callable[[Update, Ctx, Any], Awaitable[None]]


# --- sending ---------------------------------------------------------------------------------
async def say(
    update: Update,
    ctx: Ctx,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    lead: str | None = None,
) -> Message:
    """Send a new message to the user's chat (HTML; callers escape user text).

    `lead`: an acknowledgement of the last answer ("Got it: Friday."), sent at the top of
    this message rather than as one of its own: on a phone, one message per answer reads
    better, and each message is a round trip to Telegram."""
    chat = update.effective_chat
    assert chat is not None
    return await ctx.bot.send_message(chat.id, joined(lead, text), reply_markup=markup)


def joined(*parts: str | None) -> str:
    """Paragraphs of one message, leaving out the empty ones."""
    return "\n\n".join(p for p in parts if p)


_ANSWERED: dict[str, bool] = {}  # recent callback query id -> its message already edited
_ANSWERED_KEEP = 1000


async def answered(update: Update, choice: str | None = None, *, notice: str | None = None) -> None:
    """Acknowledge a button press: stop the spinner and show what was chosen in place.

    Safe to call more than once for the same press (a handler that hands on to another):
    Telegram accepts one answer per query and rejects the rest as QUERY_ID_INVALID. `notice`
    is a toast shown with the (first) answer."""
    query = update.callback_query
    if query is None:
        return
    if query.id not in _ANSWERED:
        await query.answer(notice)
        _ANSWERED[query.id] = False
        while len(_ANSWERED) > _ANSWERED_KEEP:
            del _ANSWERED[next(iter(_ANSWERED))]
    message = query.message
    if choice is None or _ANSWERED[query.id]:
        return
    if not isinstance(message, Message) or not message.text:
        return
    _ANSWERED[query.id] = True
    # Too old to edit, or unchanged: the choice still counts.
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(f"{message.text_html}\n<i>→ {t.esc(choice)}</i>")


def text_of(update: Update) -> str:
    """What the user typed. A button press has none: the message it sits on is the bot's."""
    message = update.message
    return (message.text or "").strip() if message else ""


async def too_long(update: Update, ctx: Ctx, limit: int = MAX_TEXT) -> bool:
    """Tell the user and return True when their text is longer than we store."""
    if len(text_of(update)) > limit:
        await say(update, ctx, t.TOO_LONG.format(limit=limit))
        return True
    return False


# --- the user and their interview --------------------------------------------------------
async def current_user(update: Update, ctx: Ctx) -> User:
    """The user's row (the guard created it before any conversation sees the update)."""
    tg_user = update.effective_user
    chat = update.effective_chat
    assert tg_user is not None and chat is not None
    user = await ctx.store.users.get(tg_user.id)
    if user is None:
        async with ctx.store.single() as tx:
            user = await tx.users.ensure(tg_user.id, chat.id, tg_user.first_name)
    return user


_OPEN = re.compile(r"^open:(?P<step>[a-z_]+)(?::(?P<iid>\d+))?$")


def opened_interview_id(update: Update) -> int | None:
    """The interview id carried by an "open:<step>:<id>" button, if any."""
    query = update.callback_query
    match = _OPEN.match(query.data or "") if query else None
    return int(match["iid"]) if match and match["iid"] else None


async def interview_for(update: Update, ctx: Ctx, step: str) -> Interview | None:
    """The interview a step applies to, or None after telling the user what to do.

    Order: the id on an "open" button (checked against the owner), the user's current
    interview, the only active one; with several and none current, offer a choice.
    """
    user = await current_user(update, ctx)
    wanted = opened_interview_id(update)
    if wanted is not None:
        found = await ctx.store.interviews.get_owned(user.id, wanted)
        if found is not None:
            if found.id != user.current_interview_id:
                async with ctx.store.single() as tx:
                    await tx.users.update(user.id, current_interview_id=found.id)
            return found
    active = await ctx.store.interviews.active(user.id)
    current = next((i for i in active if i.id == user.current_interview_id), None)
    if current is not None:
        return current
    if len(active) == 1:
        return active[0]
    if not active:
        await say(
            update, ctx, t.NO_INTERVIEW, kb.column([(t.BTN_DEBRIEF, kb.open_step("debrief"))])
        )
        return None
    buttons = [(i.label, kb.open_step(step, i.id)) for i in active]
    await say(update, ctx, t.PICK_INTERVIEW, kb.column(buttons))
    return None


# --- the conversation builder --------------------------------------------------------------
def stopping(callback: Callback) -> Callback:
    """Run a state callback, then stop later handler groups from seeing the same update.

    The conversation consumed the update (an answer), so the global "I don't understand"
    handlers must not also reply. The returned state still reaches the ConversationHandler.
    """

    if getattr(callback, "stops_later_groups", False):
        return callback  # a handler shared by several states is wrapped once

    @functools.wraps(callback)
    async def wrapped(update: Update, ctx: Ctx) -> object:
        state = await callback(update, ctx)
        raise ApplicationHandlerStop(state)

    wrapped.stops_later_groups = True  # type: ignore[attr-defined]
    return wrapped


async def cancel(update: Update, ctx: Ctx) -> int:
    await answered(update)
    await say(update, ctx, t.CANCELLED)
    return END


class _Switch(BaseHandler[Update, Ctx, object]):
    """In every state: takes whatever another conversation's entry point would take.

    It ends this conversation quietly (its answers are already stored) and does not stop
    the update, so the other conversation's entry point, in its own group, starts it. The
    entry points it watches are filled in by `link_conversations` once all are built.
    """

    def __init__(self) -> None:
        super().__init__(self._end)
        self.others: list[Handler] = []

    def check_update(self, update: object) -> bool:
        return isinstance(update, Update) and any(
            h.check_update(update) not in (None, False) for h in self.others
        )

    @staticmethod
    async def _end(update: Update, ctx: Ctx) -> int:
        return END


_SWITCHES: dict[str, _Switch] = {}
_BUTTONS: dict[str, list[Handler]] = {}


def button_handlers() -> list[Handler]:
    """Every conversation's passive buttons, for a global handler group (they stop there)."""
    return [handler for handlers in _BUTTONS.values() for handler in handlers]


def link_conversations(handlers: Sequence[ConversationHandler[Ctx]]) -> None:
    """Let each conversation end itself when any other one's entry point takes an update."""
    for handler in handlers:
        assert handler.name is not None
        switch = _SWITCHES[handler.name]
        switch.others = [
            entry for other in handlers if other is not handler for entry in other.entry_points
        ]


def _marking(callback: Callback) -> Callback:
    """An entry callback that records the update as taken (see `handled`)."""

    @functools.wraps(callback)
    async def wrapped(update: Update, ctx: Ctx) -> object:
        ctx.runtime.handled_updates.add(update.update_id)
        return await callback(update, ctx)

    return wrapped


def unless_handled(callback: Callback) -> Callback:
    """A last-resort callback that stays quiet when an entry point already took the update."""

    @functools.wraps(callback)
    async def wrapped(update: Update, ctx: Ctx) -> object:
        if handled(update, ctx):
            return None
        return await callback(update, ctx)

    return wrapped


def handled(update: object, ctx: Ctx) -> bool:
    """True when a conversation's entry point already took this update.

    Entry points don't stop later groups (other conversations must see the update to end
    themselves), so the last-resort replies ask this before answering.
    """
    return isinstance(update, Update) and update.update_id in ctx.runtime.handled_updates


def _catch_all(namespace: str, state: Any, reask: Reask) -> list[Handler]:
    async def on_message(update: Update, ctx: Ctx) -> None:
        message = update.effective_message
        if message is not None and message.text is None:
            await say(update, ctx, t.UNSUPPORTED_MEDIA)
        elif message is not None and message.text and message.text.startswith("/"):
            await say(update, ctx, t.UNKNOWN_COMMAND)
        await reask(update, ctx, state)

    async def on_stale_button(update: Update, ctx: Ctx) -> None:
        await answered(update, notice=t.STALE_BUTTON)
        await reask(update, ctx, state)

    info = filters.Regex(rf"^/({'|'.join(sorted(INFO_COMMANDS))})(@\w+)?(\s|$)")
    return [
        MessageHandler(filters.ALL & ~info, on_message),
        CallbackQueryHandler(on_stale_button, pattern=rf"^{namespace}:"),
    ]


def conversation(
    name: str,
    *,
    commands: Sequence[str],
    steps: Sequence[str],
    entry: Callback,
    states: Mapping[StrEnum, Sequence[Handler]],
    reask: Reask,
    extra_entry_points: Sequence[Handler] = (),
    buttons: Sequence[Handler] = (),
) -> ConversationHandler[Ctx]:
    """A persistent ConversationHandler with the behaviour every step shares.

    - entry: `/command` or an "open:<step>[:<interview id>]" button for any of `steps`;
    - `extra_entry_points`: more ways in that start something (e.g. a button that shows the
      next draft), which must work after a restart or from a nudge;
    - `buttons`: buttons that act and ask nothing (e.g. "Sent it" under a LinkedIn note):
      they work in every state here and, through `button_handlers()`, from anywhere else,
      without ending another conversation's pending question;
    - in every state, after its own handlers: /cancel, a switch to another conversation,
      and a catch-all that explains and asks the state's question again (`reask`);
    - a state's own handlers stop later handler groups from seeing the update; entry points
      don't (so the others can end themselves) but mark the update as taken.
    """
    open_pattern = rf"^open:({'|'.join(steps)})(:\d+)?$"
    switch = _SWITCHES[name] = _Switch()
    passive = _BUTTONS[name] = [_with_stop(b) for b in buttons]
    full_states: dict[object, list[Handler]] = {}
    for state, handlers in states.items():
        own: list[Handler] = [
            *passive,
            *handlers,
            CommandHandler("cancel", cancel),
            CallbackQueryHandler(cancel, pattern=rf"^{name}:cancel$"),
        ]
        catch = _catch_all(name, state, reask)
        # The switch must not stop: the other conversation's entry has to see the update.
        full_states[state] = [*map(_with_stop, own), switch, *map(_with_stop, catch)]
    entry_points: list[Handler] = [
        CommandHandler(list(commands), entry),
        CallbackQueryHandler(entry, pattern=open_pattern),
        *extra_entry_points,
    ]
    for handler in entry_points:
        handler.callback = _marking(handler.callback)
    return ConversationHandler(
        entry_points=entry_points,
        states=full_states,
        fallbacks=[],
        name=name,
        persistent=True,
        allow_reentry=True,
    )


def _with_stop(handler: Handler) -> Handler:
    handler.callback = stopping(handler.callback)
    return handler


async def send_draft(
    update: Update, ctx: Ctx, draft: Draft, *, sent: str, change: str | None, review: str
) -> Message:
    """Show a draft with its buttons: Sent it (callback `sent`), Change something (`change`,
    omitted when None) and Review mine (`review`, a "review:..." button)."""
    row = [(td.BTN_SENT, sent)]
    if change is not None:
        row.append((td.BTN_CHANGE, change))
    return await say(
        update,
        ctx,
        td.render(draft, LINKEDIN_PREMIUM_LIMIT),
        kb.keyboard([row, [(td.BTN_REVIEW, review)]]),
    )


async def mark_step(ctx: Ctx, interview_id: int, step: Any, state: Any) -> None:
    """Record a step's state and let listeners (the nudge engine) follow the facts."""
    async with ctx.store.transaction() as tx:
        await tx.interviews.set_step(interview_id, step, state)
        await ctx.runtime.facts_changed(tx, interview_id)
