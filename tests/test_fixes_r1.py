"""Faults a reviewer found on main (issue 15, group R1), each through the real Application."""

from __future__ import annotations

import html as html_lib
import re

from bot.texts import common as tc
from bot.texts import debrief as td
from tests.chat import Chat
from tests.journeys import setup_user


def plain(html: str) -> str:
    """A text of bot/texts as the user sees it (tags gone, entities read)."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


async def test_a_long_answer_gets_the_question_asked_again(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    r = await chat.send("x" * 2001)
    text = chat.texts(r)
    assert plain(tc.TOO_LONG.format(limit=2000)) in text
    assert plain(td.ASK_COMPANY) in text
