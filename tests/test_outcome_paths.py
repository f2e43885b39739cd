"""Issue 15, after an outcome: the reply's nudge, "what now?" pointing to it, two messages not
six, closed interviews kept as history, same-titled interviews told apart."""

from __future__ import annotations

from bot.rules.coaching import Step, StepState
from tests.chat import Chat
from tests.conftest import Clock
from tests.journeys import debriefed, log_interview, logged, pending, run, utc


async def test_rejection_reply_nudge_after_done_and_what_now(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    clock.set(utc(2026, 11, 24, 22, 30))  # late in the evening, London
    await chat.send("/outcome")
    r = await chat.press("Rejected")
    # Two messages (and the question's choice shown in place), not six.
    assert len([s for s in r if "→ Rejected" not in s.text]) == 2
    # After a day's pause, when its nudge really comes: past the quiet hours (issue 15).
    assert "Reply to Priya Shah" in r[1].text and "after <b>Thu 26 Nov 08:00</b>" in r[1].html
    assert "LinkedIn note to Tom Lee" in r[2].text and "Done ✓" in r[2].labels
    # "Send this after Thu 26 Nov 08:00": the nudge, moved past quiet hours to that morning.
    assert (await pending(chat.app, chat.user_id))["keep_contact_rejected"] == utc(
        2026, 11, 26, 8, 0
    )
    r = await chat.press("Done ✓")
    assert "One thing left" in chat.texts(r)
    assert chat.last.labels == ["Sent it ✓", "📊 Where things stand"]
    stored = await chat.app.runtime.store.interviews.get(interview.id)
    assert stored is not None and stored.status == "active"
    # Done kept the reply and its nudge; "what now?" points to it, not to a rest.
    assert "keep_contact_rejected" in await pending(chat.app, chat.user_id)
    for ask in ("/next", "what now?"):
        text = chat.texts(await chat.send(ask))
        assert "Keep in contact" in text and "feedback" in text
        assert "Nothing is waiting" not in text
    clock.set(utc(2026, 11, 26, 8, 0))
    await run(chat.app, clock)
    assert "Keep in contact" in chat.last.text
    # Sent it: keeping in contact is done, the interview closes and stays as history.
    r = await chat.press("Sent it ✓")
    assert "is wrapped up" in chat.texts(r)
    steps = await chat.app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.KEEP_CONTACT] is StepState.DONE
    text = chat.texts(await chat.send("/status"))
    assert "Closed" in text and "Data Analyst at Acme · 23 Nov · not this time" in text
    assert "keep in touch around 24 Feb 2027" in text
    assert chat.last.labels == ["👉 What's next?", "🗂 My interviews"]
    r = await chat.send("/interviews")
    assert "🗂 Data Analyst at Acme · 23 Nov · not this time" in chat.last.labels
    # Nothing waits now, but keeping in touch is still ahead: "what now?" says so.
    text = chat.texts(await chat.send("what now?"))
    assert "keep in touch about Data Analyst at Acme, around 24 Feb 2027" in text


async def test_offer_without_referees_is_one_message(chat: Chat) -> None:
    await debriefed(chat)
    await chat.send("/outcome")
    r = await chat.press("🎉 Offer")
    (message,) = [s for s in r if "→" not in s.text]
    assert "Congratulations" in message.text and "1. Connect with your interviewers" in message.text
    assert message.labels[:2] == ["✏️ Change: Priya Shah", "✏️ Change: Tom Lee"]
    assert "Done ✓" in message.labels


async def test_same_titled_interviews_told_apart_and_round_one_kept(
    chat: Chat, clock: Clock
) -> None:
    await logged(chat, "Globex")
    clock.advance(days=1)
    await log_interview(chat, "Globex")
    await chat.send("/cancel")
    text = chat.texts(await chat.send("/status"))
    assert "Data Analyst at Globex · 23 Nov\n" in text
    assert "Data Analyst at Globex · 24 Nov\n" in text
    await chat.send("/outcome")
    await chat.press("➡️ Next round")
    await chat.send("/skip")
    text = chat.texts(await chat.send("/status"))
    assert "Data Analyst at Globex (round 2)" in text
    # *choice*: round 1's unfinished steps stay visible with it, as history.
    assert "Data Analyst at Globex · 24 Nov · a next round · left open: Debrief" in text
    await chat.send("/interviews")
    labels = chat.last.labels
    assert "Data Analyst at Globex · 23 Nov" in labels  # (the day was always there)
    assert "🗂 Data Analyst at Globex · 24 Nov · a next round" in labels
    assert labels[-2:] == ["👉 What's next?", "📊 Where things stand"]
    r = await chat.press("📊 Where things stand")
    assert "Closed" in chat.texts(r)


async def test_done_on_the_keep_in_contact_advice_closes_the_rejected_interview(
    chat: Chat,
) -> None:
    """The reply marked done from /next's advice (not Sent it) closes the interview too: it
    was all that was left, so it doesn't stay active with every step ticked."""
    interview = await debriefed(chat)
    await chat.send("/outcome")
    await chat.press("Rejected")
    await chat.press("Done ✓")  # everything but the reply
    await chat.send("/next")
    r = await chat.press("Start: Keep in contact")
    assert "Done ✓" in chat.last.labels
    r = await chat.press("Done ✓")
    text = chat.texts(r)
    assert "is wrapped up" in text
    stored = await chat.app.runtime.store.interviews.get(interview.id)
    assert stored is not None and stored.status == "closed"
    assert (await chat.app.runtime.store.interviews.steps(interview.id))[
        Step.KEEP_CONTACT
    ] is StepState.DONE
