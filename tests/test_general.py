"""Always-available actions and the guards: /next, /status, /interviews, groups, edits."""

from __future__ import annotations

from bot.app import AfterviewApplication
from bot.texts import common as tc
from conversations.general import status_messages
from tests import updates
from tests.chat import Chat
from tests.conftest import Clock
from tests.fakeapi import FakeTelegram
from tests.journeys import log_interview, setup_user


async def test_next_before_any_interview(chat: Chat) -> None:
    await setup_user(chat)
    replies = await chat.send("what's next?")
    assert "Nothing is waiting" in chat.texts(replies)


async def test_next_after_debrief_points_to_notes_with_reason(chat: Chat, clock: Clock) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme")
    for _ in range(6):  # the rest of the debrief: skip every question
        await chat.send("/skip")
    replies = await chat.send("/next")
    text = chat.texts(replies)
    assert "Next: Notes" in text and "Acme" in text and "Memory fades" in text
    assert "today 16:00" in text  # T + 2 h in London
    assert "Good to do now" in text  # notes are never "too early"
    assert chat.last.labels == ["Start: Notes"]


async def test_status_lists_steps_with_marks(chat: Chat) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme")
    for _ in range(6):
        await chat.send("/skip")
    replies = await chat.send("/status")
    text = chat.texts(replies)
    assert "✅ Debrief" in text and "⏳ Notes · due today 16:00" in text
    assert "Prepare" not in text  # not applicable: logged after the interview


def test_status_is_split_into_messages_under_telegrams_limit() -> None:
    blocks = [f"<b>Interview {n}</b>\n" + "⏳ Notes · due today 16:00\n" * 20 for n in range(30)]
    messages = status_messages(blocks)
    assert len(messages) > 1 and all(len(m) <= 3500 for m in messages)
    assert "\n\n".join(messages) == "\n\n".join(blocks)  # nothing lost, order kept
    assert status_messages(blocks[:1]) == blocks[:1]


async def test_status_with_many_interviews_sends_several_messages(chat: Chat) -> None:
    await setup_user(chat)
    for n in range(12):
        await log_interview(chat, f"Company number {n} with a rather long name")
    replies = await chat.send("/status")
    assert len(replies) > 1 and all(len(r.text) <= 4096 for r in replies)
    assert "Company number 0" in replies[0].text and "Company number 11" in replies[-1].text


async def test_interviews_pick_sets_current(chat: Chat, app: AfterviewApplication) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send("/cancel")
    await log_interview(chat, "Globex")
    await chat.send("/cancel")
    replies = await chat.send("/interviews")
    assert any("Acme" in label for label in chat.last.labels)
    acme = next(label for label in chat.last.labels if "Acme" in label)
    replies = await chat.press(acme)
    assert "Now working on" in chat.texts(replies)
    user = await app.runtime.store.users.get(chat.user_id)
    assert user is not None
    interview = await app.runtime.store.interviews.get(user.current_interview_id or 0)
    assert interview is not None and interview.company == "Acme"


async def test_upcoming_interview_gives_two_tips_then_resumes(chat: Chat, clock: Clock) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Initech")
    await chat.send("Engineer")
    await chat.send("tomorrow 10am")
    await chat.press("Skip")  # where it is: asked only before an interview
    await chat.send("Bill Lumbergh")
    await chat.press("Skip")
    replies = await chat.press("That's everyone")
    text = chat.texts(replies)
    assert "referees' permission" in text and "next stage" in text
    replies = await chat.send("/next")
    assert "Next: Prepare" in chat.texts(replies)
    clock.advance(days=1)
    replies = await chat.send("/debrief")
    await chat.press("Carry on")
    assert "next stage" in chat.last.text


async def test_group_chat_gets_one_private_only_reply(chat: Chat, fake: FakeTelegram) -> None:
    group = -100555
    before = len(fake.outbox)
    for text in ("/start", "hello", "/debrief"):
        await chat.feed(updates.message(chat.user_id, text, chat_id=group, chat_type="group"))
    group_msgs = [s for s in fake.outbox[before:] if s.chat_id == group]
    assert len(group_msgs) == 1 and "private chat" in group_msgs[0].text


async def test_edited_message_and_media_and_unknowns(chat: Chat) -> None:
    await setup_user(chat)
    replies = await chat.feed(updates.message(chat.user_id, "Acme", edited=True))
    assert "edited" in chat.texts(replies)
    replies = await chat.feed(updates.message(chat.user_id, photo=True))
    assert "only read text" in chat.texts(replies)
    replies = await chat.send("/frobnicate")
    assert "don't know that command" in chat.texts(replies)
    replies = await chat.send("<b>hello</b> & bye")
    assert "not sure what you mean" in chat.texts(replies)
    replies = await chat.press_data("pick:999999")
    assert "expired" in chat.texts(replies)
    replies = await chat.press_data("totally:forged:data")
    assert "expired" in chat.texts(replies)
    replies = await chat.send("/cancel")
    assert "nothing to stop" in chat.texts(replies)
    replies = await chat.send("/skip")
    assert "no question to skip" in chat.texts(replies)


FORGED_STEP_BUTTONS = (
    "pick:99999999999999999999",  # beyond SQLite's integers
    "pick:²",  # a digit to str.isdigit(), not to int()
    "pick:0",
    "pick:12:34",
    "tips:keep_contact:99999999999999999999",
    "tips:keep_contact:²",
    "tips:no_such_step:1",
    "done:notes:99999999999999999999999",
    "done:notes:²",
    "skipstep:notes:",
    "skipstep:notes:1:2",
)


async def test_forged_step_buttons_get_the_expired_reply(
    chat: Chat, app: AfterviewApplication
) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send("/cancel")
    (interview,) = await app.runtime.store.interviews.active(chat.user_id)
    for data in FORGED_STEP_BUTTONS:
        replies = await chat.press_data(data)
        text = chat.texts(replies)
        assert tc.STALE_BUTTON in text and tc.ERROR not in text, data
    assert interview == await app.runtime.store.interviews.get(interview.id)  # nothing changed


async def test_someone_elses_interview_buttons_are_refused(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send("/cancel")
    (interview,) = await app.runtime.store.interviews.active(chat.user_id)
    steps = await app.runtime.store.interviews.steps(interview.id)
    eve = Chat(app, fake, user_id=6666, first_name="Eve")
    await setup_user(eve)
    for data in (
        f"pick:{interview.id}",
        f"tips:prepare:{interview.id}",
        f"done:notes:{interview.id}",
    ):
        replies = await eve.press_data(data)
        assert tc.STALE_BUTTON in eve.texts(replies), data
    assert await app.runtime.store.interviews.steps(interview.id) == steps
    eve_user = await app.runtime.store.users.get(eve.user_id)
    assert eve_user is not None and eve_user.current_interview_id is None
