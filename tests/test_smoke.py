from __future__ import annotations

from bot.texts import common as tc
from tests.chat import Chat
from tests.fakeapi import FakeTelegram


async def test_start_sets_timezone_and_country(chat: Chat, fake: FakeTelegram) -> None:
    replies = await chat.send("/start")
    assert "Afterview" in chat.texts(replies)
    replies = await chat.press("🇬🇧 London")
    assert "Europe/London" in chat.texts(replies)
    replies = await chat.press("🇬🇧 UK")
    assert "United Kingdom" in chat.texts(replies)
    assert fake.commands, "the command menu is set on start-up"


async def test_settings_buttons_and_forged_ones(chat: Chat, fake: FakeTelegram) -> None:
    await chat.send("/start")
    await chat.press("🇬🇧 London")
    await chat.press("🇬🇧 UK")
    await chat.press("England")
    r = await chat.send("/settings")
    assert "Time zone: Europe/London" in chat.texts(r)
    r = await chat.press_data("setup:change:²")  # no button of ours: the menu again
    assert fake.callback_answers[-1].get("text") == tc.STALE_BUTTON
    assert "Your settings" in chat.texts(r)
    await chat.press("Time zone")
    r = await chat.press_data("setup:tz:Mars/Olympus")
    assert "Which time zone" in chat.texts(r)
    r = await chat.press("🇨🇦 Toronto")
    assert "Time zone: America/Toronto" in chat.texts(r)
    await chat.press("Country")
    r = await chat.press_data("setup:country:ZZ")
    assert "Which country" in chat.texts(r)
    r = await chat.press("🇮🇪 Ireland")
    assert "Country: Ireland" in chat.texts(r)
    await chat.press("Quiet hours")
    r = await chat.press("22:00–07:00")
    assert "Quiet hours: 22:00–07:00" in chat.texts(r)
    r = await chat.press("Done")
    assert "Saved." in chat.texts(r)
