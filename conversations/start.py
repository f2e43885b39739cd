"""/start and /settings: the welcome, then time zone and country, each asked once; quiet
hours (when nudges wait for the morning) in /settings."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules import nudges
from bot.rules.parsing import country_name, parse_country, parse_timezone
from bot.rules.timing import local_text, zone
from bot.texts import common as tc
from bot.texts import start as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import answered, conversation, current_user, matched, say, text_of

NS = "setup"
# Any other data under "setup:" is no button of ours (the state's catch-all answers it).
MENU_CHOICE = rf"^{NS}:(?:change:(?P<change>tz|country|quiet)|done)$"


class Setup(StrEnum):
    TZ = "setup.tz"
    COUNTRY = "setup.country"
    MENU = "setup.menu"
    QUIET = "setup.quiet"


def _tz_keyboard() -> Any:
    buttons = [(label, kb.data(NS, "tz", name)) for label, name in t.COMMON_ZONES]
    return kb.grid(buttons, width=3)


def _country_keyboard() -> Any:
    buttons = [(label, kb.data(NS, "country", code)) for label, code in t.COMMON_COUNTRIES]
    buttons.append((t.BTN_NO_COUNTRY, kb.data(NS, "country", "none")))
    return kb.grid(buttons, width=3)


def _quiet_keyboard() -> Any:
    buttons = [(label, kb.data(NS, "quiet", value)) for label, value in t.QUIET_CHOICES]
    return kb.grid(buttons, width=2)


def _home_keyboard() -> Any:
    return kb.column(
        [
            (tc.BTN_DEBRIEF, kb.open_step("debrief")),
            (tc.BTN_NEXT, kb.data("next", "show")),
        ]
    )


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask the question pending in `state` again (the catch-all's second half)."""
    if state == Setup.TZ:
        await say(update, ctx, t.ASK_TZ, _tz_keyboard())
    elif state == Setup.COUNTRY:
        await say(update, ctx, t.ASK_COUNTRY, _country_keyboard())
    elif state == Setup.QUIET:
        await say(update, ctx, t.ASK_QUIET, _quiet_keyboard())
    else:
        await _menu(update, ctx)


async def start(update: Update, ctx: Ctx) -> object:
    """/start: the welcome and the time zone question, or (set up already) welcome back."""
    user = await current_user(update, ctx)
    if user.tz:
        await say(update, ctx, tc.WELCOME_BACK, _home_keyboard())
        return END
    await say(update, ctx, t.ASK_TZ, _tz_keyboard(), lead=tc.WELCOME)
    ctx.udata["setup_from_start"] = True
    return Setup.TZ


async def settings(update: Update, ctx: Ctx) -> object:
    """/settings or its button: the menu of settings."""
    await answered(update, ctx)
    ctx.udata["setup_from_start"] = False
    await _menu(update, ctx)
    return Setup.MENU


async def _menu(update: Update, ctx: Ctx, lead: str | None = None) -> None:
    user = await current_user(update, ctx)
    text = t.SETTINGS_MENU.format(
        tz=tc.esc(user.tz or t.NOT_SET),
        country=tc.esc(country_name(user.country) or t.NOT_SET),
        quiet=_quiet_text(user.quiet_start, user.quiet_end),
    )
    await say(
        update,
        ctx,
        text,
        kb.column(
            [
                (t.BTN_CHANGE_TZ, kb.data(NS, "change", "tz")),
                (t.BTN_CHANGE_COUNTRY, kb.data(NS, "change", "country")),
                (t.BTN_CHANGE_QUIET, kb.data(NS, "change", "quiet")),
                (t.BTN_SETTINGS_DONE, kb.data(NS, "done")),
            ]
        ),
        lead=lead,
    )


async def menu_choice(update: Update, ctx: Ctx) -> object:
    """A /settings menu button: ask for the setting to change, or (Done) end."""
    change = matched(ctx, "change")
    await answered(update, ctx)
    if change == "tz":
        await say(update, ctx, t.ASK_TZ, _tz_keyboard())
        return Setup.TZ
    if change == "country":
        await say(update, ctx, t.ASK_COUNTRY, _country_keyboard())
        return Setup.COUNTRY
    if change == "quiet":
        await say(update, ctx, t.ASK_QUIET, _quiet_keyboard())
        return Setup.QUIET
    await say(update, ctx, t.SETTINGS_SAVED)
    return END


async def _save_tz(update: Update, ctx: Ctx, name: str) -> object:
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, tz=name)
    local = local_text(ctx.now(), zone(name))
    lead = t.TZ_SET.format(tz=tc.esc(name), local=local)
    if ctx.udata.get("setup_from_start") and user.country is None:
        await say(update, ctx, t.ASK_COUNTRY, _country_keyboard(), lead=lead)
        return Setup.COUNTRY
    return await _finish(update, ctx, lead)


async def tz_button(update: Update, ctx: Ctx) -> object:
    """A time zone button (an IANA name, checked as if typed)."""
    name = parse_timezone(matched(ctx, "zone") or "")
    if name is None:
        await answered(update, ctx)
        await say(update, ctx, t.ASK_TZ, _tz_keyboard())
        return None
    await answered(update, ctx, name)
    return await _save_tz(update, ctx, name)


async def tz_text(update: Update, ctx: Ctx) -> object:
    """A typed time zone: an IANA name or its city ("London"), see bot.rules.parsing."""
    text = text_of(update)
    name = parse_timezone(text)
    if name is None:
        await say(update, ctx, t.BAD_TZ.format(text=tc.esc(text[:60])), _tz_keyboard())
        return None
    return await _save_tz(update, ctx, name)


async def _save_country(update: Update, ctx: Ctx, code: str | None) -> object:
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, country=code)
    chosen = tc.esc(country_name(code))
    return await _finish(
        update, ctx, t.COUNTRY_SET.format(country=chosen) if code else t.COUNTRY_NONE
    )


async def country_button(update: Update, ctx: Ctx) -> object:
    """A country button (a code, checked as if typed) or "none"."""
    value = matched(ctx, "code") or ""
    if value == "none":
        await answered(update, ctx, t.BTN_NO_COUNTRY)
        return await _save_country(update, ctx, None)
    found = parse_country(value)
    if found is None:
        await answered(update, ctx)
        await say(update, ctx, t.ASK_COUNTRY, _country_keyboard())
        return None
    await answered(update, ctx, found[1])
    return await _save_country(update, ctx, found[0])


async def country_text(update: Update, ctx: Ctx) -> object:
    """A typed country (a name or a code)."""
    text = text_of(update)
    found = parse_country(text)
    if found is None:
        await say(update, ctx, t.BAD_COUNTRY.format(text=tc.esc(text[:60])), _country_keyboard())
        return None
    return await _save_country(update, ctx, found[0])


def _quiet_text(start: str, end: str) -> str:
    return t.QUIET_OFF_LABEL if start == end else f"{start}–{end}"


async def _save_quiet(update: Update, ctx: Ctx, text: str) -> object:
    found = nudges.parse_quiet_hours(text)
    if found is None:
        await say(update, ctx, t.BAD_QUIET.format(text=tc.esc(text[:60])), _quiet_keyboard())
        return None
    start, end = nudges.hhmm(found[0]), nudges.hhmm(found[1])
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, quiet_start=start, quiet_end=end)
    return await _finish(update, ctx, t.QUIET_SET.format(quiet=_quiet_text(start, end)))


async def quiet_button(update: Update, ctx: Ctx) -> object:
    """A quiet hours button ("21.00-08.00" or "off", checked as if typed)."""
    value = matched(ctx, "hours") or ""
    labels = dict((v, label) for label, v in t.QUIET_CHOICES)
    await answered(update, ctx, labels.get(value))
    return await _save_quiet(update, ctx, value)


async def quiet_text(update: Update, ctx: Ctx) -> object:
    """Typed quiet hours (e.g. "22-7", or "off")."""
    return await _save_quiet(update, ctx, text_of(update))


async def skip(update: Update, ctx: Ctx) -> object:
    """/skip: the time zone falls back to UTC until set; the country stays unset."""
    return await _finish(update, ctx, tc.SKIPPED)


async def _finish(update: Update, ctx: Ctx, lead: str | None = None) -> object:
    if ctx.udata.pop("setup_from_start", False):
        await say(update, ctx, t.SETUP_DONE, _home_keyboard(), lead=lead)
        return END
    await _menu(update, ctx, lead)
    return Setup.MENU


def handlers() -> Conversation:
    """/start (welcome and setup) and /settings (time zone, country, quiet hours)."""
    text = filters.TEXT & ~filters.COMMAND
    return conversation(
        "setup",
        commands=["start"],
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
            Setup.QUIET: [
                CallbackQueryHandler(quiet_button, pattern=rf"^{NS}:quiet:(?P<hours>[^:]*)$"),
                MessageHandler(text, quiet_text),
                CommandHandler("skip", skip),
            ],
            Setup.MENU: [CallbackQueryHandler(menu_choice, pattern=MENU_CHOICE)],
        },
        reask=reask,
    )
