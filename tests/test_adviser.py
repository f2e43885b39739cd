"""Ask an adviser (issue 17): consent, the relay both ways through a forum topic (or replies in a
group without topics), office hours, /adviser stop, /forget and a blocked client, through the
real Application and the fake Bot API."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pydantic import ValidationError
from telegram import Update

from bot.app import AfterviewApplication
from bot.offline.terminal import run_chat
from bot.rules.office_hours import next_opening
from bot.settings import Settings
from tests import updates
from tests.chat import Chat
from tests.conftest import Apps, Clock, make_settings
from tests.fakeapi import FakeTelegram, Sent
from tests.journeys import debriefed, setup_user, utc

STAFF = -1001777
ADVISER = 555


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(
        tmp_path,
        adviser_chat_id=STAFF,
        operator_name="Job Hub",
        adviser_hours="Mon-Fri 09:00-17:00",
        adviser_timezone="Europe/London",
    )


@pytest.fixture
def forum(fake: FakeTelegram) -> FakeTelegram:
    fake.make_forum(STAFF)
    return fake


def staff_sent(fake: FakeTelegram) -> list[Sent]:
    return fake.sent_to(STAFF)


async def consented(chat: Chat, button: str = "Yes, share my messages") -> None:
    await setup_user(chat)
    r = await chat.send("/adviser")
    assert "What they will see" in chat.texts(r)
    await chat.press(button)


async def staff_says(
    chat: Chat,
    text: str,
    *,
    thread_id: int | None = None,
    reply_to: Sent | None = None,
    chat_id: int = STAFF,
) -> list[Sent]:
    return await chat.feed(
        updates.staff_message(chat_id, ADVISER, text, thread_id=thread_id, reply_to=reply_to)
    )


def topic_of(fake: FakeTelegram) -> int:
    (topic,) = fake.method_calls("createForumTopic")
    thread = next(s.thread_id for s in staff_sent(fake) if s.thread_id is not None)
    assert topic["name"] == "Sam · client 1"
    return thread


async def test_consent_is_asked_once_and_nothing_goes_before_it(
    chat: Chat, forum: FakeTelegram
) -> None:
    await setup_user(chat)
    r = await chat.send("/adviser")
    text = chat.texts(r)
    assert "the advisers at Job Hub" in text
    assert "your first name and the messages you send" in text
    assert "Never your username or phone number" in text
    assert chat.last.labels == [
        "Yes, share my messages",
        "Yes, and a summary of my interviews",
        "Not now",
    ]
    await chat.send("Can you look at my CV?")  # before agreeing: asked again, nothing copied
    assert not forum.method_calls("copyMessage") and not staff_sent(forum)
    await chat.press("Yes, share my messages")
    r = await chat.send("Can you look at my CV?")
    assert "Sent to our advisers" in chat.texts(r)
    thread = topic_of(forum)
    card, copy = staff_sent(forum)
    assert card.thread_id == copy.thread_id == thread
    assert "Shared:</b> first name and messages" in card.html and "interviews" not in card.text
    assert copy.text == "Can you look at my CV?"
    r = await chat.send("/adviser")  # consent is asked once
    assert "What they will see" not in chat.texts(r) and "Write your message" in chat.texts(r)
    await chat.send("And a second question")
    assert len(forum.method_calls("createForumTopic")) == 1
    assert staff_sent(forum)[-1].text == "And a second question"


async def test_declining_shares_nothing(chat: Chat, forum: FakeTelegram) -> None:
    await setup_user(chat)
    await chat.send("/adviser")
    r = await chat.press("Not now")
    assert "nothing was shared" in chat.texts(r)
    await chat.send("Hello?")
    assert not staff_sent(forum) and not forum.method_calls("createForumTopic")


async def test_the_summary_only_when_chosen(chat: Chat, forum: FakeTelegram) -> None:
    await debriefed(chat)
    await chat.send("/adviser")
    await chat.press("Yes, and a summary of my interviews")
    await chat.send("Hi")
    card = staff_sent(forum)[0]
    assert "a summary of interviews and steps" in card.text
    assert "Data Analyst at Acme" in card.text and "Next step:" in card.text
    await staff_says(chat, "/card", thread_id=card.thread_id)
    assert staff_sent(forum)[-1].text == card.text


async def test_round_trip_client_topic_client(chat: Chat, forum: FakeTelegram) -> None:
    await consented(chat)
    await chat.send("When is the next job fair?")
    thread = topic_of(forum)
    r = await staff_says(chat, "On <Friday> & Saturday", thread_id=thread)
    (reply,) = r
    assert reply.chat_id == chat.user_id
    assert reply.text == "💬 Job Hub\nOn <Friday> & Saturday"
    assert "Anna" not in reply.text  # names are off unless the operator allows them
    assert reply.labels == ["↩️ Reply"]
    await chat.send("/status")  # another step: the client isn't writing to advisers now
    await chat.press("↩️ Reply")
    await chat.send("Thank you!")
    assert staff_sent(forum)[-1].text == "Thank you!"
    assert staff_sent(forum)[-1].thread_id == thread


async def test_adviser_name_when_allowed(
    chat: Chat, forum: FakeTelegram, app: AfterviewApplication
) -> None:
    app.runtime.settings = app.runtime.settings.model_copy(update={"adviser_show_names": True})
    await consented(chat)
    await chat.send("Hi")
    (reply,) = await staff_says(chat, "Hello Sam", thread_id=topic_of(forum))
    assert reply.text.startswith("💬 Anna, Job Hub\n")


async def test_only_the_clients_topic_in_the_staff_group_is_relayed(
    chat: Chat, forum: FakeTelegram
) -> None:
    await consented(chat)
    await chat.send("Hi")
    thread = topic_of(forum)
    assert await staff_says(chat, "Wrong topic", thread_id=thread + 1) == []
    assert await staff_says(chat, "In the general topic") == []
    other = await staff_says(chat, "From elsewhere", thread_id=thread, chat_id=-1009999)
    assert all(s.chat_id != chat.user_id for s in other)
    assert not [s for s in chat.history if "elsewhere" in s.text or "topic" in s.text]


async def test_photos_and_documents_are_copied(chat: Chat, forum: FakeTelegram) -> None:
    await consented(chat)
    await chat.feed(updates.message(chat.user_id, photo=True))
    cv = updates.message(chat.user_id)
    cv["message"]["document"] = {"file_id": "cv", "file_unique_id": "cv1", "file_name": "cv.pdf"}
    await chat.feed(cv)
    assert [s.media for s in staff_sent(forum)[1:]] == ["photo", "document"]
    photo = updates.staff_message(
        STAFF, ADVISER, "Looks good", thread_id=topic_of(forum), photo=True
    )
    (reply,) = await chat.feed(photo)
    assert reply.chat_id == chat.user_id and reply.media == "photo"
    assert reply.text == "💬 Job Hub\nLooks good"


async def test_outside_office_hours_the_client_is_told_when(
    chat: Chat, forum: FakeTelegram, clock: Clock
) -> None:
    await setup_user(chat)
    clock.set(utc(2026, 11, 27, 18, 30))  # Friday evening in London
    await chat.send("/adviser")
    r = await chat.press("Yes, share my messages")
    assert "expect an answer from Monday 09:00" in chat.texts(r)
    clock.set(utc(2026, 11, 30, 10))  # Monday morning: no note
    r = await chat.send("/adviser")
    assert "expect an answer" not in chat.texts(r)


def test_office_hours_rules() -> None:
    hours = "Mon-Thu 09:00-17:00; Fri 09:00-13:00"
    assert next_opening(hours, "Europe/London", utc(2026, 11, 23, 14)) is None
    friday = next_opening(hours, "Europe/London", utc(2026, 11, 27, 14))
    assert friday is not None and (friday.weekday(), friday.hour) == (0, 9)
    early = next_opening(hours, "Europe/London", utc(2026, 11, 24, 7))
    assert early is not None and (early.day, early.hour) == (24, 9)
    assert next_opening("", "Europe/London", utc(2026, 11, 28, 3)) is None


@pytest.mark.parametrize("bad", ["Mon-Fri 9-5", "Someday 09:00-17:00", "Mon 17:00-09:00"])
def test_bad_office_hours_fail_at_start(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValidationError):
        make_settings(tmp_path, adviser_hours=bad)
    with pytest.raises(ValidationError):
        make_settings(tmp_path, adviser_timezone="Mars/Olympus")


async def test_adviser_stop(chat: Chat, forum: FakeTelegram) -> None:
    await consented(chat)
    await chat.send("Hi")
    thread = topic_of(forum)
    r = await chat.send("/adviser stop")
    assert "Sharing with our advisers is off" in chat.texts(r)
    assert "stopped sharing" in staff_sent(forum)[-1].text
    assert await staff_says(chat, "Still there?", thread_id=thread) == [staff_sent(forum)[-1]]
    assert "wasn't passed on" in staff_sent(forum)[-1].text
    await staff_says(chat, "/card", thread_id=thread)
    assert "Shared:</b> nothing now" in staff_sent(forum)[-1].html
    r = await chat.send("/adviser")
    assert "What they will see" in chat.texts(r)  # asked again after stopping


async def test_forget_removes_the_link_and_tells_the_staff(
    chat: Chat, forum: FakeTelegram, app: AfterviewApplication
) -> None:
    await consented(chat)
    await chat.send("Hi")
    thread = topic_of(forum)
    rows = await app.runtime.store.privacy.rows_of(chat.user_id, chat.user_id)
    assert rows["adviser_links"] == 1 and rows["adviser_messages"] == 1  # /export has them
    await chat.send("/forget")
    await chat.press("Yes, delete everything")
    note = staff_sent(forum)[-1]
    assert note.thread_id == thread and "used /forget" in note.text
    db = app.runtime.store.db
    for table in ("adviser_links", "adviser_messages"):
        assert not await db.execute_fetchall(f"SELECT * FROM {table}")
    assert await staff_says(chat, "Hello?", thread_id=thread) == []


async def test_a_client_who_blocked_the_bot_is_reported(chat: Chat, forum: FakeTelegram) -> None:
    await consented(chat)
    await chat.send("Hi")
    forum.blocked.add(chat.user_id)
    (note,) = await staff_says(chat, "Any news?", thread_id=topic_of(forum))
    assert note.chat_id == STAFF and "has blocked the bot" in note.text


async def test_a_group_without_topics_uses_replies(chat: Chat, fake: FakeTelegram) -> None:
    await consented(chat)
    await chat.send("Hi there")
    header, copy = staff_sent(fake)
    assert header.thread_id is None and "From Sam · client 1" in header.text
    assert copy.text == "Hi there" and not fake.method_calls("createForumTopic")
    assert await staff_says(chat, "Not a reply") == []
    (reply,) = await staff_says(chat, "Hello Sam", reply_to=copy)
    assert reply.chat_id == chat.user_id and reply.text.endswith("Hello Sam")
    (again,) = await staff_says(chat, "And another", reply_to=header)
    assert again.chat_id == chat.user_id


async def test_without_a_staff_group(chat: Chat, app: AfterviewApplication) -> None:
    app.runtime.settings = app.runtime.settings.model_copy(update={"adviser_chat_id": None})
    await setup_user(chat)
    r = await chat.send("/adviser")
    assert "no advisers to write to" in chat.texts(r)


async def test_the_terminal_plays_the_advisers_with_a_flag(tmp_path: Path, clock: Clock) -> None:
    settings = make_settings(tmp_path, adviser_chat_id=None)
    out = io.StringIO()
    lines = "/adviser\n[1]\nHello there\n>> Hi from us\n/quit\n"
    await run_chat(settings, stdin=io.StringIO(lines), stdout=out, clock=clock, adviser=True)
    screen = out.getvalue()
    assert "[advisers · topic 500] 👤 Sam · client 1\nShared: first name and messages" in screen
    assert "[advisers · topic 500] Hello there" in screen
    assert "💬 our team\nHi from us" in screen


async def test_ask_an_adviser_under_a_draft(chat: Chat, forum: FakeTelegram) -> None:
    await debriefed(chat, people=("Priya Shah",))
    await chat.send("/thanks")
    assert chat.last.labels == ["Sent it ✓", "Change something", "Review mine", "💬 Ask an adviser"]
    r = await chat.press("💬 Ask an adviser")
    assert "What they will see" in chat.texts(r)


async def test_a_deleted_topic_is_made_again(chat: Chat, forum: FakeTelegram) -> None:
    await consented(chat)
    await chat.send("Hi")
    forum.delete_topic(STAFF, topic_of(forum))
    before = len(forum.outbox)
    update = updates.message(chat.user_id, "Are you there?")
    forum.remember(update)
    await chat.app.process_update(Update.de_json(update, chat.app.bot))
    assert forum.unexpected == ["copyMessage: Bad Request: message thread not found"]
    forum.unexpected.clear()  # (what Telegram answers for a deleted topic: the point here)
    assert "couldn't pass that on" not in chat.texts(forum.outbox[before:])
    assert len(forum.method_calls("createForumTopic")) == 2
    card, copy = staff_sent(forum)[-2:]
    assert card.thread_id == copy.thread_id != staff_sent(forum)[0].thread_id
    assert "client 1" in card.text and copy.text == "Are you there?"


async def test_a_message_not_passed_on_is_told(chat: Chat, forum: FakeTelegram) -> None:
    await consented(chat)
    forum.fail("getChat", "network")  # the staff group can't be reached
    r = await chat.send("Hello?")
    assert "couldn't pass that on" in chat.texts(r) and "Sent to" not in chat.texts(r)
    assert not staff_sent(forum)
    r = await chat.send("Hello again")
    assert "Sent to our advisers" in chat.texts(r) and staff_sent(forum)[-1].text == "Hello again"


async def test_a_reply_telegram_refuses_is_reported(chat: Chat, forum: FakeTelegram) -> None:
    await consented(chat)
    await chat.send("Hi")
    forum.fail("sendMessage", "bad_request", chat_id=chat.user_id)
    (note,) = await staff_says(chat, "Hello", thread_id=topic_of(forum))
    assert note.chat_id == STAFF and "didn't take that reply" in note.text


async def test_a_long_reply_arrives_in_parts(chat: Chat, forum: FakeTelegram) -> None:
    await consented(chat)
    await chat.send("Hi")
    long = "\n\n".join(["A paragraph of advice. " * 40] * 6)
    parts = await staff_says(chat, long, thread_id=topic_of(forum))
    assert len(parts) > 1 and all(p.chat_id == chat.user_id for p in parts)
    assert parts[-1].labels == ["↩️ Reply"] and not parts[0].labels


async def test_a_message_a_crash_kept_back_is_passed_on_at_start_up(
    apps: Apps, forum: FakeTelegram
) -> None:
    app = await apps.start()
    chat = Chat(app, forum)
    await consented(chat)
    update = updates.message(chat.user_id, "Before the crash")
    forum.remember(update)
    async with app.runtime.store.single() as tx:  # as committed by the update, then a crash
        await tx.adviser.queue(chat.user_id, chat.user_id, update["message"]["message_id"])
    await apps.crash(app)
    await apps.start()
    assert staff_sent(forum)[-1].text == "Before the crash"
    assert "Sent to our advisers" in chat.last.text
    assert not await apps.built[-1].runtime.store.adviser.queued()


async def test_ask_an_adviser_after_an_outcome_and_at_the_journeys_end(chat: Chat) -> None:
    await debriefed(chat)
    await chat.send("/outcome")
    await chat.press("Withdrawn")
    assert "💬 Ask an adviser" in chat.last.labels  # after the outcome
    await chat.press("Done ✓")
    assert "💬 Ask an adviser" in chat.last.labels  # the interview wrapped up
    r = await chat.press("💬 Ask an adviser")
    assert "What they will see" in chat.texts(r)
