"""Faults found trying issue 15 as a new user would (review), each through the real
Application: the fix keeps them from coming back."""

from __future__ import annotations

from datetime import date

from tests.chat import Chat
from tests.conftest import Clock
from tests.journeys import current, debriefed, log_interview, pending, setup_user, utc

SAID = "they'll get back to me in two weeks, possibly a second round with a technical test"


async def test_a_correction_at_a_confirmation_corrects_what_was_read(chat: Chat) -> None:
    """ "Actually they said end of the month" at "You said they'll reply in two weeks … Right?"
    corrects the reply-by date; the next-stage answer, and the process read from it, stay."""
    await setup_user(chat)
    await log_interview(chat, "Acme")
    r = await chat.send(SAID)
    assert "by <b>Mon 7 Dec</b>" in r[-1].html or "Mon 7 Dec" in chat.texts(r)
    text = chat.texts(await chat.send("actually they said end of the month"))
    assert "Corrected" in text and "Mon 30 Nov" in text
    assert "When did they say they'd get back to you?" not in text
    assert "second round; technical test" in text  # the process, still to confirm
    interview = await current(chat)
    assert interview.next_stage == SAID and interview.reply_by == date(2026, 11, 30)
    await chat.press("✓ That's it")
    assert (await current(chat)).process_info == "second round; technical test"


async def test_deleting_every_note_says_what_to_do_with_none_left(chat: Chat) -> None:
    """Not "0 notes left", nor "Tap Read them back" when that button isn't there."""
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send("/cancel")
    await chat.send("/notes")
    await chat.send("They asked about SQL")
    await chat.send("And about Python")
    r = await chat.send("delete 1 and 2")
    text = chat.texts(r)
    assert "0 notes" not in text and "No notes left" in text
    assert "Skip this step" in text and r[-1].labels == ["Skip this step"]
    r = await chat.send("delete 3")
    text = chat.texts(r)
    assert "0 notes" not in text and "Read them back" not in text
    assert "Send your first note" in text and r[-1].labels == ["Skip this step"]


async def test_yes_or_no_at_a_referees_contact_is_not_their_contact(chat: Chat) -> None:
    """ "How can Hope be reached?" → "yes": not saved as the contact; "no" skips it."""
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send("/cancel")
    await chat.send("/referees")
    await chat.send("Hope Williams")
    text = chat.texts(await chat.send("yes"))
    assert "phone number or email" in text and "How do you know" not in text
    (referee,) = await chat.app.runtime.store.referees.for_user(chat.user_id)
    assert not referee.contact
    text = chat.texts(await chat.send("no"))
    assert "How do you know Hope Williams?" in text
    (referee,) = await chat.app.runtime.store.referees.for_user(chat.user_id)
    assert not referee.contact


async def test_a_confirmation_stays_in_view_after_whats_next(chat: Chat) -> None:
    """ "What's next?" at "You said they'll reply … Right?" asks that again, not the question
    it stands for (which would drop what was read); after Change, the question as usual."""
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send(SAID)
    r = await chat.send("whats nxt")
    assert "Still open" in chat.texts(r) and "You said they'll reply" in chat.texts(r[-1:])
    assert r[-1].labels == ["✓ Yes", "✏️ Change"]
    await chat.press("✏️ Change")
    r = await chat.send("whats nxt")
    assert "When did they say they'd get back to you?" in chat.texts(r[-1:])
    r = await chat.send("within a week")
    assert "You mentioned" in chat.texts(r)  # the process read is still confirmed


async def test_a_step_with_every_interview_wrapped_up_does_not_say_none_was_told(
    chat: Chat, clock: Clock
) -> None:
    """After a rejection is wrapped up, "/outcome offer" (or /thanks…) said "You haven't told
    me about an interview yet"."""
    await debriefed(chat)
    clock.advance(days=3)
    await chat.send("/outcome rejected")
    r = await chat.press("Sent it ✓")
    assert "wrapped up" in chat.texts(r)
    for command in ("/outcome offer", "/thanks"):
        r = await chat.send(command)
        text = chat.texts(r)
        assert "haven't told me" not in text and "wrapped up" in text, command
        assert r[-1].labels == ["📝 Debrief an interview", "🗂 My interviews"]
    r = await chat.press("🗂 My interviews")
    assert "not this time" in " ".join(r[-1].labels)


async def test_nothing_to_undo_says_where_to_go_on(chat: Chat) -> None:
    """At a question, the question again (not "open the card from /interviews", nothing
    else); at idle, a My interviews button to change things."""
    await setup_user(chat)
    await chat.send("/debrief")
    r = await chat.send("undo")
    assert "/interviews" not in chat.texts(r)
    assert "Which company was the interview with?" in chat.texts(r[-1:])
    await chat.send("Acme")
    await chat.send("/cancel")
    await chat.send("/notes")
    r = await chat.send("undo")
    assert "/interviews" not in chat.texts(r) and "Skip this step" in r[-1].labels
    await chat.send("/cancel")
    r = await chat.send("undo")
    assert "My interviews" in chat.texts(r) and r[-1].labels == ["🗂 My interviews"]


async def test_whats_next_mid_debrief_is_the_question_not_a_rest(chat: Chat) -> None:
    """At the first question of a debrief (no interview stored yet) "what's next?" said
    "🎉 Nothing is waiting… you deserve some rest. Send /debrief after your next interview"."""
    await setup_user(chat)
    await chat.send("/debrief")
    for typed in ("whats next?", "/next"):
        text = chat.texts(await chat.send(typed))
        assert "rest" not in text and "Send /debrief" not in text, typed
        assert "just the question I asked you" in text, typed
    await chat.send("Acme")
    assert (await current(chat)).company == "Acme"


async def test_a_rating_not_read_says_so(chat: Chat) -> None:
    """ "12/10", "👍" at "how do you think it went?" asked again without a word. (It was
    "8/10", which is now read as 4: tests/test_fixes_r1.py.)"""
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.press("I didn't ask")
    await chat.press("They didn't say")
    await chat.press("Nothing mentioned")
    for typed in ("12/10", "👍"):
        r = await chat.send(typed)
        assert f"I couldn't read “{typed}” as a rating" in chat.texts(r)
        assert "how do you think it went" in chat.texts(r)
    r = await chat.send("4")
    assert "What went well?" in chat.texts(r) and (await current(chat)).rating == 4


async def test_i_dont_know_yet_typed_is_its_button_for_an_interview_to_come(chat: Chat) -> None:
    """ "Who will interview you?" with its button "I don't know yet": typed, the same words
    were refused ("doesn't look like a name") with no button left to tap."""
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.send("tomorrow 10am")
    r = await chat.send("/skip")  # where
    assert r[-1].labels == ["I don't know yet"]
    text = chat.texts(await chat.send("I don't know yet"))
    assert "look like a name" not in text and "Before it:" in text
    assert await chat.app.runtime.store.interviewers.for_interview((await current(chat)).id) == []


async def test_a_name_refused_keeps_the_questions_buttons(chat: Chat) -> None:
    """Held already, "dunno" is refused with a hint (docs/coaching.md "People"), and Skip
    stays under it."""
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.press("Just now")
    r = await chat.send("dunno")
    assert "look like a name" in chat.texts(r) and r[-1].labels == ["Skip"]


async def test_whats_next_late_at_night_says_when_the_nudge_really_comes(
    chat: Chat, clock: Clock
) -> None:
    """Debriefed at 22:30, /next said "I'll remind you tomorrow 00:30 otherwise"; the nudge
    waits for the end of the quiet hours (21:00–08:00), as /reminders says."""
    clock.set(utc(2026, 11, 23, 22, 30))
    await debriefed(chat)
    text = chat.texts(await chat.send("/next"))
    assert "Next: Notes" in text and "I'll remind you tomorrow 08:00 otherwise" in text
    assert (await pending(chat.app, chat.user_id))["notes"] == utc(2026, 11, 24, 8)


async def test_news_thanks_and_hello_at_idle_are_answered(chat: Chat, clock: Clock) -> None:
    """At idle, "I got the job!!", "thanks" and "hi" got "I'm not sure what you mean"; news
    offers the outcome question (nothing recorded before a tap), a bare "no" stays a hint."""
    await debriefed(chat)
    clock.advance(days=2)
    r = await chat.send("I got the job!!")
    assert "heard back" in chat.texts(r) and r[-1].labels == ["📬 Tell me the outcome"]
    assert (await current(chat)).outcome is None
    r = await chat.press("📬 Tell me the outcome")
    assert "What's the outcome?" in chat.texts(r) and "🎉 Offer" in r[-1].labels
    await chat.send("/cancel")
    for typed, said in (("Thanks!", "You're welcome"), ("hi", "Hello"), ("no", "not sure")):
        r = await chat.send(typed)
        assert said in chat.texts(r) and r[-1].labels == ["👉 What's next?"], typed
