"""/reminders: the user's upcoming nudges, their settings, and the buttons that turn all
nudges or the weekly one off and on ("reminders:<all|weekly>:<on|off>")."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update

from bot.rules.models import User
from bot.rules.timing import local_text, zone
from bot.storage.sync import quiet_of
from bot.texts import common as tc
from bot.texts import nudges as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.limits import pack
from conversations.common import answered, current_user, matched, outbox, say
from conversations.endings import NEXT_DATA, onward
from conversations.general_replies import stale_button
from conversations.reminders_render import step_name

SETTINGS_NS = "reminders"
TOGGLE_PATTERN = rf"^{SETTINGS_NS}:(?P<setting>all|weekly):(?P<value>on|off)$"
MORE_PATTERN = rf"^{SETTINGS_NS}:more$"
UPCOMING_MAX = 12
# "…and N more" opens the rest: at most this many, in as few messages as fit Telegram's limit.
MORE_MAX = 200
MORE_BUDGET = 3500
_COLUMNS = {"all": "reminders_on", "weekly": "weekly_on"}  # a toggle's users column


async def _lines(ctx: Ctx, user: User, limit: int) -> list[str]:
    """The user's next `limit` nudges, soonest first, one line each (due in their zone)."""
    now, tz = ctx.now(), zone(user.tz)
    upcoming = await ctx.store.reminders.upcoming(user.id, limit)
    labels = {i.id: i.label for i in await ctx.store.interviews.all_for(user.id)}
    return [
        t.REMINDERS_LINE.format(
            due=local_text(row.due_at, tz, now),
            step=step_name(row),
            label=tc.esc(labels.get(row.interview_id, "")),
        )
        for row in upcoming
    ]


async def _upcoming(ctx: Ctx, user: User) -> tuple[list[str], int]:
    """The overview's lines, and how many nudges they leave out (a button shows those)."""
    lines = await _lines(ctx, user, UPCOMING_MAX + MORE_MAX)
    hidden = len(lines) - UPCOMING_MAX
    shown = lines[:UPCOMING_MAX]
    if hidden > 0:
        shown.append(t.REMINDERS_MORE.format(count=hidden))
    return shown or [t.REMINDERS_NONE], max(hidden, 0)


async def more(update: Update, ctx: Ctx) -> None:
    """The "Show the other N" button of /reminders: the nudges the overview left out."""
    await answered(update, ctx)
    user = await current_user(update, ctx)
    rest = (await _lines(ctx, user, UPCOMING_MAX + MORE_MAX))[UPCOMING_MAX:]
    if not rest:
        await say(update, ctx, t.REMINDERS_NO_MORE, onward(NEXT_DATA))
        return
    messages = pack([t.REMINDERS_MORE_HEADER, *rest], MORE_BUDGET, "\n")
    for n, group in enumerate(messages, start=1):
        await say(update, ctx, "\n".join(group), onward(NEXT_DATA) if n == len(messages) else None)


async def _overview(ctx: Ctx, user: User) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t.REMINDERS_HEADER]
    hidden = 0
    if user.reminders_on:
        upcoming, hidden = await _upcoming(ctx, user)
        lines += upcoming
    else:
        lines.append(t.REMINDERS_OFF)
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
    if hidden:
        buttons.insert(0, (t.BTN_REMINDERS_MORE.format(count=hidden), f"{SETTINGS_NS}:more"))
    return "\n".join(lines), kb.column(buttons)


async def reminders_command(update: Update, ctx: Ctx) -> None:
    """/reminders: the overview with its on/off buttons."""
    user = await current_user(update, ctx)
    text, markup = await _overview(ctx, user)
    await say(update, ctx, text, markup)


async def toggle(update: Update, ctx: Ctx) -> None:
    """An on/off button of the overview: store the setting, show the overview again in place."""
    query = update.callback_query
    column = _COLUMNS.get(matched(ctx, "setting") or "")
    value = matched(ctx, "value")
    if query is None or column is None or value not in ("on", "off"):
        await stale_button(update, ctx)
        return
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, **{column: value == "on"})
    await answered(update, ctx)
    text, markup = await _overview(ctx, await current_user(update, ctx))
    if isinstance(query.message, Message):  # unchanged: Telegram refuses, the outbox skips it
        outbox(ctx).edit(query.message.message_id, text, markup)
