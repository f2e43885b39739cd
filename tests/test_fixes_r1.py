"""Faults a reviewer found on main (issue 15, group R1), each through the real Application."""

from __future__ import annotations

import html as html_lib
import re

from bot.texts import common as tc
from bot.texts import debrief as td
from tests.chat import Chat
from tests.journeys import current, logged, setup_user


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


async def test_a_company_without_letters_or_digits_is_asked_again(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    text = chat.texts(await chat.send("🚀🚀"))
    assert plain(tc.NO_LETTERS) in text and plain(td.ASK_COMPANY) in text
    assert plain(td.ASK_ROLE) not in text
    assert plain(td.ASK_ROLE) in chat.texts(await chat.send("Rocket Labs 🚀"))


async def test_the_cards_company_needs_letters_or_digits(chat: Chat) -> None:
    await logged(chat, company="Acme")
    await chat.send("/interviews")
    await chat.press(next(label for label in chat.last.labels if "Acme" in label))
    await chat.press("Company")
    text = chat.texts(await chat.send("🚀🚀"))
    assert plain(tc.NO_LETTERS) in text and "Which company" in text
    assert (await current(chat)).company == "Acme"
