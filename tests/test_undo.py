"""Undo and corrections of the last answer (issue 15): /undo and "undo" take the last answer
back and ask its question again; `correct_last` puts a corrected answer in its place, or asks
again showing the old one. Driven through the real Application."""

from __future__ import annotations

from datetime import date

from bot.app import AfterviewApplication
from tests.chat import Chat
from tests.journeys import current, logged, setup_user


async def start_debrief(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")


async def test_undo_takes_back_the_company_and_asks_again(
    chat: Chat, app: AfterviewApplication
) -> None:
    await start_debrief(chat)
    await chat.send("2")
    text = chat.texts(await chat.send("undo"))
    assert "Took back your last answer: “2”" in text and "Which company" in text
    assert (await current(chat)).company is None
    text = chat.texts(await chat.send("Acme"))
    assert "What's the role?" in text
    assert (await current(chat)).company == "Acme"


async def test_undo_a_skip_an_interviewer_and_a_rating(
    chat: Chat, app: AfterviewApplication
) -> None:
    await start_debrief(chat)
    await chat.send("Acme")
    await chat.press("Skip")  # the role
    text = chat.texts(await chat.send("/undo"))
    assert "Took back your skip" in text and "What's the role?" in text
    await chat.send("Data Analyst")
    await chat.press("Just now")
    await chat.send("Priya Shah")  # then the email is asked
    text = chat.texts(await chat.send("/undo"))
    assert "“Priya Shah”" in text and "Who interviewed you" in text
    interview = await current(chat)
    assert await app.runtime.store.interviewers.for_interview(interview.id) == []
    await chat.send("Tom Lee")
    await chat.send("tom@acme.example")  # then "anyone else?"
    text = chat.texts(await chat.send("undo"))
    assert "tom@acme.example" in text and "Tom Lee's email" in text
    (tom,) = await app.runtime.store.interviewers.for_interview(interview.id)
    assert tom.email is None
    await chat.press("Skip")
    await chat.press("That's everyone")
    await chat.send("A case study")
    await chat.send("in a week")
    await chat.press("Nothing mentioned")
    await chat.press("4")
    text = chat.texts(await chat.send("undo"))
    assert "“4/5”" in text and "how do you think it went" in text  # as the card shows it
    assert (await current(chat)).rating is None


async def test_undo_a_note_and_nothing_to_undo(chat: Chat, app: AfterviewApplication) -> None:
    await setup_user(chat)
    text = chat.texts(await chat.send("undo"))
    assert "no answer to take back" in text
    interview = await logged(chat, first=False)
    await chat.send("/notes")
    await chat.send("They asked about SQL")
    await chat.send("Team of 6")
    text = chat.texts(await chat.send("undo"))
    assert "“Team of 6”" in text and "Send your notes as messages" in text
    assert chat.last.labels == ["Done ✓", "Read them back"]  # the notes' own question
    notes = await app.runtime.store.notes.for_interview(interview.id)
    assert [n.body for n in notes] == ["They asked about SQL"]


async def test_a_correction_that_is_no_answer_asks_again_showing_the_old_one(
    chat: Chat, app: AfterviewApplication
) -> None:
    await start_debrief(chat)
    for answer in ("Acme", "Data Analyst"):
        await chat.send(answer)
    await chat.press("Just now")
    await chat.send("Tom")
    text = chat.texts(await chat.send("oops, that was two people"))
    assert "You answered “Tom”" in text and "Who interviewed you" in text
    interview = await current(chat)
    assert await app.runtime.store.interviewers.for_interview(interview.id) == []
    await chat.send("Tom")
    text = chat.texts(await chat.send("sorry, I meant Tom Lee and Priya Shah"))
    assert "Corrected" in text and "Anyone else" in text
    people = await app.runtime.store.interviewers.for_interview(interview.id)
    assert [p.name for p in people] == ["Tom Lee", "Priya Shah"]


async def test_a_correction_replaces_the_last_answer_and_carries_on(
    chat: Chat, app: AfterviewApplication
) -> None:
    await start_debrief(chat)
    for answer in ("Acme", "Data Analyst"):
        await chat.send(answer)
    await chat.press("Just now")
    await chat.send("Tom Lee")
    await chat.press("Skip")
    await chat.press("That's everyone")
    await chat.send("A case study")
    await chat.send("in a week")
    text = chat.texts(await chat.send("actually they said end of the month"))
    assert "Corrected" in text and "Mon 30 Nov" in text
    assert "Anything about the process" in text  # the next question, as before
    assert (await current(chat)).reply_by == date(2026, 11, 30)
    text = chat.texts(await chat.send("A second round"))
    assert (await current(chat)).process_info == "A second round"


async def test_undo_a_change_on_the_card(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat, company="2")
    await chat.send("/interviews")
    await chat.press(chat.last.labels[0])
    await chat.press("Company")
    await chat.send("Acme Ltd")
    text = chat.texts(await chat.send("undo"))
    assert "Company is back to 2" in text and "Company: 2" in text
    found = await app.runtime.store.interviews.get(interview.id)
    assert found is not None and found.company == "2"


async def test_actually_in_notes_is_a_note_and_undo_takes_it_back(
    chat: Chat, app: AfterviewApplication
) -> None:
    """In /notes, "actually …" is what they noted, not a correction (conversations/intents.py:
    only_in); "undo" takes back the newest note."""
    interview = await logged(chat)
    await chat.send("/notes")
    await chat.send("Team of 5")
    await chat.send("Actually the team is growing to 8 next year")
    notes = await app.runtime.store.notes.for_interview(interview.id)
    assert [n.body for n in notes][-1] == "Actually the team is growing to 8 next year"
    text = chat.texts(await chat.send("undo"))
    assert "growing to 8" in text
    await chat.send("Reports to Maria")  # still collecting notes
    notes = await app.runtime.store.notes.for_interview(interview.id)
    assert [n.body for n in notes] == ["Team of 5", "Reports to Maria"]


async def test_a_correction_at_idle_is_not_taken_as_one(chat: Chat) -> None:
    await chat.send("/start")
    text = chat.texts(await chat.send("actually they said end of the month"))
    assert "no answer to take back" not in text
