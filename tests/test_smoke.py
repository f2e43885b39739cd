from __future__ import annotations

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
