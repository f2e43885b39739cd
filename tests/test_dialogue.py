"""The core: one pending question per user, saved before the reply, loaded on demand.

A crash is simulated in process: the handler's transaction commits, then delivery is cut off
(as SIGKILL would between COMMIT and the reply), and the application is dropped without any
shutdown; a new one on the same database takes over.
"""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from bot.storage.conversations import Pending
from bot.tg import dialogue
from bot.tg.application import AfterviewApplication
from tests import updates
from tests.chat import Chat
from tests.conftest import Apps, read_db
from tests.fakeapi import FakeTelegram
from tests.journeys import setup_user


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even `finally` blocks that await."""


async def started(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")


def killed_after_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    async def kill(*args: Any) -> None:
        raise Killed

    monkeypatch.setattr(dialogue, "deliver", kill)


async def crash_and_restart(apps: Apps, app: AfterviewApplication, fake: FakeTelegram) -> Chat:
    await apps.crash(app)
    return Chat(await apps.start(), fake)


async def stored(app: AfterviewApplication, sql: str) -> list[tuple[Any, ...]]:
    return await read_db(app.runtime.settings, sql)


async def test_killed_between_commit_and_reply_resumes_at_the_next_question(
    apps: Apps, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Case C1: the role is committed with the next state; its reply goes out at start-up,
    and the next answer lands on the next question, never on the role."""
    app = await apps.start()
    chat = Chat(app, fake)
    await started(chat)
    with monkeypatch.context() as patch:
        killed_after_commit(patch)
        with pytest.raises(Killed):
            await chat.send("Analyst")
    assert "When was it" not in chat.last.text  # the user saw nothing yet
    assert await stored(app, "SELECT COUNT(*) FROM outbox") == [(1,)]
    chat = await crash_and_restart(apps, app, fake)
    assert "When was it" in chat.last.text  # sent at start-up
    assert await chat.app.runtime.store.outbox.left() == []
    r = await chat.send("yesterday 3pm")
    assert "yesterday 15:00" in chat.texts(r)
    (interview,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    assert (interview.company, interview.role) == ("Acme", "Analyst")
    assert interview.held_at is not None


async def test_killed_before_commit_asks_the_same_question_again(
    apps: Apps, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of an update that did not commit is kept: not its answer, not its state."""
    app = await apps.start()
    chat = Chat(app, fake)
    await started(chat)

    async def kill_in_handler(*args: Any, **kwargs: Any) -> None:
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(app.runtime.store.interviews, "update", kill_in_handler)
        with pytest.raises(Killed):
            await chat.send("Analyst")
    chat = await crash_and_restart(apps, app, fake)
    (interview,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    assert interview.role is None
    r = await chat.send("Data Analyst")  # the user answers again: it is still the role
    assert "When was it" in chat.texts(r)
    (interview,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    assert interview.role == "Data Analyst"


async def test_an_update_telegram_sends_twice_is_handled_once(chat: Chat) -> None:
    await started(chat)
    update = updates.message(chat.user_id, "Analyst")
    first = await chat.feed(update)
    assert "When was it" in chat.texts(first)
    assert await chat.feed(update) == []  # redelivered after a crash: its reply went out
    (interview,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    assert interview.role == "Analyst" and interview.held_at is None


async def test_state_and_scratch_data_live_in_the_database_not_in_memory(chat: Chat) -> None:
    await started(chat)
    rows = await stored(chat.app, "SELECT name, state, data FROM conversations")
    assert [(name, state) for name, state, _ in rows] == [("debrief", "debrief.role")]
    assert '"debrief_id"' in rows[0][2]
    assert chat.app.user_data == {} and chat.app.chat_data == {}  # PTB keeps nothing per user
    # ...not even the ids it would flush to a persistence (memory would grow with every user).
    assert not chat.app._user_ids_to_be_updated_in_persistence
    assert not chat.app._chat_ids_to_be_updated_in_persistence


async def test_a_button_press_is_answered_exactly_once_even_when_its_handler_says_nothing(
    chat: Chat, fake: FakeTelegram
) -> None:
    await started(chat)
    before = len(fake.callback_answers)
    await chat.press_data("open:nonsense:1")  # no handler of any step takes it
    assert len(fake.callback_answers) == before + 1


async def test_a_state_no_step_knows_any_more_leaves_nothing_pending(chat: Chat) -> None:
    """A state stored by an older version that this one dropped: the user is not stuck."""
    await started(chat)
    async with chat.app.runtime.store.transaction() as tx:
        pending = await tx.conversations.get(chat.user_id)
        await tx.conversations.put(
            Pending(chat.user_id, "debrief", "retired_state", pending.data), chat.app.runtime.now()
        )
    r = await chat.send("purple")  # (not "hello": a greeting is answered in kind)
    assert "not sure" in chat.texts(r)


async def test_dialogue_refuses_a_state_of_no_step() -> None:
    with pytest.raises(TypeError):
        dialogue.Dialogue([])._move(Pending(1), "not a state")


async def test_only_private_updates_with_a_user_reach_the_dialogue() -> None:
    handler = dialogue.Dialogue([])
    post = updates.message(1, "x", chat_id=-100, chat_type="channel")["message"]
    del post["from"]  # a channel post has a chat but no user
    channel_post = Update.de_json({"update_id": 1, "channel_post": post}, None)
    assert not handler.check_update(channel_post)
    assert handler.check_update(Update.de_json(updates.message(5, "hi"), None))
