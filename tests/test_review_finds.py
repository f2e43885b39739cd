"""Faults found trying issue 15 as a new user would (review), each through the real
Application: the fix keeps them from coming back."""

from __future__ import annotations

from datetime import date

from tests.chat import Chat
from tests.journeys import current, log_interview, setup_user

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
