"""Debrief regressions: upcoming times, double answers, /skip at the email, empty records,
and "within a week" counted from the interview."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.app import AfterviewApplication
from bot.texts import journey as tj
from tests.chat import Chat
from tests.conftest import Clock
from tests.journeys import setup_user


async def test_upcoming_friday_typed_as_suggested(chat: Chat, app: AfterviewApplication) -> None:
    await setup_user(chat)  # the clock starts on Monday 23 Nov 2026, 14:00 in London
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    r = await chat.send("Friday 10am")
    assert "Fri 27 Nov" in chat.texts(r)
    r = await chat.send("/skip")  # no place
    assert "Who will interview you" in chat.texts(r)
    r = await chat.send("/skip")  # no interviewer yet
    assert "still to come" in chat.texts(r)
    (interview,) = await app.runtime.store.interviews.active(chat.user_id)
    assert interview.held_at == datetime(2026, 11, 27, 11, 0, tzinfo=UTC)  # ends an hour later


async def test_time_zone_button_in_debrief_is_answered_once(chat: Chat) -> None:
    await chat.send("/debrief")  # no time zone yet: asked first
    assert chat.last.button_data("🇬🇧 London") is not None
    r = await chat.press("🇬🇧 London")  # Chat.feed fails on a second answerCallbackQuery
    text = chat.texts(r)
    assert "Which company" in text and "went wrong" not in text


async def test_skip_at_interviewer_email(chat: Chat, app: AfterviewApplication) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.press("Just now")
    await chat.send("Priya Shah")
    r = await chat.send("/skip")
    text = chat.texts(r)
    assert "doesn't look like an email" not in text
    assert "Interviewers so far: Priya Shah" in text and "Anyone else" in text
    await chat.press("Add another")
    await chat.send("Tom Lee")
    r = await chat.send("tom at globex")
    assert "doesn't look like an email" in chat.texts(r)
    assert chat.last.labels == ["Skip"]
    r = await chat.press("Skip")
    assert "Interviewers so far: Priya Shah, Tom Lee" in chat.texts(r)


async def test_debrief_left_before_any_answer_leaves_nothing(
    chat: Chat, app: AfterviewApplication
) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("/cancel")
    store = app.runtime.store
    assert await store.interviews.all_for(chat.user_id) == []
    user = await store.users.get(chat.user_id)
    assert user is not None and user.current_interview_id is None
    assert tj.STATUS_EMPTY in chat.texts(await chat.send("/status"))
    assert tj.INTERVIEWS_EMPTY in chat.texts(await chat.send("/interviews"))
    assert "haven't told me about an interview" in chat.texts(await chat.send("/notes"))
    # The first answer creates it; skipping the company does too.
    await chat.send("/debrief")
    await chat.send("Acme")
    (acme,) = await store.interviews.all_for(chat.user_id)
    assert acme.company == "Acme"
    await chat.send("/cancel")
    await chat.send("/debrief")
    await chat.press("New interview")
    r = await chat.send("/skip")
    assert "role" in chat.texts(r)
    assert len(await store.interviews.all_for(chat.user_id)) == 2


async def test_reply_by_counts_from_the_interview(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.send("2 days ago")  # Saturday 21 Nov, 14:00
    await chat.send("/skip")
    await chat.press("I didn't ask")
    r = await chat.press("Within a week")
    assert "Sat 28 Nov" in chat.texts(r)  # a week from the interview, not from today (30th)
    (interview,) = await app.runtime.store.interviews.active(chat.user_id)
    assert interview.reply_by == date(2026, 11, 28)
