"""Only one question is ever pending: starting one conversation ends the one in progress,
whichever handler groups the two sit in, and no last-resort reply follows a handled button."""

from __future__ import annotations

from tests.chat import Chat
from tests.journeys import debriefed


async def test_open_button_in_earlier_group_ends_later_conversation(chat: Chat) -> None:
    interview = await debriefed(chat)
    await chat.send("/thanks")
    replies = await chat.press("Review mine")  # the review conversation (a late group)
    assert "Paste your version" in chat.texts(replies)
    # Notes sits in an earlier group than review: its entry must still end the review.
    await chat.press_data(f"open:notes:{interview.id}")
    replies = await chat.send("They asked about SQL window functions")
    assert "fix" not in chat.texts(replies) and "Ready to send" not in chat.texts(replies)
    notes = await chat.app.runtime.store.notes.for_interview(interview.id)
    assert [n.body for n in notes] == ["They asked about SQL window functions"]


async def test_draft_button_of_later_group_ends_earlier_conversation(chat: Chat) -> None:
    interview = await debriefed(chat)
    await chat.send("/thanks")
    assert "Sent it ✓" in chat.last.labels
    await chat.send("/notes")  # notes (an earlier group) now waits for text
    replies = await chat.press("Sent it ✓")  # under the earlier thank-you draft
    assert "expired" not in chat.texts(replies)
    await chat.send("This text must not become a note")
    notes = await chat.app.runtime.store.notes.for_interview(interview.id)
    assert notes == []
    people = await chat.app.runtime.store.interviewers.for_interview(interview.id)
    assert people[0].thanks_sent_at is not None


async def test_global_button_gets_no_expired_reply_after_it(chat: Chat) -> None:
    await debriefed(chat)
    await chat.send("/interviews")
    replies = await chat.press(chat.last.labels[0])
    text = chat.texts(replies)
    assert "Now working on" in text and "expired" not in text


async def test_passive_sent_button_keeps_the_pending_question(chat: Chat) -> None:
    interview = await debriefed(chat)
    await chat.send("/outcome")
    await chat.press("Rejected")
    await chat.send("/notes")  # notes now waits for text
    replies = await chat.press("Sent it ✓")  # under the rejection reply drafted above
    assert "expired" not in chat.texts(replies)
    await chat.send("They said the team was growing")
    notes = await chat.app.runtime.store.notes.for_interview(interview.id)
    assert [n.body for n in notes] == ["They said the team was growing"]


async def test_starting_button_ends_the_question_it_interrupts(chat: Chat) -> None:
    interview = await debriefed(chat)
    await chat.send("/referees")
    await chat.send("Jane Doe")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.press("Yes")
    await chat.press("📋 Brief Jane Doe")
    await chat.send("/thanks")
    await chat.press("Change something")
    await chat.press("Add a point I forgot")  # thanks now waits for an addition
    # "Sent it" under the earlier briefing opens the referees list: thanks must end.
    briefing = next(s for s in reversed(chat.history) if "Briefing for" in s.text)
    data = briefing.button_data("Sent it ✓")
    assert data is not None
    await chat.press(data)
    replies = await chat.send("what's next?")
    assert "Next:" in chat.texts(replies)
    people = await chat.app.runtime.store.interviewers.for_interview(interview.id)
    assert people[0].extra_point is None
