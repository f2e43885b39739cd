"""Faults a reviewer found on main (issue 15, group R1), each through the real Application."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from bot.rules.coaching import Outcome
from bot.texts import common as tc
from bot.texts import debrief as td
from bot.texts import intents as ti
from bot.texts import outcome as to
from bot.texts import start as ts
from tests.chat import Chat
from tests.journeys import current, logged, setup_user, utc


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


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [
        ("they offered me the job!", Outcome.OFFER),
        ("they rejected me", Outcome.REJECTED),
        ("I got rejected :(", Outcome.REJECTED),
    ],
)
async def test_outcome_told_in_a_sentence(chat: Chat, typed: str, outcome: Outcome) -> None:
    interview = await logged(chat)
    text = chat.texts(await chat.send(f"/outcome {typed}"))
    assert "didn't recognise" not in text
    again = await chat.app.runtime.store.interviews.get(interview.id)
    assert again is not None and again.outcome is outcome


async def test_a_negated_outcome_is_asked_about(chat: Chat) -> None:
    interview = await logged(chat)
    text = chat.texts(await chat.send("/outcome they didn't make an offer yet"))
    assert "didn't recognise" in text
    again = await chat.app.runtime.store.interviews.get(interview.id)
    assert again is not None and again.outcome is None


@pytest.mark.parametrize(("typed", "rating"), [("5 stars", 5), ("8/10", 4), ("7 out of 10", 4)])
async def test_ratings_in_stars_and_out_of_ten(chat: Chat, typed: str, rating: int) -> None:
    await logged(chat)
    await chat.send("/debrief")
    await chat.press("Carry on")
    await chat.press("I didn't ask")
    await chat.press("They didn't say")
    r = await chat.press("Nothing mentioned")
    assert plain(td.ASK_RATING) in chat.texts(r)
    text = chat.texts(await chat.send(typed))
    assert plain(td.ASK_WENT_WELL) in text
    assert (await current(chat)).rating == rating


@pytest.mark.parametrize("typed", ["/outcome rejected", "/outcome"])
async def test_an_outcome_before_the_interview_says_where_to_go(chat: Chat, typed: str) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Initech")
    await chat.send("Analyst")
    await chat.send("tomorrow 10am")
    await chat.send("/cancel")
    r = await chat.send(typed)
    assert "still to come" in chat.texts(r) and "Initech" in chat.texts(r)
    assert chat.last.labels == [to.BTN_HAPPENED, tc.BTN_NEXT]
    assert (await current(chat)).outcome is None
    text = chat.texts(await chat.press(to.BTN_HAPPENED))
    assert "When" in text or "when" in text
    text = chat.texts(await chat.send("this morning 9am"))
    assert (await current(chat)).held_at is not None
    assert (await current(chat)).held_at < chat.app.runtime.now()


async def test_this_morning_said_is_offered_at_when(chat: Chat) -> None:
    await setup_user(chat)
    r = await chat.send("i just had an intervew this morning")
    assert plain(td.ASK_COMPANY) in chat.texts(r)
    await chat.send("Acme")
    text = chat.texts(await chat.send("Data Analyst"))
    assert plain(td.ASK_WHEN_SAID.format(words="this morning")) in text
    assert chat.last.labels[0] == "Mon 23 Nov 09:00"
    await chat.press("Mon 23 Nov 09:00")
    assert (await current(chat)).held_at == utc(2026, 11, 23, 9)
    # Said once: the next interview's question is the usual one.
    await chat.send("/cancel")
    await chat.send("/debrief")
    await chat.press("New interview")
    await chat.send("Globex")
    assert plain(td.ASK_WHEN) in chat.texts(await chat.send("Engineer"))


async def test_an_interview_mentioned_at_setup_waits_for_the_country(chat: Chat) -> None:
    await chat.send("/start")
    await chat.press("🇬🇧 London")
    text = chat.texts(await chat.send("i just had an intervew this morning"))
    assert plain(ti.DEBRIEF_AFTER_SETUP) in text and plain(ts.ASK_COUNTRY) in text
    assert plain(td.ASK_COMPANY) not in text
    await chat.press("🇬🇧 UK")
    text = chat.texts(await chat.press("England"))
    assert plain(ts.SETUP_DONE_DEBRIEF) in text
    user = await chat.app.runtime.store.users.get(chat.user_id)
    assert user is not None and user.country == "GB"
    assert plain(td.ASK_COMPANY) in chat.texts(await chat.press(tc.BTN_DEBRIEF))
    await chat.send("Acme")
    text = chat.texts(await chat.send("Data Analyst"))
    assert plain(td.ASK_WHEN_SAID.format(words="this morning")) in text


async def test_a_company_called_next_is_asked_about(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    text = chat.texts(await chat.send("Next"))
    assert text == "The company “Next”, or what's next?"
    assert plain(td.ASK_ROLE) not in text
    text = chat.texts(await chat.press("The company “Next”"))
    assert plain(td.ASK_ROLE) in text
    assert (await current(chat)).company == "Next"


async def test_next_at_the_company_question_can_be_whats_next(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Next")
    text = chat.texts(await chat.press("➡️ What's next?"))
    assert plain(ti.STILL_OPEN) in text and plain(td.ASK_COMPANY) in text
    assert plain(td.ASK_ROLE) in chat.texts(await chat.send("Acme"))
    assert (await current(chat)).company == "Acme"


@pytest.mark.parametrize("typed", ["whats next", "next?"])
async def test_more_than_a_word_is_whats_next_at_once(chat: Chat, typed: str) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    text = chat.texts(await chat.send(typed))
    assert plain(ti.STILL_OPEN) in text and "The company" not in text


async def test_stop_as_a_name_or_stop_here(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.press("Just now")
    assert chat.texts(await chat.send("Stop")) == "The name “Stop”, or stop here?"
    text = chat.texts(await chat.press("✋ Stop here"))
    assert plain(td.ASK_INTERVIEWER) not in text
    r = await chat.send("Priya Shah")  # nothing pending now: not a name
    assert "Priya Shah's email" not in chat.texts(r)


async def test_the_cards_company_called_help(chat: Chat) -> None:
    await logged(chat, company="Acme")
    await chat.send("/interviews")
    await chat.press(next(label for label in chat.last.labels if "Acme" in label))
    await chat.press("Company")
    assert chat.texts(await chat.send("Help")) == "The answer “Help”, or do you need help?"
    text = chat.texts(await chat.press("The answer “Help”"))
    assert "Company: Acme → Help" in text
    assert (await current(chat)).company == "Help"
