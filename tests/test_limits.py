"""Every message the bot sends fits Telegram's limits, however long the answers it quotes
(cases L1-L3); the fake Bot API refuses what Telegram would, and `Chat` fails on that."""

from __future__ import annotations

import html
import re

from bot.tg.limits import MAX_CAPTION, MAX_MESSAGE, fit_caption, split_message
from tests.chat import Chat
from tests.fakeapi import FakeTelegram
from tests.journeys import setup_user


def visible(part: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", part))


def test_a_short_message_is_left_alone() -> None:
    assert split_message("Hello <b>Sam</b>") == ["Hello <b>Sam</b>"]


def test_long_text_splits_at_paragraphs_and_keeps_each_paragraph_whole() -> None:
    paragraphs = [f"<b>Part {n}</b> " + "word " * 150 for n in range(12)]
    parts = split_message("\n\n".join(paragraphs))
    assert len(parts) > 1 and all(len(p) <= MAX_MESSAGE for p in parts)
    assert "\n\n".join(parts) == "\n\n".join(paragraphs)  # nothing lost, nothing reordered


def test_one_enormous_line_is_cut_at_spaces_as_plain_text() -> None:
    line = "<i>" + "x&amp;y " * 1500 + "</i>"
    parts = split_message(line)
    assert all(len(p) <= MAX_MESSAGE for p in parts)
    assert "".join(visible(p) for p in parts).replace(" ", "") == "x&y" * 1500
    assert all("<i>" not in p for p in parts)  # no tag left open across messages


def test_a_caption_is_cut_with_an_ellipsis() -> None:
    caption = fit_caption("a " * 1000)
    assert len(caption) <= MAX_CAPTION and caption.endswith("…")


async def test_huge_company_and_role_fit_every_message(chat: Chat, fake: FakeTelegram) -> None:
    """Case L1 and L3: a 2,000-character company and a 1,999-character role."""
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("A" * 2000)
    await chat.send("B" * 1999)
    await chat.press("Just now")
    await chat.press("Skip")
    for answer in ("C" * 1250, "by Friday", "D" * 1250):
        await chat.send(answer)
    await chat.press("4")
    await chat.send("E" * 1250)
    await chat.send("F" * 1250)
    for command in ("/status", "/next", "/reminders", "/interviews", "/thanks", "/referees"):
        await chat.send(command)
    assert all(len(s.text) <= MAX_MESSAGE for s in chat.history)
    assert not fake.unexpected
