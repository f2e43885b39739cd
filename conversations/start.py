"""/start and /settings: the welcome, then time zone, country and (UK, Canada) region, each
asked once; quiet hours (when nudges wait for the morning) in /settings.

A UK or Canadian user from before regions were asked (region never set) is asked it once, the
next time they open /start or /settings. The place questions are in conversations.start_places;
the menu and the states in conversations.start_menu."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules.quiet import as_data, hhmm, read_quiet_hours
from bot.texts import common as tc
from bot.texts import start as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import answered, conversation, current_user, matched, say, text_of
from conversations.endings import NEXT_DATA, STATUS_DATA, onward
from conversations.resume import pending_name, reask_pending
from conversations.start_menu import (
    NS,
    Setup,
    ask_region,
    country_keyboard,
    finish,
    home_keyboard,
    menu,
    needs_region,
    quiet_keyboard,
    quiet_text,
    tz_keyboard,
)
from conversations.start_places import (
    country_button,
    country_text,
    region_button,
    region_text,
    skip_region,
    tz_button,
    tz_text,
)

# Any other data under "setup:" is no button of ours (the state's catch-all answers it).
MENU_CHOICE = rf"^{NS}:(?:change:(?P<change>tz|country|quiet)|done)$"


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask the question pending in `state` again (the catch-all's second half)."""
    user = await current_user(update, ctx)
    if state == Setup.TZ:
        await say(update, ctx, t.ASK_TZ, tz_keyboard())
    elif state == Setup.COUNTRY or (state == Setup.REGION and user.country is None):
        await say(update, ctx, t.ASK_COUNTRY, country_keyboard())
    elif state == Setup.REGION and user.country is not None:
        await ask_region(update, ctx, user.country)
    elif state == Setup.QUIET:
        await say(update, ctx, t.ASK_QUIET, quiet_keyboard())
    else:
        await menu(update, ctx)


async def start(update: Update, ctx: Ctx) -> object:
    """/start: the welcome and the time zone question, or (set up already) welcome back, with
    the question pending in another step asked again (it stays pending: /start is an action,
    see conversations.resume)."""
    user = await current_user(update, ctx)
    if user.tz and pending_name(ctx) not in (None, "setup"):
        await say(update, ctx, tc.WELCOME_BACK_PENDING)
        await reask_pending(update, ctx)
        return None
    if user.tz and needs_region(user):
        ctx.udata["setup_from_start"] = True
        return await ask_region(update, ctx, user.country or "", t.ASK_REGION_AGAIN)
    if user.tz:
        await say(update, ctx, tc.WELCOME_BACK, home_keyboard())
        return END
    await say(update, ctx, t.ASK_TZ, tz_keyboard(), lead=tc.WELCOME)
    ctx.udata["setup_from_start"] = True
    return Setup.TZ


async def settings(update: Update, ctx: Ctx) -> object:
    """/settings or its button: the menu of settings (the region first if never asked)."""
    await answered(update, ctx)
    ctx.udata["setup_from_start"] = False
    user = await current_user(update, ctx)
    if needs_region(user):
        return await ask_region(update, ctx, user.country or "", t.ASK_REGION_AGAIN)
    await menu(update, ctx)
    return Setup.MENU


async def menu_choice(update: Update, ctx: Ctx) -> object:
    """A /settings menu button: ask for the setting to change, or (Done) end."""
    change = matched(ctx, "change")
    await answered(update, ctx)
    if change == "tz":
        await say(update, ctx, t.ASK_TZ, tz_keyboard())
        return Setup.TZ
    if change == "country":
        await say(update, ctx, t.ASK_COUNTRY, country_keyboard())
        return Setup.COUNTRY
    if change == "quiet":
        await say(update, ctx, t.ASK_QUIET, quiet_keyboard())
        return Setup.QUIET
    await say(update, ctx, t.SETTINGS_SAVED, onward(NEXT_DATA, STATUS_DATA))
    return END


def _choice_label(hours: tuple[time, time]) -> str:
    return f"{hhmm(hours[0])}–{hhmm(hours[1])}"


async def _save_quiet(update: Update, ctx: Ctx, text: str) -> object:
    found = read_quiet_hours(text)
    if found is None:
        await say(update, ctx, t.BAD_QUIET.format(text=tc.esc(text[:60])), quiet_keyboard())
        return None
    if found.hours is None:
        buttons = [(_choice_label(c), kb.data(NS, "quiet", as_data(c))) for c in found.choices]
        await say(update, ctx, t.ASK_QUIET_WHICH, kb.column(buttons))
        return None
    start, end = hhmm(found.hours[0]), hhmm(found.hours[1])
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, quiet_start=start, quiet_end=end)
    return await finish(update, ctx, t.QUIET_SET.format(quiet=quiet_text(start, end)))


async def quiet_button(update: Update, ctx: Ctx) -> object:
    """A quiet hours button ("21.00-08.00", "2200-0700" or "off", checked as if typed)."""
    value = matched(ctx, "hours") or ""
    labels = dict((v, label) for label, v in t.QUIET_CHOICES)
    found = read_quiet_hours(value)
    if value not in labels and found is not None and found.hours is not None:
        labels[value] = t.QUIET_OFF_LABEL if value == "off" else _choice_label(found.hours)
    await answered(update, ctx, labels.get(value))
    return await _save_quiet(update, ctx, value)


async def quiet_text_answer(update: Update, ctx: Ctx) -> object:
    """Typed quiet hours (e.g. "10-7", "from 10pm till 7", or "off")."""
    return await _save_quiet(update, ctx, text_of(update))


async def skip(update: Update, ctx: Ctx) -> object:
    """/skip: the time zone falls back to UTC until set; the country stays unset."""
    return await finish(update, ctx, tc.SKIPPED)


def handlers() -> Conversation:
    """/start (welcome, setup; an action: a question pending elsewhere survives it), /settings."""
    text = filters.TEXT & ~filters.COMMAND
    steps = conversation(
        "setup",
        commands=[],
        steps=["setup"],
        entry=start,
        extra_entry_points=[
            CommandHandler("settings", settings),
            CallbackQueryHandler(settings, pattern=r"^open:settings$"),
        ],
        states={
            Setup.TZ: [
                CallbackQueryHandler(tz_button, pattern=rf"^{NS}:tz:(?P<zone>[^:]*)$"),
                MessageHandler(text, tz_text),
                CommandHandler("skip", skip),
            ],
            Setup.COUNTRY: [
                CallbackQueryHandler(country_button, pattern=rf"^{NS}:country:(?P<code>[^:]*)$"),
                MessageHandler(text, country_text),
                CommandHandler("skip", skip),
            ],
            Setup.REGION: [
                CallbackQueryHandler(
                    region_button, pattern=rf"^{NS}:region:(?P<region>[A-Z]{{2,3}}|none)$"
                ),
                MessageHandler(text, region_text),
                CommandHandler("skip", skip_region),
            ],
            Setup.QUIET: [
                CallbackQueryHandler(quiet_button, pattern=rf"^{NS}:quiet:(?P<hours>[^:]*)$"),
                MessageHandler(text, quiet_text_answer),
                CommandHandler("skip", skip),
            ],
            Setup.MENU: [CallbackQueryHandler(menu_choice, pattern=MENU_CHOICE)],
        },
        reask=reask,
    )
    return replace(steps, actions=[CommandHandler("start", start)])
