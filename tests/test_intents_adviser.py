"""A message for the advisers is theirs to read: everyday replies are not acted on while the
user writes to them (bot/tg/words.py `Words.free`), and are acted on again after /cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings
from bot.texts import common as tc
from tests.chat import Chat
from tests.conftest import make_settings
from tests.fakeapi import FakeTelegram
from tests.journeys import setup_user

STAFF = -1001777


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path, adviser_chat_id=STAFF, operator_name="Job Hub")


async def test_whats_next_to_an_adviser_is_sent_to_them(chat: Chat, fake: FakeTelegram) -> None:
    fake.make_forum(STAFF)
    await setup_user(chat)
    await chat.send("/adviser")
    await chat.press("Yes, share my messages")
    r = await chat.send("what should i do next?")
    assert "Sent to our advisers" in chat.texts(r)
    assert [s.text for s in fake.sent_to(STAFF)][-1] == "what should i do next?"
    await chat.send("/cancel")
    r = await chat.send("help")
    assert "What I can do" in chat.texts(r) and "Sent to our advisers" not in chat.texts(r)
    assert tc.HELP.startswith("<b>What I can do</b>")
