"""/notes (step 3), driven through the real Application and SQLite via the fake Bot API."""

from __future__ import annotations

from bot.app import AfterviewApplication
from bot.rules.coaching import Step, StepState
from conversations.notes import split_text
from tests import updates
from tests.chat import Chat
from tests.conftest import Apps
from tests.fakeapi import FakeTelegram
from tests.journeys import logged


async def test_notes_end_to_end(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    store = app.runtime.store
    r = await chat.send("/notes")
    text = chat.texts(r)
    assert "questions they asked" in text and "anything you forgot to say" in text
    assert "Acme & Sons" in text
    r = await chat.send("They asked about <SQL> & joins")
    assert "Saved ✓ (1 note in all)" in chat.texts(r)
    # Stored the moment it arrived, before Done.
    assert [n.body for n in await store.notes.for_interview(interview.id)] == [
        "They asked about <SQL> & joins"
    ]
    # Notes written are the step done, even if Done is never tapped.
    assert (await store.interviews.steps(interview.id))[Step.NOTES] is StepState.DONE
    r = await chat.send("Team of 6, reports to Maria")
    assert "2 notes in all" in chat.texts(r)
    r = await chat.press("Read them back")
    text = chat.texts(r)
    assert "1. They asked about <SQL> & joins" in text
    assert "2. Team of 6, reports to Maria" in text
    assert text.index("1. They") < text.index("2. Team")
    r = await chat.press("Done ✓")
    text = chat.texts(r)
    assert "Notes saved" in text and "2 notes" in text
    assert "anything you wish you'd said" in text
    steps = await store.interviews.steps(interview.id)
    assert steps[Step.NOTES] is StepState.DONE
    r = await chat.send("My dashboard project for the council")
    assert "thank-you note can mention it" in chat.texts(r)
    assert "Next:" in chat.texts(r)
    again = await store.interviews.get(interview.id)
    assert again is not None and again.forgot_to_say == "My dashboard project for the council"


async def test_notes_later_shows_count_and_adds_more(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    await chat.send("/notes")
    await chat.send("First note")
    await chat.press("Done ✓")
    await chat.press("Nothing to add")
    r = await chat.send("/notes")
    assert "You have 1 note saved" in chat.texts(r)
    assert chat.last.labels == ["Done ✓", "Read them back"]
    r = await chat.send("Second note, added later")
    assert "2 notes in all" in chat.texts(r)
    r = await chat.press("Done ✓")
    text = chat.texts(r)
    # The "anything you forgot?" question is asked once per interview, not every time.
    assert "Notes saved" in text and "wish you'd said" not in text and "Next:" in text
    notes = await app.runtime.store.notes.for_interview(interview.id)
    assert [n.body for n in notes] == ["First note", "Second note, added later"]
    again = await app.runtime.store.interviews.get(interview.id)
    assert again is not None and again.forgot_to_say is None


async def test_notes_survive_a_restart(apps: Apps, fake: FakeTelegram) -> None:
    app = await apps.start()
    chat = Chat(app, fake)
    interview = await logged(chat)
    await chat.send("/notes")
    await chat.send("Asked why I left my last job")
    await apps.crash(app)
    app2 = await apps.start()
    chat2 = Chat(app2, fake)
    # Still collecting notes after the restart: the next message is a note, not stray text.
    r = await chat2.send("Salary band mentioned: 40-45k")
    assert "2 notes in all" in chat2.texts(r)
    r = await chat2.press("Read them back")
    text = chat2.texts(r)
    assert "1. Asked why I left my last job" in text and "2. Salary band" in text
    notes = await app2.runtime.store.notes.for_interview(interview.id)
    assert len(notes) == 2


async def test_skip_without_notes_and_done_needs_one(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    r = await chat.send("/notes")
    assert chat.last.labels == ["Skip this step"]
    r = await chat.press_data("notes:done")
    assert "haven't written a note yet" in chat.texts(r)
    assert Step.NOTES not in await app.runtime.store.interviews.steps(interview.id)
    r = await chat.send("/skip")
    assert "Notes skipped" in chat.texts(r)
    steps = await app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.NOTES] is StepState.SKIPPED


async def test_a_very_long_note_is_kept_in_parts(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    await chat.send("/notes")
    long_note = " ".join(f"<w{i}>&" for i in range(700))  # ~4000 characters, HTML-ish
    r = await chat.send(long_note)
    assert "in 3 parts" in chat.texts(r) or "in 2 parts" in chat.texts(r)
    notes = await app.runtime.store.notes.for_interview(interview.id)
    assert all(len(n.body) <= 2000 for n in notes)
    assert " ".join(n.body for n in notes) == long_note  # nothing lost
    # Read back: escaped it is far over Telegram's 4096, so it arrives over several messages
    # (the fake fails the test on any message Telegram would reject).
    r = await chat.press("Read them back")
    assert len(r) >= 3
    assert "<w0>&" in r[0].text and "<w699>&" in chat.texts(r)


def test_split_text_cuts_at_spaces_and_hard_when_it_must() -> None:
    assert split_text("short", 10) == ["short"]
    assert split_text("aaaa bbbb cccc", 10) == ["aaaa bbbb", "cccc"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


async def test_bad_input_in_every_state(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    await chat.send("/notes")
    # notes.collect
    r = await chat.feed(updates.message(chat.user_id, sticker=True))
    assert "only read text" in chat.texts(r) and "Send your notes" in chat.texts(r)
    r = await chat.press_data("notes:forged:1")
    assert "Send your notes" in chat.texts(r)
    r = await chat.send("/nonsense")
    assert "don't know that command" in chat.texts(r)
    r = await chat.send("<b>bold & brave</b>")
    assert "Saved ✓" in chat.texts(r)
    await chat.press("Done ✓")
    # notes.forgot
    r = await chat.feed(updates.message(chat.user_id, photo=True))
    assert "only read text" in chat.texts(r) and "wish you'd said" in chat.texts(r)
    r = await chat.send("y" * 600)
    assert "under 500 characters" in chat.texts(r)
    r = await chat.press_data("notes:read:999999")
    assert "wish you'd said" in chat.texts(r)
    r = await chat.send("I <3 data & maps")
    assert "mention it" in chat.texts(r)
    store = app.runtime.store
    assert [n.body for n in await store.notes.for_interview(interview.id)] == [
        "<b>bold & brave</b>"
    ]
    again = await store.interviews.get(interview.id)
    assert again is not None and again.forgot_to_say == "I <3 data & maps"
    # After the conversation: its buttons are stale, and get a friendly reply.
    r = await chat.press_data("notes:done")
    assert "expired" in chat.texts(r)


async def test_another_users_interview_cannot_be_opened(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    interview = await logged(chat)
    stranger = Chat(app, fake, user_id=2002, first_name="Eve")
    r = await stranger.press_data(f"open:notes:{interview.id}")
    assert "haven't told me about an interview" in stranger.texts(r)
    r = await stranger.send("a note for someone else's interview")
    assert "Saved" not in stranger.texts(r)
    assert await app.runtime.store.notes.for_interview(interview.id) == []
