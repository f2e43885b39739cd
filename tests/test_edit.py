"""Edit anything (issue 15): an interview's card from /interviews, each field changed or
cleared with the debrief's own parsers, people, notes and referees changed or removed, a whole
interview deleted; nudges follow. Driven through the real Application."""

from __future__ import annotations

from bot.app import AfterviewApplication
from bot.rules.models import Interview
from bot.storage.reminders import State
from bot.texts import common as tc
from tests.chat import Chat
from tests.fakeapi import FakeTelegram
from tests.journeys import (
    current,
    debriefed,
    logged,
    pending,
    press_on_last,
    rows,
    setup_user,
    stranger,
    utc,
)


async def open_card(chat: Chat, company: str) -> str:
    """/interviews, then the interview's button: returns the replies' text."""
    await chat.send("/interviews")
    label = next(label for label in chat.last.labels if company in label)
    return chat.texts(await chat.press(label))


async def fresh(app: AfterviewApplication, interview: Interview) -> Interview:
    found = await app.runtime.store.interviews.get(interview.id)
    assert found is not None
    return found


async def test_picking_an_interview_shows_its_card_and_the_company_changes(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await logged(chat, company="2")
    text = await open_card(chat, "2")
    assert "Now working on" in text and "Company: 2" in text and "Priya Shah" in text
    text = chat.texts(await chat.press("Company"))
    assert "Now: <b>2</b>" in chat.last.html and "Which company" in text
    assert "Clear it" in chat.last.labels
    text = chat.texts(await chat.send("Acme Ltd"))
    assert "Company: 2 → Acme Ltd" in text
    assert "Company: Acme Ltd" in text  # the card again, as it now stands
    assert (await fresh(app, interview)).company == "Acme Ltd"
    text = chat.texts(await chat.send("Globex"))  # nothing pending any more: not a company
    assert (await fresh(app, interview)).company == "Acme Ltd"


async def test_a_bad_answer_is_read_by_the_debrief_parsers_and_asked_again(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await logged(chat)
    await open_card(chat, "Acme")
    await chat.press("Rating")
    text = chat.texts(await chat.send("very"))
    assert "1 (rough) to 5" in text and "Now:" in text
    await chat.press("4")
    assert (await fresh(app, interview)).rating == 4
    await chat.press("Role")
    text = chat.texts(await chat.press("Clear it"))
    assert "Role cleared (was Data Analyst)" in text
    assert (await fresh(app, interview)).role is None


async def test_an_interviewer_is_renamed_given_a_title_and_removed(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await logged(chat, people=("Priya Shah", "Tom Lee"))
    store = app.runtime.store
    await open_card(chat, "Acme")
    await chat.press("👤 Tom Lee")
    await chat.press("Name")
    text = chat.texts(await chat.send("dunno yet"))
    assert (await store.interviewers.for_interview(interview.id))[1].name == "Tom Lee"
    text = chat.texts(await chat.send("Tom O'Neill (Head of HR)"))
    assert "Tom Lee → Tom O&#x27;Neill" in chat.last.html or "Tom Lee → Tom O'Neill" in text
    people = await store.interviewers.for_interview(interview.id)
    assert [(p.name, p.job_title) for p in people] == [
        ("Priya Shah", None),
        ("Tom O'Neill", "Head of HR"),
    ]
    await chat.press("👤 Priya Shah")
    await chat.press("Greeting")
    await chat.press("Dr Shah")
    await chat.press("👤 Priya Shah")
    await chat.press("Email")
    await chat.send("not an email")
    await chat.send("priya@acme.example")
    priya = (await store.interviewers.for_interview(interview.id))[0]
    assert (priya.address, priya.email) == ("Dr Shah", "priya@acme.example")
    await chat.press("👤 Tom O'Neill")
    text = chat.texts(await chat.press("🗑 Remove"))
    assert "Tom O'Neill removed" in text
    assert [p.name for p in await store.interviewers.for_interview(interview.id)] == ["Priya Shah"]


async def test_changing_the_date_moves_the_nudges(chat: Chat, app: AfterviewApplication) -> None:
    interview = await debriefed(chat)
    before = await pending(app, chat.user_id)
    assert "notes" in before
    await open_card(chat, "Acme")
    await chat.press("When")
    text = chat.texts(await chat.send("yesterday at 10am"))
    assert "When:" in text and "→" in text
    assert (await fresh(app, interview)).held_at == utc(2026, 11, 22, 10)
    after = await pending(app, chat.user_id)
    # A day earlier: the thank-you's deadline (T + 24 h) and the referees (T + 1 business
    # day) move a day earlier; the notes, overdue now, come at once rather than at T + 2 h.
    assert after["thanks_deadline"] < before["thanks_deadline"]
    assert after["referees"] < before["referees"]
    assert after["notes"] < before["notes"]
    await chat.press("When")
    await chat.press("Just now")  # back where it was: so are the nudges
    assert (await fresh(app, interview)).held_at == interview.held_at
    assert await pending(app, chat.user_id) == before


async def test_notes_are_edited_and_deleted(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    await chat.send("/notes")
    await chat.send("They asked about SQL")
    await chat.send("Team of 6")
    await open_card(chat, "Acme")
    text = chat.texts(await chat.press("📝 Notes"))
    assert "1. They asked about SQL" in text and "2. Team of 6" in text
    await chat.press("✏️ 1")
    text = chat.texts(await chat.send("They asked about SQL window functions"))
    assert "Note: They asked about SQL → <b>They asked about SQL window functions" in (
        chat.last.html
    )
    text = chat.texts(await chat.press("🗑 2"))
    assert "Note 2 deleted" in text
    notes = await app.runtime.store.notes.for_interview(interview.id)
    assert [n.body for n in notes] == ["They asked about SQL window functions"]


async def test_a_referee_is_removed(chat: Chat, app: AfterviewApplication) -> None:
    await logged(chat)
    store = app.runtime.store
    async with store.transaction() as tx:
        await tx.referees.add(chat.user_id, "Dr Helen Ward", "helen@uni.example")
        await tx.referees.add(chat.user_id, "Sam Green")
    await open_card(chat, "Acme")
    text = chat.texts(await chat.press("🤝 Referees"))
    assert "Dr Helen Ward" in text and "Sam Green" in text
    await chat.press("✏️ Sam Green")
    await chat.send("Samantha Green, my manager at Initech")
    await chat.press("🗑 Dr Helen Ward")
    (left,) = await store.referees.for_user(chat.user_id)
    assert (left.name, left.relationship) == ("Samantha Green", "my manager at Initech")


async def test_a_whole_interview_is_deleted_with_its_nudges(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await debriefed(chat)
    assert await pending(app, chat.user_id)
    await open_card(chat, "Acme")
    text = chat.texts(await chat.press("🗑 Delete interview"))
    assert (
        "go 2 interviewers, no notes," in text
        and "reminders." in text
        and "can't be undone" in text
    )
    text = chat.texts(await chat.press("No, keep it"))
    assert "Company: Acme" in text and await fresh(app, interview)
    await chat.press("🗑 Delete interview")
    text = chat.texts(await chat.press("Yes, delete it"))
    assert "deleted" in text
    store = app.runtime.store
    assert await store.interviews.get(interview.id) is None
    assert [r for r in await rows(app, chat.user_id) if r.state is State.PENDING] == []
    user = await store.users.get(chat.user_id)
    assert user is not None and user.current_interview_id is None


async def test_forged_and_stale_buttons_are_answered_kindly(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    interview = await logged(chat, people=("Priya Shah",))
    (priya,) = await app.runtime.store.interviewers.for_interview(interview.id)
    eve = stranger(chat)
    await setup_user(eve)
    iid = interview.id
    for data in (
        f"edit:card:{iid}",
        f"edit:f:{iid}:company",
        f"edit:f:{iid}:pname:{priya.id}",
        f"edit:p:{iid}:{priya.id}",
        f"edit:pdel:{iid}:{priya.id}",
        f"edit:notes:{iid}",
        f"edit:delok:{iid}",
        f"pick:{iid}",
    ):
        text = eve.texts(await eve.press_data(data))
        assert tc.STALE_BUTTON in text and tc.ERROR not in text, data
    assert await fresh(app, interview) == interview
    assert len(await app.runtime.store.interviewers.for_interview(iid)) == 1
    # The owner's own buttons, with another interview's person or a note that isn't there.
    for data in (f"edit:f:{iid}:pname:999999", f"edit:ndel:{iid}:999999", "edit:clear", "edit:g:7"):
        text = chat.texts(await chat.press_data(data))
        assert tc.STALE_BUTTON in text and tc.ERROR not in text, data
    await press_on_last(chat, f"edit:delok:{iid}")
    text = chat.texts(await chat.press_data(f"edit:f:{iid}:company"))  # deleted: stale now
    assert tc.STALE_BUTTON in text and tc.ERROR not in text


async def test_back_to_the_card_ends_the_field_question_and_the_debrief_waits(
    chat: Chat, app: AfterviewApplication
) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("2")  # the company; the role is asked next
    await chat.send("/interviews")
    await chat.press(chat.last.labels[0])  # the card, from the middle of the debrief
    text = chat.texts(await chat.send("Data Analyst"))  # still the role's answer
    assert "When was it" in text
    interview = await current(chat)
    assert interview.role == "Data Analyst"
    await chat.send("/interviews")
    await chat.press(chat.last.labels[0])
    await chat.press("Company")
    await chat.press("« Back to the card")
    await chat.send("what's next?")  # not taken as the company
    assert (await current(chat)).company == "2"


async def test_a_date_that_reads_two_ways_is_asked_about_and_they_didnt_say(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await debriefed(chat)
    await open_card(chat, "Acme")
    await chat.press("When")
    text = chat.texts(await chat.send("next Wednesday 10am"))
    assert "could mean either" in text
    await chat.press("Wed 2 Dec 10:00")
    # Still to come: stored as its end, an hour on (as the debrief does).
    assert (await fresh(app, interview)).held_at == utc(2026, 12, 2, 11)
    await chat.press("Reply by")
    text = chat.texts(await chat.press("They didn't say"))
    assert "They'll reply: they didn't say" in text
    changed = await fresh(app, interview)
    assert (changed.reply_by, changed.reply_text) == (None, "not said")


async def test_other_users_notes_and_referees_are_refused(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await logged(chat)
    eve = stranger(chat)
    eves = await logged(eve, company="Globex")
    store = app.runtime.store
    async with store.transaction() as tx:
        note = await tx.notes.add(eves.id, "Eve's note")
        referee = await tx.referees.add(eve.user_id, "Eve's referee")
    iid = interview.id
    for data in (
        f"edit:f:{iid}:note:{note.id}",
        f"edit:ndel:{iid}:{note.id}",
        f"edit:f:{iid}:rname:{referee.id}",
        f"edit:rdel:{iid}:{referee.id}",
    ):
        text = chat.texts(await chat.press_data(data))
        assert tc.STALE_BUTTON in text and tc.ERROR not in text, data
    assert [n.body for n in await store.notes.for_interview(eves.id)] == ["Eve's note"]
    assert [r.name for r in await store.referees.for_user(eve.user_id)] == ["Eve's referee"]


async def test_the_card_shows_the_rating_out_of_five(chat: Chat, app: AfterviewApplication) -> None:
    await debriefed(chat)
    text = await open_card(chat, "Acme")
    assert "How it went: 4/5" in text


async def test_deleting_the_last_note_opens_the_notes_step_again(
    chat: Chat, app: AfterviewApplication
) -> None:
    """Issue 15: /status still showed Notes ✅ with every note deleted."""
    interview = await logged(chat)
    await chat.send("/notes")
    await chat.send("They asked about SQL")
    await chat.send("Team of 6")
    await chat.press("Done ✓")
    assert "✅ Notes" in chat.texts(await chat.send("/status"))
    await open_card(chat, "Acme")
    await chat.press("📝 Notes")
    await chat.press("🗑 2")
    assert "✅ Notes" in chat.texts(await chat.send("/status"))  # one note left: still done
    await chat.send("/notes")
    await chat.send("delete 1")
    assert await app.runtime.store.notes.for_interview(interview.id) == []
    text = chat.texts(await chat.send("/status"))
    assert "✅ Notes" not in text and "Notes · due" in text
    assert "notes" in await pending(app, chat.user_id)
    await chat.send("/notes")
    await chat.send("They use dbt")
    await chat.press("Done ✓")
    await open_card(chat, "Acme")
    await chat.press("📝 Notes")
    await chat.press("🗑 1")  # the last one, from the card
    assert "✅ Notes" not in chat.texts(await chat.send("/status"))


async def test_undo_at_idle_takes_back_only_what_was_just_done(
    chat: Chat, app: AfterviewApplication
) -> None:
    """Issue 15: "undo" at idle, even just after opening a card, took back the finished
    debrief's last answer and asked it again."""
    interview = await debriefed(chat)
    text = chat.texts(await chat.send("undo"))  # just after the last answer: taken back
    assert "Took back your last answer: “The salary question”" in text
    await chat.send("The salary question")
    assert (await fresh(app, interview)).not_landed == "The salary question"
    await chat.send("/status")
    text = chat.texts(await chat.send("undo"))
    assert "no answer to take back" in text
    assert (await fresh(app, interview)).not_landed == "The salary question"
    await open_card(chat, "Acme")
    text = chat.texts(await chat.send("undo"))
    assert "Nothing has changed on this card" in text and "Company: Acme" in text
    assert "Company" in chat.last.labels  # the card's own buttons
    assert (await fresh(app, interview)).not_landed == "The salary question"
    assert (await fresh(app, interview)).went_well is not None
    await chat.press("Company")
    await chat.send("Globex")
    text = chat.texts(await chat.send("undo"))  # the card's last change
    assert (await fresh(app, interview)).company == "Acme"


async def test_a_wrapped_up_interviews_outcome_is_changed_or_cleared_on_its_card(
    chat: Chat, app: AfterviewApplication
) -> None:
    """Issue 15: a closed interview's outcome could not be changed (no field on the card, and
    /outcome looks at active interviews only)."""
    interview = await debriefed(chat)
    await chat.send("/outcome")
    await chat.press("Rejected")
    await chat.press("Sent it ✓")  # the reply: the interview is wrapped up
    assert (await fresh(app, interview)).status == "closed"
    text = await open_card(chat, "Acme")
    assert "Outcome: not this time" in text
    text = chat.texts(await chat.press("Outcome"))
    assert "Now: <b>not this time</b>" in chat.last.html and "Clear it" in chat.last.labels
    text = chat.texts(await chat.press("🎉 Offer"))
    assert "Outcome: not this time → an offer" in text and "Congratulations" in text
    stored = await fresh(app, interview)
    assert stored.status == "active" and stored.outcome is not None
    assert stored.outcome.value == "offer"
    steps = await app.runtime.store.interviews.steps(interview.id)
    assert "keep_contact" not in {s.value for s in steps}  # the offer's own path is open
    await open_card(chat, "Acme")
    await chat.press("Outcome")
    text = chat.texts(await chat.press("Clear it"))
    assert "Outcome cleared (was an offer)" in text and "Outcome: –" in text
    stored = await fresh(app, interview)
    assert stored.outcome is None and stored.outcome_at is None and stored.status == "active"
    text = chat.texts(await chat.send("/outcome"))  # active again: asked as before
    assert "What's the outcome?" in text
