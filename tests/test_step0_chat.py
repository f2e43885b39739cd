"""Step 0 and overdue steps through the real Application (issue 15).

The clock starts on Monday 23 November 2026, 14:00 in London (UTC in winter).
"""

from __future__ import annotations

from bot.app import AfterviewApplication
from tests.chat import Chat
from tests.conftest import Clock
from tests.journeys import debriefed, log_interview, pending, run, setup_user, utc


async def upcoming(chat: Chat, when: str = "tomorrow 10am") -> str:
    """A user who logs an interview still to come, with one interviewer; the replies' text."""
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    r = await chat.send(when)
    text = chat.texts(r)
    r = await chat.send("Acme House, 1 King Street")
    text += "\n" + chat.texts(r)
    await chat.send("Priya Shah")
    await chat.press("Skip")  # no email
    r = await chat.press("That's everyone")
    return text + "\n" + chat.texts(r)


async def test_debrief_of_an_interview_still_to_come(chat: Chat, clock: Clock) -> None:
    text = await upcoming(chat)
    # The names in the future tense; the questions about what happened wait for it.
    assert "Who will interview you" in text and "Who interviewed you" not in text
    assert "Where is it?" in text
    assert "Your interview with Acme is tomorrow 10:00 (Acme House, 1 King Street)" in text
    assert "Ask your referees' permission now" in text
    assert "You'll meet Priya Shah" in text
    assert "What's the next stage of the process?" in text
    assert "Keep 15 minutes free just after it (until 11:00)" in text
    assert "opens once it's over: I'll remind you tomorrow 11:00" in text
    assert "What did they say the next stage is?" not in text
    # Starting it again before its time says the same, and asks nothing about it.
    await chat.send("/debrief")
    r = await chat.press("Carry on")
    again = chat.texts(r)
    assert "still to come" in again and "next stage is?" not in again
    assert chat.last.labels == []
    # Once it's over, the debrief nudge opens it where it stopped.
    clock.set(utc(2026, 11, 24, 11))
    await run(chat.app, clock)
    assert chat.last.text.startswith("⏰ Debrief")
    r = await chat.press("▶️ Debrief")
    assert "What did they say the next stage is?" in chat.texts(r)


async def test_the_issue_next_monday_asks_ahead(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Analyst")
    r = await chat.send("next Monday 10am")
    if chat.last.labels and "Mon 30 Nov 10:00" in chat.last.labels:
        r = await chat.press("Mon 30 Nov 10:00")  # asked which Monday: the coming one
    assert "Where is it?" in chat.texts(r)
    r = await chat.press("Skip")
    text = chat.texts(r)
    assert "Who will interview you, if you know?" in text
    assert chat.last.labels == ["I don't know yet"]
    r = await chat.press("I don't know yet")
    text = chat.texts(r)
    assert "Find out who will interview you" in text and "Mon 30 Nov 10:00" in text


async def test_next_prepares_then_waits_for_the_interview(chat: Chat) -> None:
    await upcoming(chat)
    r = await chat.send("what's next?")
    text = chat.texts(r)
    assert "Next: Prepare" in text and "Your interview with Acme is tomorrow 10:00" in text
    assert "Debrief" not in text
    await chat.press("Start: Prepare")
    r = await chat.press("Done ✓")
    text = chat.texts(r)
    # The issue: "Debrief … good to do now" for an interview still to come.
    assert "Next: Debrief" in text and "Good to do now" not in text
    assert "Your interview is tomorrow 10:00" in text
    assert "The debrief opens once it's over: I'll remind you tomorrow 11:00" in text


async def test_referees_permission_is_due_before_it(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await upcoming(chat)
    await chat.send("/referees")
    await chat.send("Helen Ward")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.press("Not yet")
    r = await chat.send("/status")
    # Due with the preparation, the evening before (it used to be 11:00 tomorrow, after it).
    assert "Brief your referees · due today 18:00" in chat.texts(r)
    slots = await pending(app, chat.user_id)
    assert slots["prepare"] == utc(2026, 11, 23, 18)
    assert "referees_permission" not in slots  # the evening-before nudge asks for it
    r = await chat.send("/next")
    assert "Ask Helen Ward for permission now" in chat.texts(r)
    # The evening-before nudge says when the interview is.
    clock.set(utc(2026, 11, 23, 18))
    await run(app, clock)
    nudge = chat.last.text
    assert nudge.startswith("⏰ Prepare")
    assert "Your interview with Acme is tomorrow 10:00 (Acme House, 1 King Street)" in nudge
    # Issue 15: /next's own checklist, not a generic "find out who will interview you".
    assert "Ask Helen Ward for permission now" in nudge and "15 minutes free" in nudge
    assert "You'll meet Priya Shah" in nudge and "find out who will interview" not in nudge


async def test_overdue_steps_say_so(chat: Chat, clock: Clock) -> None:
    await debriefed(chat)  # held just now, Monday 14:00: notes due 16:00, thank-yous 17:00
    clock.set(utc(2026, 11, 23, 20, 50))
    r = await chat.send("/status")
    text = chat.texts(r)
    assert "Thank-you notes · overdue since today 17:00: do it now" in text
    assert "Notes · overdue since today 16:00: do it now" in text
    assert "Brief your referees · due tomorrow 14:00" in text  # still ahead: no change
    r = await chat.send("/next")
    text = chat.texts(r)
    assert "Next: Notes · Data Analyst at Acme · overdue" in text
    assert "It was due today 16:00. Write down what you still remember now" in text


async def test_a_nudge_held_by_quiet_hours_arrives_overdue(chat: Chat, clock: Clock) -> None:
    clock.set(utc(2026, 11, 23, 19))
    await debriefed(chat)  # notes due 21:00, thank-yous 22:00: quiet hours until 08:00
    clock.set(utc(2026, 11, 24, 8))
    await run(chat.app, clock)
    summary = chat.last.text
    assert "Notes · Data Analyst at Acme (overdue)" in summary
    assert "Thank-you notes · Data Analyst at Acme (overdue)" in summary
    r = await chat.press("Thank-you notes · Data Analyst at Acme")
    text = chat.texts(r)
    assert "Thank-you notes · Data Analyst at Acme · overdue" in text
    assert "It was due yesterday 22:00. Send it today" in text


async def test_steps_overdue_when_logged_days_late(chat: Chat, clock: Clock) -> None:
    await setup_user(chat)
    await log_interview(chat, "Acme", when="last Friday 2pm")  # 20 November, 3 days ago
    await chat.send("/cancel")
    r = await chat.send("/status")
    text = chat.texts(r)
    assert "Notes · overdue: do it now" in text  # no past time shown as if to come
    assert "Thank-you notes · past 48 hours: folded into the follow-up" in text
    assert "Fri 20 Nov" not in text
    r = await chat.send("/next")
    text = chat.texts(r)
    assert "Next: Debrief · Data Analyst at Acme · overdue" in text
    assert "Its usual time had passed before you told me about it" in text
    # Its nudge says so too.
    clock.advance(hours=1)
    await run(chat.app, clock)
    assert "overdue" in chat.last.text and "Fri 20 Nov" not in chat.last.text


async def test_a_thank_you_past_48_hours_folds_into_the_follow_up(chat: Chat, clock: Clock) -> None:
    await debriefed(chat)  # no thank-you sent
    clock.set(utc(2026, 11, 25, 14, 1))  # 48 hours on
    r = await chat.send("/status")
    assert "Thank-you notes · past 48 hours: folded into the follow-up" in chat.texts(r)
    r = await chat.send("/next")
    assert "Thank-you" not in chat.texts(r)
    clock.set(utc(2026, 12, 1, 10))
    r = await chat.send("/followup")
    assert "and to thank you again for your time" in chat.texts(r)


async def test_a_thank_you_sent_is_not_repeated_in_the_follow_up(chat: Chat, clock: Clock) -> None:
    await debriefed(chat, people=("Priya Shah",))
    await chat.send("/thanks")
    await chat.press("Sent it ✓")
    clock.set(utc(2026, 12, 1, 10))
    r = await chat.send("/followup")
    text = chat.texts(r)
    assert "Follow-up to Priya Shah" in text and "thank you again" not in text


async def test_the_revision_line_reads_right_with_any_process_text(chat: Chat) -> None:
    """Issue 15: "Revise for the test: second round; technical test." took the whole process
    text for a test's name; it is quoted as the user's words."""
    await debriefed(chat)
    await chat.send("/interviews")
    await chat.press(next(label for label in chat.last.labels if "Acme" in label))
    await chat.press("Next stage")
    await chat.send("second round; technical test")
    await chat.send("/outcome")
    await chat.press("➡️ Next round")
    await chat.send("Friday 10am")
    text = chat.texts(await chat.send("/next"))
    assert "Revise for the test or task they mentioned" in text
    assert "You noted: “second round; technical test”" in text
    assert "Revise for the test</b>: " not in chat.last.html


async def test_due_times_at_night_are_when_the_nudges_come(chat: Chat, clock: Clock) -> None:
    """Issue 15: after a 22:30 debrief /status said "Notes · due tomorrow 00:30", and after a
    rejection at 23:30 "Send this reply after tomorrow 23:30 … by Mon 30 Nov 23:30", while
    the nudges come at 08:00 (quiet hours 21:00–08:00)."""
    clock.set(utc(2026, 11, 23, 22, 30))
    await debriefed(chat)
    slots = await pending(chat.app, chat.user_id)
    assert slots["notes"] == utc(2026, 11, 24, 8)
    text = chat.texts(await chat.send("/status"))
    assert "Notes · due tomorrow 08:00" in text and "00:30" not in text
    clock.set(utc(2026, 11, 23, 23, 30))
    await chat.send("/outcome")
    text = chat.texts(await chat.press("Rejected"))
    assert "after Wed 25 Nov 08:00" in text and "by Mon 30 Nov." in text
    assert "23:30" not in text
    slots = await pending(chat.app, chat.user_id)
    assert slots["keep_contact_rejected"] == utc(2026, 11, 25, 8)
    text = chat.texts(await chat.send("/status"))
    assert "Keep in contact · due Wed 25 Nov 08:00" in text
    text = chat.texts(await chat.press("Done ✓"))
    assert "after Wed 25 Nov 08:00" in text and "by Mon 30 Nov" in text
