"""Places through the real Application (issue 13, cases U7-U10): the region asked after the UK
or Canada and counted in follow-up dates, zones typed as abbreviations or cities, quiet hours
typed as people say them, and users from before regions asked their region once."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.settings import Settings
from bot.storage.db import open_database
from tests.chat import Chat
from tests.conftest import START, Apps, Clock
from tests.fakeapi import FakeTelegram
from tests.journeys import debriefed, setup_user

ENGLAND = ("🇬🇧 London", "🇬🇧 UK", "England")
SCOTLAND = ("🇬🇧 London", "🇬🇧 UK", "Scotland")
ONTARIO = ("🇨🇦 Toronto", "🇨🇦 Canada", "Ontario")


async def stored(chat: Chat) -> tuple[str | None, str | None, str | None]:
    user = await chat.app.runtime.store.users.get(chat.user_id)
    assert user is not None
    return user.tz, user.country, user.region


# --- the region, asked and counted (U7) ----------------------------------------------------
async def test_u7_england_follow_up_after_easter(chat: Chat, clock: Clock) -> None:
    clock.set(datetime(2026, 3, 30, 13, 0, tzinfo=UTC))  # Mon 30 Mar 2026, 14:00 BST
    await debriefed(chat, reply="by Thursday", place=ENGLAND)
    assert await stored(chat) == ("Europe/London", "GB", "ENG")
    text = chat.texts(await chat.send("/followup"))
    # Thu 2 Apr + 2 business days: Good Friday and Easter Monday are bank holidays in England.
    assert "reply by Thu 2 Apr" in text and "Follow up Wed 8 Apr 10:00" in text


async def test_u7_the_whole_uk_has_no_easter_monday(chat: Chat, clock: Clock) -> None:
    clock.set(datetime(2026, 3, 30, 13, 0, tzinfo=UTC))
    await debriefed(chat, reply="by Thursday", place=(*ENGLAND[:2], "Skip"))
    assert await stored(chat) == ("Europe/London", "GB", "")
    assert "Follow up Tue 7 Apr 10:00" in chat.texts(await chat.send("/followup"))


async def test_u7_scotland_st_andrews_day(chat: Chat) -> None:
    # From Mon 23 Nov 2026: "by Friday" is 27 Nov; Mon 30 Nov is St Andrew's Day in Scotland.
    await debriefed(chat, place=SCOTLAND)
    assert "Follow up Wed 2 Dec 10:00" in chat.texts(await chat.send("/followup"))


async def test_u7_ontario_civic_holiday(chat: Chat, clock: Clock) -> None:
    clock.set(datetime(2026, 7, 29, 18, 0, tzinfo=UTC))  # Wed 29 Jul 2026, 14:00 in Toronto
    await debriefed(chat, place=ONTARIO)
    assert await stored(chat) == ("America/Toronto", "CA", "ON")
    # Fri 31 Jul + 2 business days: Mon 3 Aug is the Civic Holiday.
    assert "Follow up Wed 5 Aug 10:00" in chat.texts(await chat.send("/followup"))


async def test_regions_typed_at_the_country_question(chat: Chat) -> None:
    await chat.send("/start")
    await chat.press("🇬🇧 London")
    r = await chat.send("Scotland")
    assert "Country: United Kingdom (Scotland)" in chat.texts(r) and "All set" in chat.texts(r)
    assert await stored(chat) == ("Europe/London", "GB", "SCT")
    await chat.send("/settings")
    await chat.press("Country")
    r = await chat.send("ON")
    assert "Country: Canada (Ontario)" in chat.texts(r)
    assert await stored(chat) == ("Europe/London", "CA", "ON")


async def test_the_region_question_buttons_and_typing(chat: Chat) -> None:
    await chat.send("/start")
    await chat.press("🇨🇦 Toronto")
    r = await chat.press("🇨🇦 Canada")
    assert "Which province or territory" in chat.texts(r)
    assert chat.last.labels[0] == "Ontario" and chat.last.labels[-1] == "Skip"
    r = await chat.send("Narnia")
    assert "I don't know “Narnia” as a region of Canada" in chat.texts(r)
    r = await chat.press_data("setup:region:ENG")  # not a province: asked again
    assert "Which province" in chat.texts(r)
    r = await chat.send("nova scotia")
    assert "Country: Canada (Nova Scotia)" in chat.texts(r)
    assert await stored(chat) == ("America/Toronto", "CA", "NS")


# --- users from before regions: asked once --------------------------------------------------
async def database_before_regions(settings: Settings) -> None:
    """The schema up to 005 with a UK user set up (time zone and country, no region)."""
    now = START.isoformat()
    db = await open_database(settings, upto=5)
    try:
        await db.execute(
            "INSERT INTO users (id, chat_id, first_name, tz, country, created_at, updated_at)"
            " VALUES (1001, 1001, 'Sam', 'Europe/London', 'GB', ?, ?)",
            (now, now),
        )
    finally:
        await db.close()


async def test_an_older_uk_user_is_asked_the_nation_once(
    settings: Settings, apps: Apps, fake: FakeTelegram
) -> None:
    await database_before_regions(settings)
    chat = Chat(await apps.start(), fake)
    assert await stored(chat) == ("Europe/London", "GB", None)  # the country keeps working
    r = await chat.send("/settings")
    assert "Which nation" in chat.texts(r) and "England" in chat.last.labels
    r = await chat.press("Wales")
    assert "Your settings" in chat.texts(r) and "Country: United Kingdom (Wales)" in chat.texts(r)
    assert await stored(chat) == ("Europe/London", "GB", "WLS")
    r = await chat.send("/settings")
    assert "Which nation" not in chat.texts(r) and "Your settings" in chat.texts(r)


async def test_skipping_the_nation_is_not_asked_again(chat: Chat) -> None:
    await setup_user(chat, ENGLAND[:2])  # the nation question left unanswered
    r = await chat.send("/start")
    assert "Which nation" in chat.texts(r)
    r = await chat.send("/skip")
    assert "whole country" in chat.texts(r)
    assert await stored(chat) == ("Europe/London", "GB", "")
    assert "Welcome back" in chat.texts(await chat.send("/start"))
    assert "Your settings" in chat.texts(await chat.send("/settings"))


# --- zones (U8, U9) -------------------------------------------------------------------------
async def test_u8_est_asks_toronto_or_new_york(chat: Chat) -> None:
    await chat.send("/start")
    r = await chat.send("EST")
    assert "“EST” could be one of these" in chat.texts(r)
    assert chat.last.labels == ["Toronto · 09:00", "New York · 09:00"]
    r = await chat.press("Toronto · 09:00")
    assert "Time zone: America/Toronto" in chat.texts(r)
    assert (await stored(chat))[0] == "America/Toronto"


async def test_u8_gmt_for_a_uk_user_is_london(chat: Chat) -> None:
    await setup_user(chat, ("🇮🇪 Dublin", "🇬🇧 UK", "England"))
    await chat.send("/settings")
    await chat.press("Time zone")
    r = await chat.send("GMT")
    assert "Time zone: Europe/London" in chat.texts(r)


async def test_u9_cities_and_uk_time(chat: Chat) -> None:
    await setup_user(chat, ENGLAND)
    for typed, zone in [
        ("Manchester", "Europe/London"),
        ("Toronto", "America/Toronto"),
        ("Belleville", "America/Toronto"),
        ("UK time", "Europe/London"),
    ]:
        await chat.send("/settings")
        await chat.press("Time zone")
        r = await chat.send(typed)
        assert f"Time zone: {zone}" in chat.texts(r), typed


# --- quiet hours (U10) ----------------------------------------------------------------------
async def test_u10_quiet_hours_as_people_type_them(chat: Chat) -> None:
    await setup_user(chat, ENGLAND)
    await chat.send("/settings")
    for typed in ("10-7", "from 10pm till 7"):
        await chat.press("Quiet hours")
        r = await chat.send(typed)
        assert "Quiet hours: 22:00–07:00" in chat.texts(r), typed
        user = await chat.app.runtime.store.users.get(chat.user_id)
        assert user is not None and (user.quiet_start, user.quiet_end) == ("22:00", "07:00")
    await chat.press("Quiet hours")
    r = await chat.send("7-10")  # morning or evening? asked
    assert "Did you mean" in chat.texts(r) and "19:00–22:00" in chat.last.labels
    r = await chat.press("19:00–22:00")
    assert "Quiet hours: 19:00–22:00" in chat.texts(r)


async def test_est_before_a_first_debrief_offers_the_zones(chat: Chat) -> None:
    """The time zone asked by /debrief reads places and abbreviations as /start does."""
    r = await chat.send("/debrief")
    assert "time zone" in chat.texts(r).lower()
    r = await chat.send("EST")
    labels = [label for sent in r for label in sent.labels]
    assert any("Toronto" in label for label in labels)
    r = await chat.press(next(label for label in labels if "Toronto" in label))
    user = await chat.app.runtime.store.users.get(chat.user_id)
    assert user is not None and user.tz == "America/Toronto"
    assert "Which company" in chat.texts(r)
