"""When Telegram or the bot fails mid-update: the error ends the update, a press is answered
exactly once, and an answer that was committed is never lost or overwritten (issue 12)."""

from __future__ import annotations

import pytest

from bot.storage.leadership import AlwaysLeader
from bot.texts import common as tc
from bot.tg.outbox import send_left_over
from tests.chat import Chat
from tests.fakeapi import FakeTelegram
from tests.journeys import setup_user


async def at_when_question(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")


async def unsent(chat: Chat) -> int:
    """Replies committed but not taken by Telegram (a settled row waits only for deletion)."""
    return len(await chat.app.runtime.store.outbox.left())


async def test_a_press_too_old_to_answer_still_counts(chat: Chat, fake: FakeTelegram) -> None:
    """Case L6: pressed while the bot was down; Telegram refuses the spinner's answer."""
    await at_when_question(chat)
    fake.fail("answerCallbackQuery", "bad_request")
    r = await chat.press("Just now")
    assert "Who interviewed" in chat.texts(r) and tc.ERROR not in chat.texts(r)
    (interview,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    assert interview.held_at is not None


async def test_a_reply_the_network_held_up_is_sent_later_and_nothing_is_overwritten(
    chat: Chat, fake: FakeTelegram
) -> None:
    """Case L5: the answer is committed with its next question; the question goes out once
    the network is back, and the next answer lands on it."""
    await at_when_question(chat)
    fake.fail("sendMessage", "network", chat_id=chat.user_id)
    r = await chat.send("yesterday 3pm")
    assert [s for s in r if s.text] == []  # nothing reached the user
    assert await unsent(chat) == 1
    assert await send_left_over(chat.app.bot, chat.app.runtime.store) == 1
    assert "Who interviewed" in chat.last.text and await unsent(chat) == 0
    await chat.send("Priya Shah")
    (interview,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    assert interview.role == "Analyst" and interview.held_at is not None
    people = await chat.app.runtime.store.interviewers.for_interview(interview.id)
    assert [p.name for p in people] == ["Priya Shah"]


async def test_a_user_who_blocked_the_bot_pressing_a_button_ends_there(
    chat: Chat, fake: FakeTelegram
) -> None:
    """Case L4: every send answers 403; the press is handled once and nothing falls through."""
    await at_when_question(chat)
    fake.blocked.add(chat.user_id)
    await chat.press("Just now")
    sent = [name for name, _ in fake.calls[-3:]]
    assert "sendMessage" in sent  # tried once, refused
    assert not any("expired" in s.text for s in chat.history)
    (interview,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    assert interview.held_at is not None


async def test_a_button_whose_handler_raises_is_answered_once_with_one_apology(
    chat: Chat, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Case L9: the error ends the update: one apology, the spinner stopped, nothing stored."""
    await at_when_question(chat)
    store = chat.app.runtime.store

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(store.interviews, "update", broken)
    answers = len(fake.callback_answers)
    r = await chat.press("Just now")
    assert [s.text for s in r if s.text] == [tc.ERROR]
    assert len(fake.callback_answers) == answers + 1
    monkeypatch.undo()
    (interview,) = await store.interviews.active(chat.user_id)
    assert interview.held_at is None
    r = await chat.press("Just now")  # the question is still pending: pressing again works
    assert "Who interviewed" in chat.texts(r)


async def test_a_message_telegram_refuses_gets_an_apology_and_the_answer_stays(
    chat: Chat, fake: FakeTelegram
) -> None:
    await at_when_question(chat)
    fake.fail("sendMessage", "bad_request", chat_id=chat.user_id)
    r = await chat.send("yesterday 3pm")
    assert [s.text for s in r if s.text] == [tc.ERROR]
    (interview,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    assert interview.held_at is not None and await unsent(chat) == 0


class LapsesMidUpdate(AlwaysLeader):
    """Leading when an update comes in, no longer at its COMMIT (the lock lapsed meanwhile),
    then leading again: what `leading` answers is taken from `answers` in turn."""

    def __init__(self, answers: list[bool]) -> None:
        super().__init__()
        self.answers = answers

    @property
    def leading(self) -> bool:
        return self.answers.pop(0) if self.answers else True


async def test_an_update_running_when_leadership_lapses_is_not_committed(chat: Chat) -> None:
    """Issue 16: a leader that loses its lock mid-update rolls the update back and says
    nothing; the next leader handles it (here: the same process, leading again)."""
    await at_when_question(chat)
    before = await chat.app.runtime.store.conversations.get(chat.user_id)
    chat.app.runtime.leader = LapsesMidUpdate([True, False])  # in: leading; at COMMIT: not
    r = await chat.send("yesterday 3pm")
    assert r == []  # no reply, no apology
    after = await chat.app.runtime.store.conversations.get(chat.user_id)
    assert (after.state, after.update_id) == (before.state, before.update_id)
    assert await unsent(chat) == 0
    r = await chat.send("yesterday 3pm")  # handed over again: handled once, by the leader
    assert "Who interviewed you" in chat.texts(r)
