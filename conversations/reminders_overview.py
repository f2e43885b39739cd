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
from conversations.common import answered, current_user, matched, outbox, say
from conversations.general_replies import stale_button
from conversations.reminders_render import step_name

SETTINGS_NS = "reminders"
TOGGLE_PATTERN = rf"^{SETTINGS_NS}:(?P<setting>all|weekly):(?P<value>on|off)$"
UPCOMING_MAX = 12
_COLUMNS = {"all": "reminders_on", "weekly": "weekly_on"}  # a toggle's users column


async def _upcoming(ctx: Ctx, user: User) -> list[str]:
    now, tz = ctx.now(), zone(user.tz)
    upcoming = await ctx.store.reminders.upcoming(user.id, UPCOMING_MAX + 1)
    labels = {i.id: i.label for i in await ctx.store.interviews.all_for(user.id)}
    lines = [
        t.REMINDERS_LINE.format(
            due=local_text(row.due_at, tz, now),
            step=step_name(row),
            label=tc.esc(labels.get(row.interview_id, "")),
        )
        for row in upcoming[:UPCOMING_MAX]
    ]
    if len(upcoming) > UPCOMING_MAX:
        lines.append(t.REMINDERS_MORE.format(count=len(upcoming) - UPCOMING_MAX))
    if not upcoming:
        lines.append(t.REMINDERS_NONE)
    return lines


async def _overview(ctx: Ctx, user: User) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t.REMINDERS_HEADER]
    lines += await _upcoming(ctx, user) if user.reminders_on else [t.REMINDERS_OFF]
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
