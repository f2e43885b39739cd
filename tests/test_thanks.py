"""/thanks (step 4), driven through the real Application and SQLite via the fake Bot API."""

from __future__ import annotations

from bot.app import AfterviewApplication
from bot.rules.coaching import Step, StepState
from conversations.thanks_change import addition_problem, count_sentences
from tests.chat import Chat
from tests.conftest import Apps, Clock
from tests.fakeapi import FakeTelegram
from tests.journeys import debriefed, setup_user, sticker, stranger


# --- pure helpers ----------------------------------------------------------------------------
def test_count_sentences() -> None:
    assert count_sentences("I led the migration.") == 1
    assert count_sentences("I led it. It cut costs by 30%!") == 2
    assert count_sentences("One. Two? Three!") == 3
    assert count_sentences("No full stop at the end") == 1


def test_addition_problem() -> None:
    assert addition_problem("I'd add that I led our reporting migration.") is None
    assert "3 sentences" in (addition_problem("One thing. Another thing. A third.") or "")
    assert "characters" in (addition_problem("word " * 80) or "")
    assert addition_problem("ok") is not None
    assert addition_problem("?!?!?!?!?!") is not None


# --- end to end ------------------------------------------------------------------------------
async def test_two_interviewers_one_at_a_time(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    clock.advance(hours=3)
    r = await chat.send("/thanks")
    text = chat.texts(r)
    assert "Note 1 of 2" in text and "to Priya Shah" in text
    assert "Best sent by tomorrow 14:00" in text and "/skip moves on" in text
    assert "Thank-you note to Priya Shah" in text and "Dear Priya" in text
    assert chat.last.labels == ["Sent it ✓", "Change something", "Review mine"]
    priya, _tom = await store.interviewers.for_interview(interview.id)
    assert chat.last.button_data("Review mine") == f"review:thanks:{interview.id}:{priya.id}"

    # Change something: the variants; adding a point takes one or two sentences, checked,
    # stored, redrafted.
    r = await chat.press("Change something")
    assert chat.last.labels == [
        "Shorter",
        "More formal",
        "Warmer, less formal",
        "Without the extra point",
        "Add a point I forgot",
        "Say what I enjoyed",
        "I'll paste my own version",
    ]
    r = await chat.press("Add a point I forgot")
    text = chat.texts(r)
    assert "In a sentence or two" in text and "The salary question" in text
    # A change request is never put into the letter: the variants are offered instead.
    r = await chat.send("make it shorter and less formal pls")
    assert "left the note as it is" in chat.texts(r) and chat.last.labels[0] == "Shorter"
    assert (await store.interviewers.get(priya.id)).extra_point is None  # type: ignore[union-attr]
    r = await chat.send("First point. Second point here. And a third one too.")
    assert "That's 3 sentences" in chat.texts(r)
    assert (await store.interviewers.get(priya.id)).extra_point is None  # type: ignore[union-attr]
    r = await chat.send("<b>&")
    assert "a sentence or two" in chat.texts(r)
    r = await chat.send("I'd also add that I led our <SQL> & reporting migration.")
    text = chat.texts(r)
    assert "Added to the note" in text
    assert "I led our <SQL> & reporting migration" in text
    stored = await store.interviewers.get(priya.id)
    assert stored is not None
    assert stored.extra_point == "I'd also add that I led our <SQL> & reporting migration."

    # Sent it: stored, and on to the next person; the step is done only when both are.
    r = await chat.press("Sent it ✓")
    text = chat.texts(r)
    assert "your thank-you to Priya Shah is sent" in text
    assert "Note 2 of 2" in text and "Thank-you note to Tom Lee" in text
    priya_after = await store.interviewers.get(priya.id)
    assert priya_after is not None and priya_after.thanks_sent_at == clock.now
    assert Step.THANKS not in await store.interviews.steps(interview.id)
    r = await chat.press("Sent it ✓")
    text = chat.texts(r)
    assert "All thank-you notes sent" in text and "Priya Shah, Tom Lee" in text
    steps = await store.interviews.steps(interview.id)
    assert steps[Step.THANKS] is StepState.DONE
    assert all(p.thanks_sent_at for p in await store.interviewers.for_interview(interview.id))


async def test_skip_one_person_then_come_back(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    await chat.send("/thanks")
    r = await chat.send("/skip")
    assert "Thank-you note to Tom Lee" in chat.texts(r)
    r = await chat.press("Sent it ✓")
    text = chat.texts(r)
    assert "1 of 2 notes sent" in text and "Still to do: Priya Shah" in text
    assert Step.THANKS not in await store.interviews.steps(interview.id)
    r = await chat.press("Show them again")
    assert "Thank-you note to Priya Shah" in chat.texts(r)
    r = await chat.press("Sent it ✓")
    assert "All thank-you notes sent" in chat.texts(r)
    assert (await store.interviews.steps(interview.id))[Step.THANKS] is StepState.DONE


async def test_skip_the_rest(chat: Chat) -> None:
    interview = await debriefed(chat, people=("Priya Shah",))
    await chat.send("/thanks")
    r = await chat.send("/skip")
    assert "0 of 1 notes sent" in chat.texts(r)
    r = await chat.press("Skip the rest")
    assert "skipped" in chat.texts(r)
    steps = await chat.app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.THANKS] is StepState.SKIPPED


async def test_no_interviewer_asks_a_name_first(chat: Chat) -> None:
    interview = await debriefed(chat, people=())
    store = chat.app.runtime.store
    r = await chat.send("/thanks")
    assert "Who interviewed you?" in chat.texts(r)
    text = await sticker(chat)
    assert "only read text" in text and "Who interviewed you?" in text
    r = await chat.send("x" * 300)
    assert "under 200 characters" in chat.texts(r)
    assert await store.interviewers.for_interview(interview.id) == []
    # Not a name: nobody is added, and the question stays.
    r = await chat.send("dunno yet")
    assert "doesn't look like a name" in chat.texts(r)
    assert await store.interviewers.for_interview(interview.id) == []
    # The job title is kept apart from the name (and shown escaped).
    r = await chat.send("Dr Ann Bell (R&D <lead>)")
    text = chat.texts(r)
    assert "Added Dr Ann Bell (R&D <lead>)" in text and "Thank-you note to Dr Ann Bell" in text
    assert "Dear Dr Bell," in text
    (person,) = await store.interviewers.for_interview(interview.id)
    assert (person.name, person.job_title) == ("Dr Ann Bell", "R&D <lead>")


async def test_no_interviewer_skip_skips_the_step(chat: Chat) -> None:
    interview = await debriefed(chat, people=())
    await chat.send("/thanks")
    r = await chat.press("Skip")
    assert "Thank-you notes skipped" in chat.texts(r)
    steps = await chat.app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.THANKS] is StepState.SKIPPED


async def test_all_thanked_then_add_someone(chat: Chat) -> None:
    interview = await debriefed(chat, people=("Priya Shah",))
    store = chat.app.runtime.store
    await chat.send("/thanks")
    await chat.press("Sent it ✓")
    assert (await store.interviews.steps(interview.id))[Step.THANKS] is StepState.DONE
    r = await chat.send("/thanks")
    assert "Did anyone else interview you?" in chat.texts(r)
    await chat.press("Add someone")
    r = await chat.send("Sam Ray")
    assert "Thank-you note to Sam Ray" in chat.texts(r)
    # A new person opens the step again until they are thanked too.
    assert (await store.interviews.steps(interview.id))[Step.THANKS] is StepState.PENDING
    await chat.press("Sent it ✓")
    assert (await store.interviews.steps(interview.id))[Step.THANKS] is StepState.DONE


# --- timing ----------------------------------------------------------------------------------
async def test_between_24_and_48_hours_still_welcome(chat: Chat, clock: Clock) -> None:
    await debriefed(chat)
    clock.advance(hours=30)
    r = await chat.send("/thanks")
    text = chat.texts(r)
    assert "past the usual 24 hours" in text and "Send it before tomorrow 14:00" in text
    assert "Thank-you note to Priya Shah" in text


async def test_after_48_hours_suggests_the_follow_up(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    clock.advance(hours=49)
    r = await chat.send("/thanks")
    text = chat.texts(r)
    assert "more than two days" in text and "follow-up" in text
    assert "Thank-you note" not in text
    r = await chat.send("<b>hello</b> & bye")
    assert "more than two days" in chat.texts(r)  # re-asked
    r = await chat.press("Skip to the follow-up")
    assert "Thank-you notes skipped" in chat.texts(r)
    steps = await chat.app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.THANKS] is StepState.SKIPPED
    r = await chat.press("📅 Plan my follow-up")
    assert "Not yet" in chat.texts(r)


async def test_after_48_hours_can_still_write_it(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    clock.advance(hours=49)
    await chat.send("/thanks")
    r = await chat.press("Write it anyway")
    text = chat.texts(r)
    assert "It's late now" in text and "Thank-you note to Priya Shah" in text
    await chat.press("Sent it ✓")
    await chat.press("Sent it ✓")
    steps = await chat.app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.THANKS] is StepState.DONE


async def test_interview_still_to_come(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    await chat.send("tomorrow 10am")
    r = await chat.send("/thanks")
    assert "still to come (tomorrow 10:00)" in chat.texts(r)


# --- bad input and forged buttons ------------------------------------------------------------
async def test_bad_input_on_a_draft(chat: Chat, fake: FakeTelegram) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    priya, _tom = await store.interviewers.for_interview(interview.id)
    await chat.send("/thanks")
    text = await sticker(chat)
    assert "only read text" in text
    assert "Tap Sent it once you've sent the note to Priya Shah" in text
    r = await chat.send("<b>Dear</b> Priya & team" + "!" * 5000)
    assert "Tap Sent it" in chat.texts(r)
    r = await chat.press_data("thanks:sent:999999:1")
    assert "expired" in chat.texts(r)
    r = await chat.press_data(f"thanks:sent:{interview.id}:999999")
    assert "expired" in chat.texts(r)
    r = await chat.press_data("thanks:sent:1")  # malformed: caught, question asked again
    assert "Tap Sent it" in chat.texts(r)
    # Someone else's valid ids are as good as forged.
    r = await stranger(chat).press_data(f"thanks:sent:{interview.id}:{priya.id}")
    assert "expired" in chat.texts(r)
    r = await stranger(chat).press_data(f"thanks:change:{interview.id}:{priya.id}")
    assert "expired" in chat.texts(r)
    assert all(
        p.thanks_sent_at is None for p in await store.interviewers.for_interview(interview.id)
    )
    # Their own interview with Priya's id: the person must belong to the interview too.
    eve = stranger(chat)
    eves = await debriefed(eve, people=("Ann Bee",))
    r = await eve.press_data(f"thanks:sent:{eves.id}:{priya.id}")
    assert "expired" in eve.texts(r)
    (ann,) = await store.interviewers.for_interview(eves.id)
    assert ann.thanks_sent_at is None
    assert all(
        p.thanks_sent_at is None for p in await store.interviewers.for_interview(interview.id)
    )
    # The conversation is still waiting on the draft.
    r = await chat.press("Sent it ✓")
    assert "Thank-you note to Tom Lee" in chat.texts(r)
    # A double tap on a note already marked sent changes nothing.
    r = await chat.press_data(f"thanks:sent:{interview.id}:{priya.id}")
    assert "already marked sent" in chat.texts(r)
    sent_at = (await store.interviewers.get(priya.id)).thanks_sent_at  # type: ignore[union-attr]
    assert sent_at is not None


async def test_ids_no_row_can_have_get_the_expired_reply(chat: Chat, fake: FakeTelegram) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    priya, _tom = await store.interviewers.for_interview(interview.id)
    await chat.send("/thanks")
    huge = "9" * 23  # more than SQLite's largest integer
    for data in (
        f"thanks:sent:{interview.id}:{huge}",
        f"thanks:change:{huge}:{priya.id}",
        f"thanks:skiprest:{huge}",
    ):
        r = await chat.press_data(data)
        assert "expired" in chat.texts(r), data
        assert "went wrong" not in chat.texts(r), data
    # "²" is a digit to str.isdigit() but not to int(): no button has it. While the draft is
    # pending, the press is answered "expired" and the draft's question asked again ...
    r = await chat.press_data(f"thanks:sent:{interview.id}:²")
    assert "expired" in fake.callback_answers[-1]["text"]
    assert "Tap Sent it once you've sent the note to Priya Shah" in chat.texts(r)
    # ... and with nothing pending, the expired-button reply says so.
    await chat.send("/cancel")
    r = await chat.press_data(f"thanks:sent:{interview.id}:²")
    assert "expired" in chat.texts(r) and "went wrong" not in chat.texts(r)
    people = await store.interviewers.for_interview(interview.id)
    assert all(p.thanks_sent_at is None and p.extra_point is None for p in people)
    assert (await store.interviews.steps(interview.id)).get(Step.THANKS) is not StepState.SKIPPED


async def test_bad_input_while_changing(chat: Chat) -> None:
    await debriefed(chat)
    await chat.send("/thanks")
    await chat.press("Change something")
    await chat.press("Add a point I forgot")
    text = await sticker(chat)
    assert "only read text" in text and "what would you add" in text
    r = await chat.send("y" * 5000)
    assert "characters" in chat.texts(r)
    r = await chat.press_data("thanks:keep:forged")
    assert "what would you add" in chat.texts(r)
    r = await chat.press("Keep it as it is")
    assert "No change" in chat.texts(r) and "Thank-you note to Priya Shah" in chat.texts(r)


async def test_remove_the_addition(chat: Chat) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    await chat.send("/thanks")
    await chat.press("Change something")
    await chat.press("Add a point I forgot")
    await chat.send("I forgot to mention my Python certificate.")
    await chat.press("Change something")
    r = await chat.press("Add a point I forgot")
    assert "Your addition now" in chat.texts(r)
    r = await chat.press("Remove my addition")
    assert "Removed" in chat.texts(r)
    assert all(p.extra_point is None for p in await store.interviewers.for_interview(interview.id))


async def test_sent_it_works_after_a_review_and_a_restart(apps: Apps, fake: FakeTelegram) -> None:
    app = await apps.start()
    chat = Chat(app, fake)
    interview = await debriefed(chat)
    await chat.send("/thanks")
    await chat.press("Review mine")  # another conversation takes over
    await apps.crash(app)
    app2: AfterviewApplication = await apps.start()
    chat2 = Chat(app2, fake)
    r = await chat2.press("Sent it ✓")  # the button on the draft, pressed much later
    assert "your thank-you to Priya Shah is sent" in chat2.texts(r)
    assert "expired" not in chat2.texts(r)
    people = await app2.runtime.store.interviewers.for_interview(interview.id)
    assert [p.thanks_sent_at is not None for p in people] == [True, False]
