"""The place questions of /start and /settings: time zone, country, and the region where
holidays differ within the country (bot.rules.zones and bot.rules.places read the answers)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import Update

from bot.rules.places import (
    REGION_COUNTRIES,
    Place,
    country_name,
    parse_country,
    parse_place,
    parse_region,
)
from bot.rules.timing import local_text, zone
from bot.rules.zones import city_of, parse_timezone, read_timezone
from bot.texts import common as tc
from bot.texts import start as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations.common import answered, current_user, matched, say, text_of
from conversations.start_menu import (
    NS,
    Setup,
    ask_region,
    country_keyboard,
    finish,
    region_keyboard,
    tz_keyboard,
)


def zone_choices(now: datetime, zones: tuple[str, ...], namespace: str = NS) -> Any:
    """A button per zone that fits what the user typed: its city and the time there now (UTC
    `now`); each presses "<namespace>:tz:<zone>"."""
    buttons = [
        (
            t.ZONE_CHOICE.format(city=city_of(name), clock=f"{now.astimezone(zone(name)):%H:%M}"),
            kb.data(namespace, "tz", name),
        )
        for name in zones
    ]
    return kb.column(buttons)


async def _save_tz(update: Update, ctx: Ctx, name: str) -> object:
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, tz=name)
    local = local_text(ctx.now(), zone(name))
    lead = t.TZ_SET.format(tz=tc.esc(name), local=local)
    if ctx.udata.get("setup_from_start") and user.country is None:
        await say(update, ctx, t.ASK_COUNTRY, country_keyboard(), lead=lead)
        return Setup.COUNTRY
    return await finish(update, ctx, lead)


async def tz_button(update: Update, ctx: Ctx) -> object:
    """A time zone button (an IANA name, checked as if typed)."""
    name = parse_timezone(matched(ctx, "zone") or "")
    if name is None:
        await answered(update, ctx)
        await say(update, ctx, t.ASK_TZ, tz_keyboard())
        return None
    await answered(update, ctx, name)
    return await _save_tz(update, ctx, name)


async def tz_text(update: Update, ctx: Ctx) -> object:
    """A typed time zone: an IANA name, a city, an abbreviation, a country or region; where
    several zones fit ("EST"), they come back as buttons."""
    text = text_of(update)
    user = await current_user(update, ctx)
    found = read_timezone(text, user.country)
    if found is None:
        await say(update, ctx, t.BAD_TZ.format(text=tc.esc(text[:60])), tz_keyboard())
        return None
    if found.zone is None:
        which = t.ASK_TZ_WHICH.format(text=tc.esc(text[:60]))
        await say(update, ctx, which, zone_choices(ctx.now(), found.choices))
        return None
    return await _save_tz(update, ctx, found.zone)


async def save_place(update: Update, ctx: Ctx, place: Place | None) -> object:
    """Store the country (None: no country) and, if known, its region; a UK or Canadian
    country without one is followed by the region question."""
    user = await current_user(update, ctx)
    country = place.country if place else None
    region = place.region if place else None
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, country=country, region=region)
    if place is None:
        return await finish(update, ctx, t.COUNTRY_NONE)
    name = tc.esc(country_name(place.country))
    if region is not None:
        text = t.COUNTRY_REGION_SET.format(country=name, region=tc.esc(place.name))
        return await finish(update, ctx, text)
    lead = t.COUNTRY_SET.format(country=name)
    if place.country in REGION_COUNTRIES:
        return await ask_region(update, ctx, place.country, lead)
    return await finish(update, ctx, lead)


async def country_button(update: Update, ctx: Ctx) -> object:
    """A country button (a code, checked as if typed) or "none"."""
    value = matched(ctx, "code") or ""
    if value == "none":
        await answered(update, ctx, t.BTN_NO_COUNTRY)
        return await save_place(update, ctx, None)
    found = parse_country(value)
    if found is None:
        await answered(update, ctx)
        await say(update, ctx, t.ASK_COUNTRY, country_keyboard())
        return None
    await answered(update, ctx, found[1])
    return await save_place(update, ctx, Place(found[0], None, found[1]))


async def country_text(update: Update, ctx: Ctx) -> object:
    """A typed country ("UK", "Canada") or region ("England", "Ontario", "ON")."""
    text = text_of(update)
    place = parse_place(text)
    if place is None:
        await say(update, ctx, t.BAD_COUNTRY.format(text=tc.esc(text[:60])), country_keyboard())
        return None
    return await save_place(update, ctx, place)


async def _save_region(update: Update, ctx: Ctx, country: str, code: str, name: str) -> object:
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.users.update(user.id, country=country, region=code)
    if not code:
        return await finish(update, ctx, t.REGION_NONE)
    text = t.COUNTRY_REGION_SET.format(country=tc.esc(country_name(country)), region=tc.esc(name))
    return await finish(update, ctx, text)


async def region_button(update: Update, ctx: Ctx) -> object:
    """A region button (a code of the user's country, checked) or "none" (whole country)."""
    user = await current_user(update, ctx)
    value = matched(ctx, "region") or ""
    country = user.country
    if country not in REGION_COUNTRIES:  # the country changed since: ask it again
        await answered(update, ctx)
        await say(update, ctx, t.ASK_COUNTRY, country_keyboard())
        return Setup.COUNTRY
    if value == "none":
        await answered(update, ctx, t.BTN_WHOLE_COUNTRY)
        return await _save_region(update, ctx, country, "", "")
    found = parse_region(country, value)
    if found is None:
        await answered(update, ctx)
        return await ask_region(update, ctx, country)
    await answered(update, ctx, found[1])
    return await _save_region(update, ctx, country, *found)


async def region_text(update: Update, ctx: Ctx) -> object:
    """A typed region ("Scotland", "ON"), or a country and region ("Ontario, Canada")."""
    text = text_of(update)
    user = await current_user(update, ctx)
    country = user.country or ""
    found = parse_region(country, text) if country else None
    if found is not None:
        return await _save_region(update, ctx, country, *found)
    place = parse_place(text)
    if place is not None and place.region is not None:
        return await _save_region(update, ctx, place.country, place.region, place.name)
    bad = t.BAD_REGION.format(text=tc.esc(text[:60]), country=tc.esc(country_name(country)))
    await say(update, ctx, bad, region_keyboard(country) if country else None)
    return None


async def skip_region(update: Update, ctx: Ctx) -> object:
    """/skip at the region question: the whole country, and not asked again."""
    user = await current_user(update, ctx)
    if user.country is None:
        return await finish(update, ctx, tc.SKIPPED)
    return await _save_region(update, ctx, user.country, "", "")
