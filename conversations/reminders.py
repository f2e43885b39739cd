"""Nudges as the user sees them, their buttons, and /reminders (issue 3).

A nudge names the interview and the step, says why now, and offers Open (starts the step),
Done, Skip this step and Snooze (1 hour / tomorrow morning / pick a day). Pressing one edits
the nudge to show the choice. Several nudges due at once for one user (after downtime, say)
come as one summary whose buttons show each nudge in full.

The messages are built in conversations/reminders_render.py (`render` is the dispatcher's way
to build them, see bot/app/handlers.py); /reminders is conversations/reminders_overview.py.
The dispatcher listens to facts changes through `Runtime.facts_listeners`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import date
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.rules import nudges
from bot.rules.coaching import Step, StepState
from bot.rules.models import Interview, User
from bot.rules.timing import local_text
from bot.storage.reminders import Reminder, State
from bot.storage.sync import quiet_of
from bot.texts import common as tc
from bot.texts import nudges as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import Conversation
from bot.tg.outbox import OnSent
from bot.tg.runtime import NudgeDispatcher
from conversations.common import (
    Callback,
    answered,
    current_user,
    matched,
    matched_id,
    outbox,
    say,
)
from conversations.general_replies import stale_button
from conversations.reminders_overview import (
    MORE_PATTERN,
    TOGGLE_PATTERN,
    more,
    reminders_command,
    toggle,
)
from conversations.reminders_render import (
    NS,
    nudge_buttons,
    pick_day_buttons,
    render,
    single_from,
)

__all__ = ["handlers", "render"]

# Buttons that start a step: when pressed on a nudge, the nudge shows "→ Opened".
_OPENS = re.compile(r"^(open|tips):")
_RID = r"(?P<rid>[0-9]+)"  # the reminder's row id
_WHEN = r"(?P<when>hour|morning|[0-9]{4}-[0-9]{2}-[0-9]{2})"  # a snooze: ISO date for a day


def _dispatcher(ctx: Ctx) -> NudgeDispatcher:
    dispatcher = ctx.runtime.dispatcher
    assert dispatcher is not None, "registered with the handlers"
    return dispatcher


# --- the nudge's buttons ---------------------------------------------------------------------
@dataclass(frozen=True)
class Pressed:
    """The nudge a button belongs to: its user, reminder row and interview."""

    user: User
    reminder: Reminder
    interview: Interview


async def _pressed(update: Update, ctx: Ctx) -> Pressed | None:
    """The nudge whose id the button carries, if it is the user's and not cancelled."""
    rid = matched_id(ctx, "rid")
    if rid is None:
        return None
    user = await current_user(update, ctx)
    reminder = await ctx.store.reminders.get_owned(user.id, rid)
    if reminder is None or reminder.state is State.CANCELLED:
        return None
    interview = await ctx.store.interviews.get_owned(user.id, reminder.interview_id)
    return Pressed(user, reminder, interview) if interview else None


NudgeAction = Callable[[Update, Ctx, Pressed], Coroutine[Any, Any, None]]


def _on_nudge(action: NudgeAction) -> Callback:
    """A nudge button's callback: `action` runs for the nudge the button names; a stale,
    forged or someone else's id gets the expired-button reply."""

    async def callback(update: Update, ctx: Ctx) -> None:
        pressed = await _pressed(update, ctx)
        if pressed is None:
            await stale_button(update, ctx)
        else:
            await action(update, ctx, pressed)

    return callback


async def _show(update: Update, ctx: Ctx, pressed: Pressed) -> None:
    """A summary's button: the nudge in full."""
    await answered(update, ctx)
    user = await current_user(update, ctx)
    text, markup = await single_from(
        ctx.store, pressed.reminder, pressed.interview, user, ctx.now()
    )
    await say(update, ctx, text, markup, on_sent=_remember(ctx, pressed.reminder.id))


def _remember(ctx: Ctx, reminder_id: int) -> OnSent:
    """Once the nudge is shown again, its Open button acknowledges it (see `before_all`)."""

    async def on_sent(message: Message) -> None:
        async with ctx.store.single() as tx:
            await tx.reminders.set_message(reminder_id, message.message_id)

    return on_sent


async def _pick_day(update: Update, ctx: Ctx, pressed: Pressed) -> None:
    days = nudges.snooze_days(ctx.now(), quiet_of(pressed.user))
    await _show_keyboard(update, ctx, pick_day_buttons(pressed.reminder, days))


async def _back(update: Update, ctx: Ctx, pressed: Pressed) -> None:
    await _show_keyboard(update, ctx, nudge_buttons(pressed.reminder))


async def _show_keyboard(update: Update, ctx: Ctx, markup: InlineKeyboardMarkup) -> None:
    await answered(update, ctx)
    message = update.effective_message
    if message is not None:  # pressed twice: the keyboard is already shown (edit skipped)
        outbox(ctx).edit(message.message_id, None, markup)


# Steps whose Done means "let me give you the answers": the conversation that asks them.
ANSWER_STEPS: dict[Step, str] = {
    Step.OUTCOME: "outcome",
    Step.DEBRIEF: "debrief",
    Step.REFLECT: "reflect",
}


async def _done(update: Update, ctx: Ctx, pressed: Pressed) -> None:
    reminder, interview = pressed.reminder, pressed.interview
    await answered(update, ctx, t.CHOSE_DONE)
    step, label = reminder.step, tc.esc(interview.label)
    markup = kb.column([(tc.BTN_NEXT, kb.data("next", "show"))])
    async with ctx.store.transaction() as tx:
        if reminder.kind == nudges.KEEP_TRYING:
            reply = t.DONE_WEEKLY  # recurring: this week's is done, the step goes on
        elif step is Step.FOLLOWUP:
            # "I've sent it": a follow-up on record, so the second one is timed from it.
            await tx.interviews.add_followup(interview.id, ctx.now())
            reply = t.FOLLOWUP_LOGGED.format(label=label)
        elif step in ANSWER_STEPS:
            # Done can't stand in for the answers these steps collect (what the outcome was,
            # who interviewed): the step stays open and the button opens its questions.
            reply = t.DONE_TELL_ME.format(label=label)
            markup = kb.column([(t.BTN_TELL_ME, kb.open_step(ANSWER_STEPS[step], interview.id))])
        else:
            await tx.interviews.set_step(interview.id, step, StepState.DONE)
            reply = t.DONE_REPLY.format(step=tc.STEP_NAMES[step], label=label)
        await tx.reminders.acknowledge([reminder.id], ctx.now())
    await say(update, ctx, reply, markup)


async def _skip(update: Update, ctx: Ctx, pressed: Pressed) -> None:
    reminder, interview = pressed.reminder, pressed.interview
    await answered(update, ctx, t.CHOSE_SKIP)
    step, label = reminder.step, tc.esc(interview.label)
    async with ctx.store.transaction() as tx:
        if reminder.kind == nudges.KEEP_TRYING:
            reply = t.SKIP_WEEKLY
        else:
            await tx.interviews.set_step(interview.id, step, StepState.SKIPPED)
            reply = t.SKIP_REPLY.format(step=tc.STEP_NAMES[step], label=label)
        await tx.reminders.acknowledge([reminder.id], ctx.now())
    await say(update, ctx, reply)


async def _snooze(update: Update, ctx: Ctx, pressed: Pressed) -> None:
    now, quiet = ctx.now(), quiet_of(pressed.user)
    when = matched(ctx, "when")
    if when == "hour":
        due = nudges.snooze_hour(now, quiet)
    elif when == "morning":
        due = nudges.next_morning(now, quiet)
    else:
        day = _iso_date(when)
        if day is None or day not in nudges.snooze_days(now, quiet):
            await stale_button(update, ctx)
            return
        due = nudges.on_day(day, quiet)
    async with ctx.store.single() as tx:
        snoozed = await tx.reminders.snooze(pressed.reminder.id, due, now)
    if not snoozed:  # an old copy of a nudge already done or skipped
        await stale_button(update, ctx)
        return
    await answered(update, ctx, t.CHOSE_SNOOZE.format(when=local_text(due, quiet.tz, now)))
    _dispatcher(ctx).wake(due)


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


# --- before every update: a returning user, an "Open" pressed on a nudge -------------------
async def before_all(update: Update, ctx: Ctx) -> None:
    """Runs for every update before the dialogue picks its handler (see bot/tg/dialogue.py)."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot or chat.type != ChatType.PRIVATE:
        return
    # Nudges paused when Telegram said they blocked the bot resume now (the dialogue read
    # `paused` with the conversation, so most updates cost nothing here).
    if ctx.pending is None or ctx.pending.paused:
        await _dispatcher(ctx).user_returned(user.id)
    query = update.callback_query
    if query is not None and _OPENS.match(query.data or "") and isinstance(query.message, Message):
        carried = await ctx.store.reminders.on_message(user.id, query.message.message_id)
        if carried:
            async with ctx.store.single() as tx:
                await tx.reminders.acknowledge([r.id for r in carried], ctx.now())
            await answered(update, ctx, t.CHOSE_OPEN)


def handlers() -> Conversation:
    """The nudges' buttons and /reminders, available at any time; `before_all` runs first."""
    return Conversation(
        name="reminders",
        before=[before_all],
        actions=[
            CommandHandler("reminders", reminders_command),
            CallbackQueryHandler(_on_nudge(_done), pattern=rf"^{NS}:done:{_RID}$"),
            CallbackQueryHandler(_on_nudge(_skip), pattern=rf"^{NS}:skip:{_RID}$"),
            CallbackQueryHandler(_on_nudge(_snooze), pattern=rf"^{NS}:snooze:{_RID}:{_WHEN}$"),
            CallbackQueryHandler(_on_nudge(_pick_day), pattern=rf"^{NS}:pick:{_RID}$"),
            CallbackQueryHandler(_on_nudge(_back), pattern=rf"^{NS}:back:{_RID}$"),
            CallbackQueryHandler(_on_nudge(_show), pattern=rf"^{NS}:show:{_RID}$"),
            CallbackQueryHandler(toggle, pattern=TOGGLE_PATTERN),
            CallbackQueryHandler(more, pattern=MORE_PATTERN),
        ],
    )
