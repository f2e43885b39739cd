"""Issue 15: a returning user's /start shows the question left pending, which stays pending."""

from __future__ import annotations

from bot.texts import common as tc
from tests.chat import Chat
from tests.journeys import setup_user


async def test_start_with_a_question_pending_asks_it_again(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    r = await chat.send("Acme")
    question = r[-1].text
    r = await chat.send("/start")
    assert tc.WELCOME_BACK_PENDING in chat.texts(r) and r[-1].text == question
    assert tc.WELCOME_BACK not in chat.texts(r)
    await chat.send("Data Analyst")  # the answer still goes to the question
    user = await chat.app.runtime.store.users.get(chat.user_id)
    assert user is not None and user.current_interview_id is not None
    interview = await chat.app.runtime.store.interviews.get(user.current_interview_id)
    assert interview is not None and interview.role == "Data Analyst"


async def test_start_with_nothing_pending_welcomes_back(chat: Chat) -> None:
    await setup_user(chat)
    r = await chat.send("/start")
    assert tc.WELCOME_BACK in chat.texts(r)
