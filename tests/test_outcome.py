"""/outcome (steps 8–10): each outcome stored and followed by its keep-in-contact path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.rules.coaching import Outcome, Step, StepState
from bot.storage.journey import plan_for
from bot.texts import common as tc
from conversations.outcome_next_round import next_round_time
from tests import updates
from tests.chat import Chat
from tests.conftest import START, Clock
from tests.journeys import debriefed, pending, sticker, stranger

LONDON = ZoneInfo("Europe/London")


def test_next_round_time_rolls_a_bare_day_forward() -> None:
    now = START  # Mon 23 Nov 2026 14:00
    friday = next_round_time("Friday 10am", LONDON, now)
    assert friday == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    monday = next_round_time("Monday 9:30", LONDON, now)
    assert monday == datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    december = next_round_time("1 Dec 10:00", LONDON, now)
    assert december == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    # Said to be in the past: kept there.
    assert next_round_time("yesterday 2pm", LONDON, now) == datetime(
        2026, 11, 22, 14, 0, tzinfo=UTC
    )
    assert next_round_time("tomorrow 3pm", LONDON, now) == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    assert next_round_time("<b>&", LONDON, now) is None


async def test_rejected_reply_linkedin_then_wrap_up(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    clock.advance(days=6)  # Sun 29 Nov 14:00
    r = await chat.send("/outcome")
    assert "What's the outcome?" in chat.texts(r)
    assert chat.last.labels == [
        "🎉 Offer",
        "Rejected",
        "➡️ Next round",
        "Withdrawn",
        "⏳ Still waiting",
    ]
    r = await chat.press("Rejected")
    text = chat.texts(r)
    stored = await store.interviews.get(interview.id)
    assert stored is not None
    assert stored.outcome is Outcome.REJECTED and stored.outcome_at == clock.now
    assert "not a failed interview" in text.replace("isn't a failed", "not a failed")
    assert "Don't burn any bridges" in text
    # After 24 hours, within a week; the keep-in-touch nudge about 3 months on.
    assert "after tomorrow 14:00" in text and "by Sun 6 Dec 14:00" in text
    assert "Reply to Priya Shah" in text and "could you tell me" in text
    assert "LinkedIn note to Priya Shah" in text and "LinkedIn note to Tom Lee" in text
    assert "28 Feb 2027" in text and "keep applying" in text
    reply = next(s for s in r if "Reply to" in s.text)
    assert reply.button_data("Review mine") == f"review:rejection:{interview.id}"
    # Issue 15: two messages (sympathy, timing and the reply; the notes and the plan).
    assert len([s for s in r if "→" not in s.text]) == 2

    # Once they've decided, notes, thank-yous, following and referees are moot.
    user = await store.users.get(chat.user_id)
    assert user is not None
    decided = await store.interviews.get(interview.id)
    assert decided is not None
    steps = {s.step: s for s in await plan_for(store, user, decided, clock.now)}
    for step in (Step.NOTES, Step.THANKS, Step.SOCIAL, Step.REFEREES):
        assert steps[step].state is StepState.NOT_APPLICABLE
    r = await chat.send("/next")
    assert "Next: Notes" not in chat.texts(r)
    # Done before the reply went out: the reply (and its nudge) stay until Sent it.
    r = await chat.press("Done ✓")
    assert "One thing left" in chat.texts(r) and "after <b>tomorrow 14:00</b>" in r[-1].html
    assert "keep_contact_rejected" in await pending(chat.app, chat.user_id)
    r = await chat.send("what now?")
    assert "Keep in contact" in chat.texts(r) and "feedback" in chat.texts(r)
    r = await chat.press("Sent it ✓")
    text = chat.texts(r)
    assert "→ Sent it ✓" in text
    assert "Still open" not in text and "Wrap it up" not in chat.last.labels
    assert chat.last.labels == ["👉 What's next?", "📊 Where things stand"]
    # A warm closing for a rejection: no congratulations.
    assert "is wrapped up" in text and "keep putting yourself out there" in text
    assert "Congratulations" not in text
    closed = await store.interviews.get(interview.id)
    assert closed is not None and closed.status == "closed"
    assert (await store.interviews.steps(interview.id))[Step.KEEP_CONTACT] is StepState.DONE


async def test_wrap_after_rejection_closes_without_congratulations(chat: Chat) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    async with store.transaction() as tx:  # the reflection left for later
        await tx.interviews.set_step(interview.id, Step.REFLECT, StepState.PENDING)
    await chat.send("/outcome")
    await chat.press("Rejected")
    r = await chat.press("Sent it ✓")  # the reply: the reflection is still open
    assert "wrapped up" not in chat.texts(r)
    r = await chat.press("Done ✓")
    assert "Still open for" in chat.texts(r) and "Notes" not in chat.texts(r)
    r = await chat.press("Wrap it up")
    text = chat.texts(r)
    assert "keep putting yourself out there" in text and "Congratulations" not in text
    closed = await chat.app.runtime.store.interviews.get(interview.id)
    assert closed is not None and closed.status == "closed"


async def test_offer_thanks_referees_connects_and_finishes(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    async with store.transaction() as tx:
        jane = await tx.referees.add(chat.user_id, "Jane <Doe>", permission=True)
        await tx.referees.add(chat.user_id, "Bob Smith", permission=True)
        await tx.referees.mark_briefed(interview.id, jane.id)
        for step in (Step.NOTES, Step.THANKS, Step.SOCIAL, Step.REFEREES):
            await tx.interviews.set_step(interview.id, step, StepState.DONE)
    clock.advance(days=8)
    await chat.send("/outcome")
    r = await chat.press("🎉 Offer")
    text = chat.texts(r)
    assert "Congratulations!" in text
    # Only the referee briefed for this interview is thanked.
    assert "Thank-you to Jane <Doe>" in text and "Bob Smith" not in text
    assert "2. Connect with your interviewers" in text and "LinkedIn note to Tom Lee" in text
    assert "you deserve some rest" in text
    refthanks = next(s for s in r if "Thank-you to Jane" in s.text)
    assert refthanks.button_data("🔍 Review: Jane <Doe>") == (
        f"review:refthanks:{interview.id}:{jane.id}"
    )
    # Issue 15: two messages (the referees' thanks; the notes and the closing), not six.
    assert len([s for s in r if "→" not in s.text]) == 2
    r = await chat.press("Done ✓")
    assert "is complete" in chat.texts(r) and "deserve some rest" in chat.texts(r)
    closed = await store.interviews.get(interview.id)
    assert closed is not None and closed.status == "closed" and closed.outcome is Outcome.OFFER
    assert (await store.interviews.steps(interview.id))[Step.KEEP_CONTACT] is StepState.DONE
    # A stale Done on the closed interview is answered kindly, nothing changes.
    r = await chat.press_data(f"outcome:done:{interview.id}")
    assert "wrapped up already" in chat.texts(r)


async def test_next_round_is_a_new_linked_interview(chat: Chat, clock: Clock) -> None:
    first = await debriefed(chat)
    store = chat.app.runtime.store
    await chat.send("/outcome")
    r = await chat.press("➡️ Next round")
    text = chat.texts(r)
    assert "round 2" in text and "When is round 2?" in text
    old = await store.interviews.get(first.id)
    assert old is not None and old.status == "closed" and old.outcome is Outcome.NEXT_ROUND
    (new,) = await store.interviews.active(chat.user_id)
    assert (new.parent_id, new.round, new.company, new.role) == (
        first.id,
        2,
        "Acme",
        "Data Analyst",
    )
    user = await store.users.get(chat.user_id)
    assert user is not None and user.current_interview_id == new.id

    text = await sticker(chat)
    assert "only read text" in text and "When is round 2?" in text
    r = await chat.send("<b>soon</b> & maybe")
    assert "I couldn't read “<b>soon</b> & maybe” as a time" in chat.texts(r)
    r = await chat.send("Friday 10am")
    text = chat.texts(r)
    assert "Round 2 is on Fri 27 Nov 10:00" in text
    assert "referees" in text and "What's the next stage of the process?" in text
    new_after = await store.interviews.get(new.id)
    assert new_after is not None
    # Like the debrief: T is the end of an interview still to come, an hour after its start.
    assert new_after.held_at == datetime(2026, 11, 27, 11, 0, tzinfo=UTC)
    # Its own steps: the evening-before reminder, and nothing done yet.
    steps = {s.step: s for s in await plan_for(store, user, new_after, clock.now)}
    assert steps[Step.PREPARE].state is StepState.PENDING
    assert steps[Step.PREPARE].due_at == datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
    assert steps[Step.DEBRIEF].state is StepState.PENDING
    # The company's pages were followed in round 1: no second follow step (issue 14).
    assert await store.interviews.steps(new.id) == {Step.SOCIAL: StepState.NOT_APPLICABLE}
    assert Step.SOCIAL not in {s.step for s in steps.values() if s.is_open}
    # Round 1's test becomes a revision step; its notes (none here) are offered.
    assert "Revise for the test" in text and "A case study with the team lead" in text
    assert "no notes from round 1" in text

    # The debrief button carries on with round 2 instead of starting a third record.
    r = await chat.press("📝 Debrief round 2")
    # Round 2 is still to come: where it is, then who will interview you (future tense).
    assert "(round 2)" in chat.texts(r) and "Where is it?" in chat.texts(r)
    r = await chat.press("Skip")
    assert "Who will interview you" in chat.texts(r)
    # An old outcome button on the closed first round creates nothing.
    r = await chat.press_data(f"outcome:set:{first.id}:next_round")
    assert "wrapped up already" in chat.texts(r)
    assert len(await store.interviews.all_for(chat.user_id)) == 2


async def test_next_round_date_unknown_or_past(chat: Chat) -> None:
    await debriefed(chat)
    store = chat.app.runtime.store
    await chat.send("/outcome")
    await chat.press("➡️ Next round")
    r = await chat.press("Skip")
    assert "Two things to do before round 2" in chat.texts(r)
    (new,) = await store.interviews.active(chat.user_id)
    assert new.held_at is None
    # No date: nothing is timed as if it happened now; only "when is it?" is asked.
    user = await store.users.get(chat.user_id)
    assert user is not None
    steps = await plan_for(store, user, new, START + timedelta(days=1))
    assert [s.step for s in steps if s.is_open and s.due_at is not None] == [Step.DEBRIEF]
    r = await chat.send("/status")
    assert "Notes · once I know when it is" in chat.texts(r)
    # Round 3 reported after it happened: recorded as held, and offered a debrief.
    r = await chat.send("/outcome")
    assert "Data Analyst at Acme (round 2)" in chat.texts(r)
    await chat.press("➡️ Next round")
    r = await chat.send("yesterday 3pm")
    assert "Round 3 was yesterday 15:00" in chat.texts(r)
    (third,) = await store.interviews.active(chat.user_id)
    assert third.round == 3 and third.parent_id == new.id
    assert third.held_at == datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


async def test_withdrawn_closes_when_done(chat: Chat) -> None:
    interview = await debriefed(chat, role="<Data> & Analyst")
    store = chat.app.runtime.store
    await chat.send("/outcome")
    r = await chat.press("Withdrawn")
    text = chat.texts(r)
    assert "keeps the door open" in text and "for the <Data> & Analyst role" in text
    r = await chat.press("Done ✓")
    assert "is closed" in chat.texts(r)
    closed = await store.interviews.get(interview.id)
    assert closed is not None and closed.status == "closed"
    assert closed.outcome is Outcome.WITHDRAWN
    steps = await store.interviews.steps(interview.id)
    assert Step.NOTES not in steps  # moot once withdrawn, not skipped
    assert steps[Step.KEEP_CONTACT] is StepState.DONE


async def test_still_waiting_keeps_the_follow_up(chat: Chat) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    await chat.send("/outcome")
    r = await chat.press("⏳ Still waiting")
    text = chat.texts(r)
    assert "keep applying elsewhere" in text and "next one due Tue 1 Dec 10:00" in text
    stored = await store.interviews.get(interview.id)
    assert stored is not None and stored.outcome is Outcome.WAITING
    assert stored.status == "active"
    r = await chat.press("📅 My follow-up")
    assert "Not yet" in chat.texts(r) and "Tue 1 Dec 10:00" in chat.texts(r)
    r = await chat.send("/outcome")
    assert "Last time you told me: still waiting" in chat.texts(r)


async def test_change_of_outcome_and_same_outcome_again(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    await chat.send("/outcome")
    await chat.press("Rejected")
    first_at = clock.now
    clock.advance(hours=5)
    r = await chat.press("Change the outcome")
    assert "Last time you told me: not this time" in chat.texts(r)
    await chat.press("Rejected")
    stored = await store.interviews.get(interview.id)
    assert stored is not None and stored.outcome_at == first_at  # the window counts from then
    await chat.press("Change the outcome")
    await chat.press("🎉 Offer")
    stored = await store.interviews.get(interview.id)
    assert stored is not None and stored.outcome is Outcome.OFFER
    assert stored.outcome_at == first_at + timedelta(hours=5)


async def test_bad_input_on_the_question(chat: Chat) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    await chat.send("/outcome")
    text = await sticker(chat)
    assert "only read text" in text and "What's the outcome?" in text
    r = await chat.send("<b>I got it</b> & more" * 300)
    assert "What's the outcome?" in chat.texts(r)
    r = await chat.press_data(f"outcome:set:{interview.id}:bogus")
    assert "What's the outcome?" in chat.texts(r)
    r = await chat.press_data("outcome:set:999999:offer")
    assert "expired" in chat.texts(r)
    r = await chat.press_data("outcome:done:999999")
    assert "expired" in chat.texts(r)
    r = await stranger(chat).press_data(f"outcome:set:{interview.id}:offer")
    assert "expired" in chat.texts(r)
    r = await stranger(chat).press_data(f"outcome:wrap:{interview.id}")
    assert "expired" in chat.texts(r)
    stored = await store.interviews.get(interview.id)
    assert stored is not None and stored.outcome is None and stored.status == "active"
    r = await chat.send("/nonsense")
    assert "don't know that command" in chat.texts(r) and "What's the outcome?" in chat.texts(r)
    r = await chat.press("Rejected")  # still waiting for the answer
    assert "Reply to Priya Shah" in chat.texts(r)


async def test_outcome_and_follow_ups_tell_the_nudge_engine(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    changed: list[int] = []

    async def listener(_tx: object, interview_id: int) -> None:
        changed.append(interview_id)

    chat.app.runtime.facts_listeners.append(listener)
    clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    await chat.send("/followup")
    await chat.press("Sent it ✓")
    assert changed == [interview.id]
    await chat.send("/outcome")
    await chat.press("➡️ Next round")
    (new,) = await chat.app.runtime.store.interviews.active(chat.user_id)
    # One update, one transaction: both rounds synced once, before it commits.
    assert changed[1:] == [interview.id, new.id]
    await chat.send("Friday 10am")
    assert changed[-1] == new.id and len(changed) == 4


async def test_keep_in_touch_tip_after_a_rejection_was_closed(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    await chat.send("/outcome")
    await chat.press("Rejected")
    await chat.press("Done ✓")  # the reply still to send: the interview waits for it
    await chat.press("Sent it ✓")
    closed = await chat.app.runtime.store.interviews.get(interview.id)
    assert closed is not None and closed.status == "closed"
    clock.advance(days=91)
    # The three-month nudge's button opens the keep-in-touch advice, not an empty tip.
    r = await chat.press_data(f"tips:keep_contact:{interview.id}")
    text = chat.texts(r)
    assert "Keep in contact" in text and "three months" in text and "friendly hello" in text


async def test_sending_the_rejection_reply_completes_keeping_in_contact(chat: Chat) -> None:
    interview = await debriefed(chat)
    await chat.send("/outcome")
    replies = await chat.press("Rejected")
    reply = next(s for s in replies if "Reply to" in s.text)
    data = reply.button_data("Sent it ✓")
    assert data is not None
    await chat.feed(updates.callback(chat.user_id, data, reply))
    steps = await chat.app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.KEEP_CONTACT] is StepState.DONE


async def test_forged_ids_get_the_expired_reply(chat: Chat) -> None:
    """Ids too big for SQLite or written in other digits are stale buttons, not errors."""
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    too_big = "9" * 23
    for data in (
        f"outcome:set:{too_big}:offer",
        f"outcome:sent:{too_big}:reply",
        f"outcome:done:{too_big}",
        "outcome:wrap:²",
        "outcome:set:²:rejected",
    ):
        r = await chat.press_data(data)
        assert "expired" in chat.texts(r), data
        assert "went wrong" not in chat.texts(r), data
    # With the question pending, a forged button is answered as expired and the question
    # asked again.
    await chat.send("/outcome")
    r = await chat.press_data("outcome:set:1²:offer")
    assert chat.fake.callback_answers[-1].get("text") == tc.STALE_BUTTON
    assert "What's the outcome?" in chat.texts(r) and "went wrong" not in chat.texts(r)
    stored = await store.interviews.get(interview.id)
    assert stored is not None and stored.outcome is None and stored.status == "active"


async def test_the_rejection_reply_greets_as_chosen_else_by_first_name(chat: Chat) -> None:
    """Issue 15: "Dear Will Hope," read like a mail merge; the greeting chosen for the person
    is used, else the first name."""
    interview = await debriefed(chat, people=("Will Hope", "Tom Lee"))
    r = await chat.send("/outcome rejected")
    if "Rejected" in chat.last.labels:
        r = await chat.press("Rejected")
    reply = next(s for s in r if "Reply to" in s.text)
    assert "Dear Will," in reply.text and "Dear Will Hope" not in reply.text
    store = chat.app.runtime.store
    will = (await store.interviewers.for_interview(interview.id))[0]
    async with store.single() as tx:
        await tx.interviewers.set_address(will.id, "Mr Hope")
    await chat.press("Change something")
    r = await chat.press("More formal")
    assert "Dear Mr Hope," in chat.texts(r)
