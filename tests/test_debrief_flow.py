from __future__ import annotations

from bot.app import AfterviewApplication
from bot.rules.coaching import Step, StepState
from tests.chat import Chat
from tests.conftest import Apps
from tests.fakeapi import FakeTelegram
from tests.journeys import setup_user, sticker


async def test_full_debrief(chat: Chat, app: AfterviewApplication, fake: FakeTelegram) -> None:
    await setup_user(chat)
    r = await chat.send("/debrief")
    assert "Which company" in chat.texts(r)
    r = await chat.send("Acme <Ltd> & Co")
    assert "role" in chat.texts(r)
    r = await chat.send("Data Analyst")
    r = await chat.press("Just now")
    assert "Who interviewed" in chat.texts(r)
    r = await chat.send("Priya Shah")
    r = await chat.send("priya@acme.example")
    assert "Priya Shah" in chat.texts(r)
    r = await chat.press("Add another")
    r = await chat.send("Tom Lee")
    r = await chat.press("Skip")
    r = await chat.press("That's everyone")
    assert "next stage" in chat.texts(r)
    r = await chat.press("I didn't ask")
    assert "Next time" in chat.texts(r)
    r = await chat.send("by Friday")
    assert "Fri 27 Nov" in chat.texts(r)
    r = await chat.send("Two other candidates, a case study next")
    r = await chat.press("2")
    assert "Don't feel bad" in chat.texts(r)
    r = await chat.send("My SQL answer")
    r = await chat.send("The salary question")
    text = chat.texts(r)
    assert "Debrief saved" in text and "Next:" in text
    store = app.runtime.store
    (interview,) = await store.interviews.active(chat.user_id)
    assert interview.company == "Acme <Ltd> & Co"
    assert interview.rating == 2 and interview.asked_next_stage is False
    steps = await store.interviews.steps(interview.id)
    assert steps[Step.DEBRIEF] is StepState.DONE and steps[Step.REFLECT] is StepState.DONE
    people = await store.interviewers.for_interview(interview.id)
    assert [p.name for p in people] == ["Priya Shah", "Tom Lee"]


async def test_restart_mid_debrief_resumes(apps: Apps, fake: FakeTelegram) -> None:
    app = await apps.start()
    chat = Chat(app, fake)
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await apps.crash(app)
    app2 = await apps.start()
    chat2 = Chat(app2, fake)
    r = await chat2.send("Designer")
    assert "When was it" in chat2.texts(r)
    (interview,) = await app2.runtime.store.interviews.active(chat.user_id)
    assert (interview.company, interview.role) == ("Acme", "Designer")


async def test_bad_input_in_question(chat: Chat, fake: FakeTelegram) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    text = await sticker(chat)
    assert "only read text" in text and "Which company" in text
    r = await chat.send("/nonsense")
    assert "don't know that command" in chat.texts(r)
    r = await chat.press_data("debrief:rate:9")
    assert "Which company" in chat.texts(r)
    r = await chat.send("x" * 5000)
    assert "under" in chat.texts(r)
