"""The debrief's answers that are not what was asked: typed or forged numbers, forged buttons.

Each must get the question asked again (or a "couldn't read" reply), never an error."""

from __future__ import annotations

import pytest

from bot.app import AfterviewApplication
from bot.rules.models import Interview
from bot.texts import common as tc
from bot.texts import debrief as t
from tests.chat import Chat
from tests.journeys import setup_user

TOO_BIG = "99999999999999999999999"  # beyond SQLite's integers


async def at_rating(chat: Chat) -> None:
    """A debrief with the questions before the rating answered or skipped."""
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.press("Just now")
    await chat.send("/skip")  # no interviewer
    await chat.press("I didn't ask")
    await chat.press("They didn't say")
    r = await chat.press("Nothing mentioned")
    assert t.ASK_RATING in chat.texts(r)


async def the_interview(app: AfterviewApplication, chat: Chat) -> Interview:
    (interview,) = await app.runtime.store.interviews.active(chat.user_id)
    return interview


@pytest.mark.parametrize("typed", ["²", "٣", TOO_BIG, "0", "6", "-1", "three hundred"])
async def test_rating_typed_not_1_to_5_is_asked_again(
    chat: Chat, app: AfterviewApplication, typed: str
) -> None:
    await at_rating(chat)
    r = await chat.send(typed)
    text = chat.texts(r)
    assert t.ASK_RATING in text and tc.ERROR not in text
    assert (await the_interview(app, chat)).rating is None
    r = await chat.send("3")  # still the question pending
    assert t.RATING_MID in chat.texts(r)
    assert (await the_interview(app, chat)).rating == 3


@pytest.mark.parametrize(
    "data", ["debrief:rate:²", f"debrief:rate:{TOO_BIG}", "debrief:rate:0", "debrief:rate:"]
)
async def test_forged_rating_button_is_asked_again(
    chat: Chat, app: AfterviewApplication, data: str
) -> None:
    await at_rating(chat)
    r = await chat.press_data(data)
    text = chat.texts(r)
    assert t.ASK_RATING in text and tc.ERROR not in text
    assert (await the_interview(app, chat)).rating is None
    r = await chat.press("4")
    assert t.RATING_HIGH in chat.texts(r)


@pytest.mark.parametrize(
    ("data", "asked"),
    [
        ("debrief:reply:tomorrow", t.ASK_REPLY_BY),
        ("debrief:reply:none:x", t.ASK_REPLY_BY),
        ("debrief:more:maybe", t.ASK_REPLY_BY),
        ("debrief:rate:3", t.ASK_REPLY_BY),
    ],
)
async def test_forged_buttons_at_reply_by_ask_it_again(
    chat: Chat, app: AfterviewApplication, data: str, asked: str
) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.press("Just now")
    await chat.send("/skip")
    await chat.press("I didn't ask")
    r = await chat.press_data(data)
    text = chat.texts(r)
    assert asked in text and tc.ERROR not in text
    interview = await the_interview(app, chat)
    assert interview.reply_by is None and interview.reply_text is None
    r = await chat.press("They didn't say")
    assert t.REPLY_BY_NONE in chat.texts(r)


async def test_time_zone_in_debrief_forged_and_typed(chat: Chat, app: AfterviewApplication) -> None:
    await chat.send("/debrief")  # no time zone yet: asked first
    r = await chat.press_data("debrief:tz:Mars/Olympus")
    text = chat.texts(r)
    assert "Mars/Olympus" in text and "Which time zone" in text and tc.ERROR not in text
    r = await chat.send("Europe/Berlin")
    text = chat.texts(r)
    assert "Europe/Berlin" in text and t.ASK_COMPANY in text
    user = await app.runtime.store.users.get(chat.user_id)
    assert user is not None and user.tz == "Europe/Berlin"


async def test_choice_between_resume_and_new(chat: Chat, app: AfterviewApplication) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("/cancel")
    r = await chat.send("/debrief")
    assert "in progress for Interview at Acme" in chat.texts(r)
    r = await chat.press_data("debrief:newish")
    assert "in progress for Interview at Acme" in chat.texts(r)  # asked again
    r = await chat.press("Carry on")
    assert t.ASK_ROLE in chat.texts(r)
    await chat.send("/cancel")
    await chat.send("/debrief")
    r = await chat.press("New interview")
    assert t.ASK_COMPANY in chat.texts(r)
    await chat.send("Globex")
    assert len(await app.runtime.store.interviews.all_for(chat.user_id)) == 2


async def test_more_interviewers(chat: Chat, app: AfterviewApplication) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.press("Just now")
    await chat.send("Priya Shah")
    r = await chat.send("/skip")
    assert t.ASK_MORE_INTERVIEWERS in chat.texts(r)
    r = await chat.press_data("debrief:more:perhaps")
    assert t.ASK_MORE_INTERVIEWERS in chat.texts(r)  # asked again
    r = await chat.press("Add another")
    assert t.ASK_INTERVIEWER in chat.texts(r)
    await chat.send("Tom Lee")
    await chat.send("tom@globex.example")
    r = await chat.press("That's everyone")
    assert t.ASK_NEXT_STAGE in chat.texts(r)
    people = await app.runtime.store.interviewers.for_interview((await the_interview(app, chat)).id)
    assert [(p.name, p.email) for p in people] == [
        ("Priya Shah", None),
        ("Tom Lee", "tom@globex.example"),
    ]
