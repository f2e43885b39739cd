"""Issue 15: a next-stage answer that already holds the timeline, a second round and a test
turns the later questions into confirmations of what was read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.rules.stage_reading import read_stage
from tests.chat import Chat
from tests.journeys import current, log_interview, setup_user

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
SAID = "they'll get back to me in two weeks, possibly a second round with a technical test"


def test_the_reading() -> None:
    found = read_stage(SAID, LONDON, MONDAY, "GB")
    assert (found.reply_by, found.reply_words) == (date(2026, 12, 7), "in two weeks")
    assert found.process == "second round; technical test"
    month = read_stage("they said end of the month", LONDON, MONDAY, "GB")
    assert month.reply_by == date(2026, 11, 30) and month.process is None
    for said in ("an on-site visit", "Next stage 610007", "the next stage is HR"):
        nothing = read_stage(said, LONDON, MONDAY, "GB")
        assert nothing.reply_by is None and nothing.process is None, said


async def test_later_questions_become_confirmations(chat: Chat) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme")
    r = await chat.send(SAID)
    text = chat.texts(r)
    assert "When did they say" not in text
    assert "You said they'll reply in two weeks: by <b>Mon 7 Dec</b>. Right?" in r[-1].html
    assert chat.last.labels == ["✓ Yes", "✏️ Change"]
    r = await chat.press("✓ Yes")
    assert "Noted: they'll reply by <b>Mon 7 Dec</b>" in r[-1].html
    assert "second round; technical test" in chat.texts(r)
    assert "Anything about the process?" not in chat.texts(r)
    r = await chat.press("✓ That's it")
    assert "how do you think it went" in chat.texts(r)
    interview = await current(chat)
    assert interview.reply_by == date(2026, 12, 7) and interview.reply_text == "in two weeks"
    assert interview.process_info == "second round; technical test"


async def test_change_asks_the_question_as_before(chat: Chat) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send("Hear back end of the month, then a presentation")
    r = await chat.press("✏️ Change")
    assert "When did they say they'd get back to you?" in chat.texts(r)
    r = await chat.send("by Friday")
    assert "Fri 27 Nov" in chat.texts(r) and "You mentioned <b>presentation</b>" in r[-1].html
    r = await chat.press("Nothing mentioned")
    interview = await current(chat)
    assert interview.reply_by == date(2026, 11, 27) and interview.process_info == ""


async def test_confirmations_answered_in_words(chat: Chat) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send(SAID)
    r = await chat.send("yep")
    assert "Noted: they'll reply by <b>Mon 7 Dec</b>" in r[-1].html
    r = await chat.send("yes thats right")
    assert "how do you think it went" in chat.texts(r)
    interview = await current(chat)
    assert interview.reply_by == date(2026, 12, 7)
    assert interview.process_info == "second round; technical test"


async def test_a_correction_at_the_process_confirmation_is_of_the_process(chat: Chat) -> None:
    """Issue 15: after Yes to the reply-by, "actually there's a presentation too" at the
    process confirmation was taken for a new reply-by (the last answer), so the reply-by went."""
    await setup_user(chat)
    await log_interview(chat, "Acme")
    await chat.send(SAID)
    await chat.press("✓ Yes")
    r = await chat.send("actually there's a presentation too")
    text = chat.texts(r)
    interview = await current(chat)
    assert interview.reply_by == date(2026, 12, 7)
    assert interview.process_info == "second round; technical test; there's a presentation too"
    assert "When did they say" not in text and "Mon 7 Dec →" not in text
    assert "how do you think it went" in text
