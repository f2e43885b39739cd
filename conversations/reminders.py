"""Nudges as the user sees them, their buttons, and /reminders (issue 3).

A nudge names the interview and the step, says why now, and offers Open (starts the step),
Done, Skip this step and Snooze (1 hour / tomorrow morning / pick a day). Pressing one edits
the nudge to show the choice. Several nudges due at once for one user (after downtime, say)
come as one summary whose buttons show each nudge in full.

The dispatcher (bot/reminders) is created here, with `render` as its way to build messages,
and listens to facts changes through `Runtime.facts_listeners`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler

from bot.rules import nudges
from bot.rules.coaching import Step, StepState
from bot.rules.models import Interview, User
from bot.rules.timing import local_text, zone
from bot.storage.reminders import Reminder, State
from bot.storage.sync import quiet_of
from bot.texts import common as tc
from bot.texts import nudges as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import Conversation
from bot.tg.dispatcher import Dispatcher, Item
from bot.tg.outbox import OnSent
from conversations.common import answered, current_user, outbox, say
from conversations.general import _open_data, stale_button

NS = "nudge"
SETTINGS_NS = "reminders"
SUMMARY_MAX = 8  # lines and buttons in one summary; the rest are one /status away
UPCOMING_MAX = 12
LABEL_MAX = 28  # interview label inside a button
# Buttons that start a step: when pressed on a nudge, the nudge shows "→ Opened".
_OPENS = re.compile(r"^(open|tips):")


# --- rendering (the dispatcher's `render`) -------------------------------------------------
def render(user: User, items: Sequence[Item], now: datetime) -> tuple[str, InlineKeyboardMarkup]:
    if len(items) == 1:
        return single(items[0].reminder, items[0].interview)
    return summary(user, items, now)


def _step_name(reminder: Reminder) -> str:
    name = tc.STEP_NAMES[reminder.step]
    qualifier = t.QUALIFIER.get(reminder.kind)
    return t.STEP_QUALIFIED.format(step=name, qualifier=qualifier) if qualifier else name


def _why(reminder: Reminder, interview: Interview) -> str:
    company = tc.esc(interview.company) if interview.company else t.THE_COMPANY
    return t.WHY.get(reminder.kind, "").format(company=company)


def single(reminder: Reminder, interview: Interview) -> tuple[str, InlineKeyboardMarkup]:
    text = t.NUDGE.format(
        step=_step_name(reminder), label=tc.esc(interview.label), why=_why(reminder, interview)
    )
    if reminder.kind == nudges.KEEP_TRYING:
        text += "\n" + t.NUDGE_WEEKLY_FOOTER
    return text, _buttons(reminder)


def _buttons(reminder: Reminder) -> InlineKeyboardMarkup:
    rid = reminder.id
    skip = t.BTN_SKIP_WEEK if reminder.kind == nudges.KEEP_TRYING else t.BTN_SKIP
    step = tc.STEP_NAMES[reminder.step]
    return kb.keyboard(
        [
            [(t.BTN_OPEN.format(step=step), _open_data(reminder.step, reminder.interview_id))],
            [(t.BTN_DONE, kb.data(NS, "done", rid)), (skip, kb.data(NS, "skip", rid))],
            [
                (t.BTN_SNOOZE_HOUR, kb.data(NS, "snooze", rid, "hour")),
                (t.BTN_SNOOZE_MORNING, kb.data(NS, "snooze", rid, "morning")),
                (t.BTN_SNOOZE_PICK, kb.data(NS, "pick", rid)),
            ],
        ]
    )


def _short(label: str) -> str:
    return kb.shorten(label, LABEL_MAX)


def summary(user: User, items: Sequence[Item], now: datetime) -> tuple[str, InlineKeyboardMarkup]:
    tz = zone(user.tz)
    lines = [t.SUMMARY_HEADER.format(count=len(items))]
    buttons = []
    for item in items[:SUMMARY_MAX]:
        step = _step_name(item.reminder)
        lines.append(
            t.SUMMARY_LINE.format(
                step=step,
                label=tc.esc(item.interview.label),
                due=local_text(item.reminder.due_at, tz, now),
            )
        )
        label = t.SUMMARY_BUTTON.format(step=step, label=_short(item.interview.label))
        buttons.append((label, kb.data(NS, "show", item.reminder.id)))
    if len(items) > SUMMARY_MAX:
        lines.append(t.SUMMARY_MORE.format(count=len(items) - SUMMARY_MAX))
    lines.append(t.SUMMARY_FOOTER)
    return "\n".join(lines), kb.column(buttons)


def _pick_day_buttons(reminder: Reminder, days: Sequence[date]) -> InlineKeyboardMarkup:
    buttons = [
        (f"{d.strftime('%a')} {d.day}", kb.data(NS, "snooze", reminder.id, d.isoformat()))
        for d in days
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    return kb.keyboard([*rows, [(t.BTN_BACK, kb.data(NS, "back", reminder.id))]])


# --- the nudge's buttons ---------------------------------------------------------------------
def _dispatcher(ctx: Ctx) -> Dispatcher:
    dispatcher = ctx.runtime.dispatcher
    assert dispatcher is not None, "registered with the handlers"
    return dispatcher


async def _owned(
    update: Update, ctx: Ctx, parts: list[str]
) -> tuple[User, Reminder, Interview] | None:
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    user = await current_user(update, ctx)
    reminder = await ctx.store.reminders.get_owned(user.id, int(parts[1]))
    if reminder is None or reminder.state is State.CANCELLED:
        return None
    interview = await ctx.store.interviews.get_owned(user.id, reminder.interview_id)
    return (user, reminder, interview) if interview else None


async def on_button(update: Update, ctx: Ctx) -> None:
    query = update.callback_query
    parts = kb.parse(query.data if query else None, NS) or []
    owned = await _owned(update, ctx, parts)
    if owned is None:
        await stale_button(update, ctx)
        raise ApplicationHandlerStop
    user, reminder, interview = owned
    action, extra = parts[0], parts[2:]
    if action == "done" and not extra:
        await _done(update, ctx, reminder, interview)
    elif action == "skip" and not extra:
        await _skip(update, ctx, reminder, interview)
    elif action == "snooze" and len(extra) == 1:
        await _snooze(update, ctx, user, reminder, extra[0])
    elif action == "pick" and not extra:
        await _show_keyboard(update, ctx, _pick_day_buttons(reminder, _days(user, ctx)))
    elif action == "back" and not extra:
        await _show_keyboard(update, ctx, _buttons(reminder))
    elif action == "show" and not extra:
        await answered(update, ctx)
        text, markup = single(reminder, interview)
        await say(update, ctx, text, markup, on_sent=_remember(ctx, reminder.id))
    else:
        await stale_button(update, ctx)
    raise ApplicationHandlerStop  # the last-resort "expired button" reply must not follow


def _remember(ctx: Ctx, reminder_id: int) -> OnSent:
    """Once the nudge is shown again, its Open button acknowledges it (see `before_all`)."""

    async def on_sent(message: Message) -> None:
        async with ctx.store.single() as tx:
            await tx.reminders.set_message(reminder_id, message.message_id)

    return on_sent


def _days(user: User, ctx: Ctx) -> list[date]:
    return nudges.snooze_days(ctx.now(), quiet_of(user))


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


async def _done(update: Update, ctx: Ctx, reminder: Reminder, interview: Interview) -> None:
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


async def _skip(update: Update, ctx: Ctx, reminder: Reminder, interview: Interview) -> None:
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


async def _snooze(update: Update, ctx: Ctx, user: User, reminder: Reminder, when: str) -> None:
    now, quiet = ctx.now(), quiet_of(user)
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
        snoozed = await tx.reminders.snooze(reminder.id, due, now)
    if not snoozed:  # an old copy of a nudge already done or skipped
        await stale_button(update, ctx)
        return
    await answered(update, ctx, t.CHOSE_SNOOZE.format(when=local_text(due, quiet.tz, now)))
    _dispatcher(ctx).wake(due)


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# --- before every update: a returning user, an "Open" pressed on a nudge -------------------
async def before_all(update: Update, ctx: Ctx) -> None:
    """Runs for every update before the dialogue picks its handler (see bot/tg/dialogue.py)."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot or chat.type != ChatType.PRIVATE:
        return
    # Nudges paused when Telegram said they blocked the bot resume (a read, mostly).
    await _dispatcher(ctx).user_returned(user.id)
    query = update.callback_query
    if query is not None and _OPENS.match(query.data or "") and isinstance(query.message, Message):
        carried = await ctx.store.reminders.on_message(user.id, query.message.message_id)
        if carried:
            async with ctx.store.single() as tx:
                await tx.reminders.acknowledge([r.id for r in carried], ctx.now())
            await answered(update, ctx, t.CHOSE_OPEN)


# --- /reminders ------------------------------------------------------------------------------
async def _overview(ctx: Ctx, user: User) -> tuple[str, InlineKeyboardMarkup]:
    now, tz = ctx.now(), zone(user.tz)
    lines = [t.REMINDERS_HEADER]
    if not user.reminders_on:
        lines.append(t.REMINDERS_OFF)
    else:
        upcoming = await ctx.store.reminders.upcoming(user.id, UPCOMING_MAX + 1)
        labels = {i.id: i.label for i in await ctx.store.interviews.all_for(user.id)}
        for row in upcoming[:UPCOMING_MAX]:
            lines.append(
                t.REMINDERS_LINE.format(
                    due=local_text(row.due_at, tz, now),
                    step=_step_name(row),
                    label=tc.esc(labels.get(row.interview_id, "")),
                )
            )
        if len(upcoming) > UPCOMING_MAX:
            lines.append(t.REMINDERS_MORE.format(count=len(upcoming) - UPCOMING_MAX))
        if not upcoming:
            lines.append(t.REMINDERS_NONE)
    quiet = quiet_of(user)
    span = f"{user.quiet_start}–{user.quiet_end}" if quiet.on else t.QUIET_NONE
    lines.append("")
    lines.append(
        t.REMINDERS_STATUS.format(
            all=t.ON if user.reminders_on else t.OFF,
            weekly=t.ON if user.weekly_on else t.OFF,
            quiet=span,
        )
    )
    toggle_all = (t.BTN_ALL_OFF, "all:off") if user.reminders_on else (t.BTN_ALL_ON, "all:on")
    toggle_weekly = (
        (t.BTN_WEEKLY_OFF, "weekly:off") if user.weekly_on else (t.BTN_WEEKLY_ON, "weekly:on")
    )
    buttons = [(label, f"{SETTINGS_NS}:{action}") for label, action in (toggle_all, toggle_weekly)]
    return "\n".join(lines), kb.column(buttons)


async def reminders_command(update: Update, ctx: Ctx) -> None:
    user = await current_user(update, ctx)
    text, markup = await _overview(ctx, user)
    await say(update, ctx, text, markup)
    raise ApplicationHandlerStop


async def toggle(update: Update, ctx: Ctx) -> None:
    query = update.callback_query
    assert query is not None
    parts = kb.parse(query.data, SETTINGS_NS) or []
    columns = {"all": "reminders_on", "weekly": "weekly_on"}
    if len(parts) != 2 or parts[0] not in columns or parts[1] not in ("on", "off"):
        await stale_button(update, ctx)
        raise ApplicationHandlerStop
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, **{columns[parts[0]]: parts[1] == "on"})
    await answered(update, ctx)
    text, markup = await _overview(ctx, await current_user(update, ctx))
    if isinstance(query.message, Message):  # unchanged: Telegram refuses, the outbox skips it
        outbox(ctx).edit(query.message.message_id, text, markup)
    raise ApplicationHandlerStop


def handlers() -> Conversation:
    """The nudges' buttons and /reminders, available at any time; `before_all` runs first."""
    return Conversation(
        name="reminders",
        before=[before_all],
        actions=[
            CommandHandler("reminders", reminders_command),
            CallbackQueryHandler(on_button, pattern=rf"^{NS}:"),
            CallbackQueryHandler(toggle, pattern=rf"^{SETTINGS_NS}:"),
        ],
    )
