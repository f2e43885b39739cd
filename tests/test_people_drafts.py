"""Issue 14 through the real Application: people typed as people, how to address them asked
once, drafts that read as English, and Change something on every draft."""

from __future__ import annotations

from bot.app import AfterviewApplication
from tests.chat import Chat
from tests.journeys import current, debriefed, press_on_last, setup_user


async def test_a_panel_on_one_line_and_a_non_name_in_the_debrief(
    chat: Chat, app: AfterviewApplication
) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Data Analyst")
    await chat.press("Just now")
    r = await chat.send("dunno yet")
    assert "doesn't look like a name" in chat.texts(r)
    # A correction of the last answer (the date), not a name: read as the date question
    # reads answers, then the debrief goes on (conversations/undo.py).
    r = await chat.send("no, I mean Monday 7th December")
    assert "Corrected" in chat.texts(r) and "Mon 7 Dec" in chat.texts(r)
    assert "00:00" not in chat.texts(r)
    await chat.send("video call")  # still to come: where it is
    r = await chat.send("Priya Shah (Head of Analytics) and Tom O'Neill from HR")
    text = chat.texts(r)
    assert "Priya Shah, Tom O'Neill" in text and "Anyone else on the panel?" in text
    interview = await current(chat)
    people = await app.runtime.store.interviewers.for_interview(interview.id)
    assert [(p.name, p.job_title) for p in people] == [
        ("Priya Shah", "Head of Analytics"),
        ("Tom O'Neill", "HR"),
    ]


async def test_greeting_asked_once_and_used_in_every_draft(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await debriefed(chat, people=("Priya Shah",))
    r = await chat.send("/thanks")
    assert "How would you greet Priya Shah" in chat.texts(r)
    assert [
        label for sent in r for label in sent.labels if "Shah" in label or label == "Priya"
    ] == ["Priya", "Ms Shah", "Mr Shah", "Dr Shah", "Priya Shah"]
    r = await chat.press("Ms Shah")
    text = chat.texts(r)
    assert "“Dear Ms Shah,” from now on" in text and "Dear Ms Shah," in text
    (priya,) = await app.runtime.store.interviewers.for_interview(interview.id)
    assert priya.address == "Ms Shah"
    # Asked once: a variant of the note, and the follow-up, use it without asking again.
    await chat.press("Change something")
    r = await chat.press("More formal")
    assert "Dear Ms Shah," in chat.texts(r) and "How would you greet" not in chat.texts(r)
    r = await press_on_last(chat, f"redo:short:followup:{interview.id}:1")
    assert "Dear Ms Shah," in chat.texts(r) and "Following up" in chat.texts(r)


async def test_change_something_variants_on_the_thank_you(chat: Chat) -> None:
    await debriefed(chat, people=("Tom O'Neill",))
    await chat.send("/notes")
    await chat.send("Tom cares a lot about health and safety walk-rounds")
    await chat.send("/thanks")
    r = await chat.press("Tom")
    text = chat.texts(r)
    assert "Dear Tom," in text
    assert "you care a lot about health and safety walk-rounds" in text
    assert "you cares" not in text and "Tom cares" not in text
    assert "Having thought more about the salary question" in text
    await chat.press("Change something")
    r = await chat.press("Without the extra point")
    assert "Without the extra point" in chat.texts(r) and "salary" not in r[-1].text
    await chat.press("Change something")
    r = await chat.press("Warmer, less formal")
    assert "Hi Tom," in r[-1].text and "Kind regards," in r[-1].text
    await chat.press("Change something")
    r = await chat.press("Shorter")
    assert "salary" not in r[-1].text and "Sent it ✓" in r[-1].labels
    await chat.press("Change something")
    r = await chat.press("Say what I enjoyed")
    assert "I enjoyed hearing about …" in chat.texts(r)
    r = await chat.send("make it less formal")
    assert "What would you like to change?" in chat.texts(r)
    await chat.press("Say what I enjoyed")
    r = await chat.send("Tom's plans for the new depot")
    assert "I especially enjoyed hearing about your plans for the new depot." in chat.texts(r)
    await chat.press("Change something")
    await chat.press("Add a point I forgot")
    r = await chat.send("forgot to mention my SQL project")
    text = chat.texts(r)
    assert "I didn't get to mention my SQL project, which I'd be glad to tell you more" in text
    assert "forgot to mention" not in r[-1].text.split("Subject:", 1)[1]
    await chat.press("Change something")
    r = await chat.press("I'll paste my own version")
    assert "Paste your version" in chat.texts(r)


async def test_change_something_on_the_other_drafts(chat: Chat) -> None:
    interview = await debriefed(chat, people=("Priya Shah",))
    iid = interview.id
    r = await press_on_last(chat, f"redo:menu:rejection:{iid}:0")
    assert "What would you like to change?" in chat.texts(r)
    assert "Add a point I forgot" not in chat.last.labels
    r = await chat.press("More formal")
    text = r[-1].text
    assert "I'm" not in text and "I am disappointed" in text
    assert r[-1].button_data("Sent it ✓") == f"outcome:sent:{iid}:reply"
    r = await press_on_last(chat, f"redo:warm:followup:{iid}:1")
    assert "Hi Priya," in r[-1].text
    # Forged or stale buttons change nothing.
    r = await chat.press_data(f"redo:short:thanks:{iid}:999999")
    assert "isn't there any more" in chat.texts(r)
    r = await chat.press_data("redo:short:followup:999999:1")
    assert "isn't there any more" in chat.texts(r)


async def test_a_referee_with_their_relationship_on_one_line(
    chat: Chat, app: AfterviewApplication
) -> None:
    await debriefed(chat, people=("Priya Shah",))
    await chat.send("/referees")
    r = await chat.send("Dr Helen Ward, my dissertation supervisor")
    assert "How can Dr Helen Ward be reached?" in chat.texts(r)
    r = await chat.press("Skip")
    # The relationship came with the name: straight on to permission.
    assert "asked Dr Helen Ward's permission" in chat.texts(r)
    await chat.press("Not yet")
    (helen,) = await app.runtime.store.referees.for_user(chat.user_id)
    assert (helen.name, helen.relationship) == ("Dr Helen Ward", "my dissertation supervisor")
    r = await chat.press("📋 Brief Dr Helen Ward")
    assert "How would you greet Dr Helen Ward" in chat.texts(r)
    r = await chat.press("Dr Ward")
    body = r[-1].text
    assert "Hi Dr Ward," in body and "supervisor" not in body
    assert "would you be happy to be my referee?" in body
    assert "Could you let me know either way?" in body
    assert "- Who may call: Priya Shah" in body
    assert "Change something" in r[-1].labels
    # The strengths are picked from buttons (up to three), then go into the briefing.
    assert "Strengths" not in body
    await chat.press("Teamwork")
    await chat.press("Communication")
    r = await chat.press("Done")
    assert "- Strengths you could mention: teamwork and communication" in r[-1].text
    interview = await current(chat)
    assert interview.strengths == "Teamwork\nCommunication"
    r = await chat.press("Sent it ✓")
    assert "Still to say yes: Dr Helen Ward" in chat.texts(r)


async def test_next_round_is_prepared_from_the_first(chat: Chat) -> None:
    await debriefed(chat, people=("Priya Shah",))
    await chat.send("/notes")
    await chat.send("Priya asked about <SQL> window functions")
    await chat.send("/outcome")
    await chat.press("➡️ Next round")
    r = await chat.send("Friday 10am")
    text = chat.texts(r)
    assert "Your notes from round 1" in text
    assert "• Priya asked about <SQL> window functions" in text
    assert "Revise for the test" in text and "A case study with the team lead" in text
    assert "📝 Debrief round 2" in chat.last.labels


async def test_the_issue_cases_end_to_end(chat: Chat, app: AfterviewApplication) -> None:
    await setup_user(chat)
    for answer in ("/debrief", "Acme", "Data Analyst"):
        await chat.send(answer)
    await chat.press("Just now")
    await chat.send("Priya Shah (Head of Analytics) and Tom O'Neill from HR")
    await chat.press("That's everyone")
    await chat.send("A case study with the team lead")
    await chat.send("by Friday")
    await chat.press("Nothing mentioned")
    await chat.press("4")
    await chat.send("good rapport with Priya")
    r = await chat.send("forgot to mention my SQL project")
    assert "Debrief saved" in chat.texts(r)
    await chat.send("/notes")
    await chat.send(
        "Tom cares a lot about health and safety walk-rounds. Priya runs a team of 4 analysts. "
        "they use Power BI and SQL Server"
    )
    await chat.send("Q: tell me about a conflict - went ok")
    await chat.press("Done ✓")
    await chat.press("Nothing to add")
    r = await chat.send("/thanks")
    priya = r[-1].text
    assert "Dear Priya Shah," in priya and "Head of Analytics" not in priya.split("\n\n")[0]
    assert "you run a team of 4 analysts" in priya and "you runs" not in priya
    assert "I didn't get to mention my SQL project, which I'd be glad" in priya
    assert "Having thought more about forgot" not in priya and "Q:" not in priya
    r = await chat.press("Sent it ✓")
    tom = r[-1].text
    assert "Dear Tom O'Neill," in tom and "you care a lot about health and safety" in tom
    assert "you cares" not in tom and "Power BI you SQL" not in tom
    await chat.press("Change something")
    await chat.press("Add a point I forgot")
    r = await chat.send("i didnt say I led the migration to Azure")
    assert "I'd also like to add that I led the migration to Azure." in r[-1].text
    await chat.send("/referees")
    await chat.send("Jo Brown, my old manager")
    await chat.press("Skip")
    await chat.press("Yes")
    await chat.press("📋 Brief Jo Brown")
    r = await chat.press("Jo")
    body = r[-1].text
    assert "Hi Jo," in body
    assert "- Who may call: Priya Shah (Head of Analytics) or Tom O'Neill (HR)" in body
    assert body.count("Tom O'Neill") == 1 and "rapport" not in body
    assert "Thank you again for agreeing to be my referee." in body
