"""What /start and /settings share: the states, the keyboards, the settings menu, and where a
finished answer goes (setup's end, or back to the menu)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from telegram import Update

from bot.rules.models import User
from bot.rules.places import REGION_COUNTRIES, country_name, region_choices, region_name
from bot.texts import common as tc
from bot.texts import start as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import current_user, say

NS = "setup"


class Setup(StrEnum):
    TZ = "setup.tz"
    COUNTRY = "setup.country"
    REGION = "setup.region"
    MENU = "setup.menu"
    QUIET = "setup.quiet"


def tz_keyboard() -> Any:
    buttons = [(label, kb.data(NS, "tz", name)) for label, name in t.COMMON_ZONES]
    return kb.grid(buttons, width=3)


def country_keyboard() -> Any:
    buttons = [(label, kb.data(NS, "country", code)) for label, code in t.COMMON_COUNTRIES]
    buttons.append((t.BTN_NO_COUNTRY, kb.data(NS, "country", "none")))
    return kb.grid(buttons, width=3)


def region_keyboard(country: str) -> Any:
    buttons = [(name, kb.data(NS, "region", code)) for code, name in region_choices(country)]
    buttons.append((t.BTN_WHOLE_COUNTRY, kb.data(NS, "region", "none")))
    return kb.grid(buttons, width=2)


def quiet_keyboard() -> Any:
    buttons = [(label, kb.data(NS, "quiet", value)) for label, value in t.QUIET_CHOICES]
    return kb.grid(buttons, width=2)


# Scratch data: an interview was mentioned during the setup ("I just had an interview"):
# the setup's end offers its debrief first.
THEN_DEBRIEF = "setup_then_debrief"


def home_keyboard() -> Any:
    return kb.column(
        [
            (tc.BTN_DEBRIEF, kb.open_step("debrief")),
            (tc.BTN_NEXT, kb.data("next", "show")),
        ]
    )


def needs_region(user: User) -> bool:
    """A UK or Canadian user never asked their nation or province (from before regions)."""
    return user.country in REGION_COUNTRIES and user.region is None


async def ask_region(update: Update, ctx: Ctx, country: str, lead: str | None = None) -> object:
    """Ask the region of `country` (one of REGION_COUNTRIES)."""
    await say(update, ctx, t.ASK_REGION[country], region_keyboard(country), lead=lead)
    return Setup.REGION


def place_text(user: User) -> str:
    """The user's country (and region) as the menu shows it: "United Kingdom (England)"."""
    country = country_name(user.country)
    if country is None:
        return t.NOT_SET
    region = region_name(user.country, user.region)
    return tc.esc(f"{country} ({region})" if region else country)


def quiet_text(start: str, end: str) -> str:
    return t.QUIET_OFF_LABEL if start == end else f"{start}–{end}"


async def menu(update: Update, ctx: Ctx, lead: str | None = None) -> None:
    user = await current_user(update, ctx)
    text = t.SETTINGS_MENU.format(
        tz=tc.esc(user.tz or t.NOT_SET),
        country=place_text(user),
        quiet=quiet_text(user.quiet_start, user.quiet_end),
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


async def finish(update: Update, ctx: Ctx, lead: str | None = None) -> object:
    """After an answer: setup's end (from /start: the home buttons), or the menu again; with
    the debrief first when an interview was mentioned during the setup (THEN_DEBRIEF)."""
    then_debrief = ctx.udata.pop(THEN_DEBRIEF, False)
    if ctx.udata.pop("setup_from_start", False) or then_debrief:
        done = t.SETUP_DONE_DEBRIEF if then_debrief else t.SETUP_DONE
        await say(update, ctx, done, home_keyboard(), lead=lead)
        return END
    await menu(update, ctx, lead)
    return Setup.MENU
