"""Captions within Telegram's 1,024 characters (issue 12): the fake Bot API refuses a longer
one on a document or a copied photo, as Telegram does, and the bot never sends one: an
adviser's photo with a caption at the limit is relayed to the client with the header ahead of
it, cut to fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings
from bot.tg.limits import MAX_CAPTION
from tests import updates
from tests.chat import Chat
from tests.conftest import make_settings
from tests.fakeapi import FakeTelegram
from tests.journeys import setup_user

STAFF = -1001777
ADVISER = 555


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path, adviser_chat_id=STAFF, operator_name="Job Hub")


async def test_an_advisers_photo_with_a_full_caption_reaches_the_client(
    chat: Chat, fake: FakeTelegram
) -> None:
    fake.make_forum(STAFF)
    await setup_user(chat)
    await chat.send("/adviser")
    await chat.press("Yes, share my messages")
    await chat.send("Could you look at my CV?")  # opens the client's topic
    topic = next(s.thread_id for s in fake.sent_to(STAFF) if s.thread_id is not None)
    caption = ("Here is the annotated page. " * 37)[:MAX_CAPTION]  # Telegram takes it
    photo = updates.staff_message(STAFF, ADVISER, caption, thread_id=topic, photo=True)
    (reply,) = await chat.feed(photo)  # Chat fails on anything Telegram would refuse
    assert reply.chat_id == chat.user_id and reply.media == "photo"
    assert reply.text.startswith("💬 Job Hub") and len(reply.text) <= MAX_CAPTION
    assert reply.text.endswith("…")
    assert not [s for s in fake.sent_to(STAFF) if "not" in s.text and "passed" in s.text]
