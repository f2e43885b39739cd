"""Whole journeys through the real Application: one interview from debrief to keeping in
contact with "what's next?" in every phase and bad input before every answer, and two
interleaved interviews that never mix."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.rules.coaching import Step, StepState
from bot.texts import common as tc
from tests import updates
from tests.chat import Chat
from tests.conftest import Clock
from tests.fakeapi import Sent
from tests.journeys import debriefed


class StubbornChat(Chat):
    """A user who, before every real answer, sends everything a bot shouldn't choke on.

    None of it may change the conversation: the real answer that follows must still work.
    """

    async def battery(self) -> None:
        bad: list[dict[str, Any]] = [
            updates.message(self.user_id, sticker=True),
            updates.message(self.user_id, photo=True),
            updates.message(self.user_id, "/frobnicate"),
            updates.message(self.user_id, "an edit", edited=True),
            updates.message(self.user_id, "<b>" + "x" * 4090),
            updates.callback(self.user_id, "forged:data:1"),
            updates.callback(self.user_id, "pick:999999"),
        ]
        for update in bad:
            replies = await super().feed(update)
            text = self.texts(replies)
            assert replies or self.fake.callback_answers, f"no reply to {update}"
            assert tc.ERROR not in text, f"error on {update}"

    async def send(self, text: str) -> list[Sent]:
        await self.battery()
        return await super().send(text)

    async def press(self, label: str) -> list[Sent]:
        await self.battery()
        return await super().press(label)


async def next_says(chat: Chat, *expected: str) -> str:
    text = chat.texts(await Chat.send(chat, "what's next?"))
    for part in expected:
        assert part in text, f"{part!r} not in {text!r}"
    return text


async def pick(chat: Chat, company: str) -> None:
    await chat.send("/interviews")
    await chat.press(next(label for label in chat.last.labels if company in label))


async def test_one_interview_from_debrief_to_keeping_in_contact(chat: Chat, clock: Clock) -> None:
    user = StubbornChat(chat.app, chat.fake)
    store = chat.app.runtime.store
    await next_says(user, "Nothing is waiting")
    interview = await debriefed(user)
    await next_says(user, "Next: Notes", "Data Analyst at Acme", "today 16:00")

    clock.advance(hours=2)
    await user.send("/notes")
    await user.send("They asked about <SQL> window functions & joins")
    await user.press("Done ✓")
    await user.send("My dashboard project for the council")
    await next_says(user, "Next: Thank-you notes", "today 17:00")

    clock.advance(hours=1)
    await user.send("/thanks")
    await user.press("Sent it ✓")  # Priya
    await user.press("Sent it ✓")  # Tom
    await next_says(user, "Next: Follow the company")
    await user.send("/social")
    await user.press("Done ✓")

    await next_says(user, "Next: Brief your referees", "tomorrow 14:00")
    clock.advance(days=1)
    await user.send("/referees")
    await user.send("Jane Doe")
    await user.send("jane@example.com")
    await user.send("My manager at Beta")
    await user.press("Yes")
    await user.press("📋 Brief Jane Doe")
    await user.press("Sent it ✓")

    # Before the employer's date the follow-up waits; keeping on applying comes first.
    await next_says(user, "Next: Keep applying", "Good to do now")
    replies = await user.send("/followup")
    assert "not yet" in user.texts(replies).lower()
    await next_says(user, "Next: Keep applying")
    await user.press("Start: Keep applying")
    await user.press("Done ✓")
    await next_says(user, "Next: Follow up", "Not yet: due Tue 1 Dec 10:00")
    clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))  # reply-by Fri 27 Nov + 2 bd
    await next_says(user, "Next: Follow up", "Due today 10:00")
    await user.send("/followup")
    await user.press("Sent it ✓")
    assert len(await store.interviews.followups(interview.id)) == 1

    clock.advance(days=3)
    await user.send("/outcome")
    await user.press("Rejected")
    await user.press("Done ✓")  # issue 15: the reply asking for feedback is still to send
    await next_says(user, "Next: Keep in contact")
    await user.press("Sent it ✓")
    closed = await store.interviews.get(interview.id)
    assert closed is not None and closed.status == "closed"
    steps = await store.interviews.steps(interview.id)
    for step in (
        Step.DEBRIEF,
        Step.REFLECT,
        Step.NOTES,
        Step.THANKS,
        Step.SOCIAL,
        Step.REFEREES,
        Step.KEEP_CONTACT,
    ):
        assert steps[step] is StepState.DONE, step
    await next_says(user, "Nothing is waiting")
    assert not any(tc.ERROR in s.text for s in chat.fake.outbox)


async def test_two_interleaved_interviews_never_mix(chat: Chat, clock: Clock) -> None:
    store = chat.app.runtime.store
    acme = await debriefed(chat, people=("Priya Shah",))
    # A second interview, an hour later, while the first one's steps are still open.
    clock.advance(hours=1)
    await chat.send("/debrief")
    await chat.send("Globex")
    await chat.send("Engineer")
    await chat.press("Just now")
    await chat.send("Hank Scorpio")
    await chat.press("Skip")
    await chat.press("That's everyone")
    await chat.press("I didn't ask")
    await chat.press("They didn't say")
    await chat.press("Nothing mentioned")
    await chat.press("5")
    await chat.send("Rapport")
    await chat.send("Nothing")
    (first, second) = await store.interviews.active(chat.user_id)
    assert first.id == acme.id and second.company == "Globex"

    # Notes for Acme through its own button, while Globex is the current interview.
    text = await next_says(chat, "Next: Notes", "Acme")
    assert "Globex" not in text
    await chat.press("Start: Notes")
    await chat.send("Acme note")
    await chat.press("Done ✓")
    await chat.press("Nothing to add")
    # Then notes for Globex.
    await pick(chat, "Globex")
    await chat.send("/notes")
    await chat.send("Globex note")
    await chat.press("Done ✓")
    await chat.press("Nothing to add")

    assert [n.body for n in await store.notes.for_interview(first.id)] == ["Acme note"]
    assert [n.body for n in await store.notes.for_interview(second.id)] == ["Globex note"]
    status = chat.texts(await chat.send("/status"))
    assert "Data Analyst at Acme" in status and "Engineer at Globex" in status
    assert status.count("✅ Notes") == 2
    # Thank-yous: each interview drafts for its own interviewer only.
    await pick(chat, "Acme")
    drafts = chat.texts(await chat.send("/thanks"))
    assert "Priya" in drafts and "Hank" not in drafts
