"""Review my draft, end to end: the real Application, SQLite and the fake Bot API."""

from __future__ import annotations

import json

from bot.app import AfterviewApplication
from bot.rules.models import Interview
from bot.texts import common as tc
from bot.texts import review as t
from tests import updates
from tests.chat import Chat
from tests.conftest import Apps
from tests.fakeapi import FakeTelegram
from tests.journeys import logged, setup_user

READY = "Ready to send."
HEADER = "A few things to fix:"
DONE = "Send it when you're happy with it"
GOOD_NOTE = """Dear Priya,

Thank you for meeting me today to talk about the Data Analyst role at Acme. I really enjoyed \
hearing how you plan to rebuild the weekly sales dashboard, and it made me even more \
interested in the work. I also wanted to add that I led a similar reporting project in my \
current job. I look forward to hearing from you about the next steps.

Yours sincerely,
Sam"""


async def logged_with_notes(chat: Chat, app: AfterviewApplication) -> Interview:
    """A logged interview with two interviewers and notes naming each of them."""
    interview = await logged(chat, "Acme", ("Priya Shah", "Tom Lee"))
    async with app.runtime.store.transaction() as tx:
        await tx.notes.add(interview.id, "Priya asked how I'd rebuild the weekly sales dashboard.")
        await tx.notes.add(interview.id, "Tom's team is moving to dbt next quarter.")
    return interview


async def people(app: AfterviewApplication, interview: Interview) -> tuple[int, int]:
    priya, tom = await app.runtime.store.interviewers.for_interview(interview.id)
    return priya.id, tom.id


def no_error(chat: Chat, replies: list[object]) -> None:
    assert tc.ERROR not in chat.texts(replies)  # type: ignore[arg-type]


async def stored_reviews(app: AfterviewApplication) -> list[dict[str, object]]:
    rows = await app.runtime.store.db.execute_fetchall("SELECT * FROM draft_reviews ORDER BY id")
    return [dict(r) for r in rows]


async def test_review_from_the_thank_you_draft(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged_with_notes(chat, app)
    r = await chat.send("/thanks")
    assert "Thank-you note to Priya Shah" in chat.texts(r)
    r = await chat.press("Review mine")
    assert "Paste your version of the thank-you note to Priya Shah" in chat.texts(r)
    assert tc.STALE_BUTTON not in chat.texts(r) and len(r) == 1

    faulty = GOOD_NOTE.replace("Dear Priya", "Dear Tom").replace("steps.", "steps! 😊!")
    r = await chat.send(faulty)
    text = chat.texts(r)
    assert HEADER in text
    assert "It's addressed to Tom Lee, but this note is for Priya Shah" in text
    assert "Emoji in a professional note" in text
    assert "2 exclamation marks" in text
    assert READY not in text
    # One line per finding: three findings, three bullet lines.
    assert text.count("• ") == 3

    r = await chat.send(GOOD_NOTE)
    assert READY in chat.texts(r)

    rows = await stored_reviews(app)
    assert [row["body"] for row in rows] == [faulty, GOOD_NOTE]
    assert json.loads(str(rows[0]["findings"])) == ["wrong_person", "exclamations", "emoji"]
    assert json.loads(str(rows[1]["findings"])) == []
    priya_id, _ = await people(app, interview)
    assert {row["person_id"] for row in rows} == {priya_id}
    assert {row["kind"] for row in rows} == {"thanks"}

    r = await chat.press(t.BTN_DONE)
    assert DONE in chat.texts(r)
    # The review is over: a pasted draft now is just stray text, not reviewed or stored.
    r = await chat.send(GOOD_NOTE)
    assert READY not in chat.texts(r)
    assert len(await stored_reviews(app)) == 2


async def test_second_interviewer_copy_is_caught(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged_with_notes(chat, app)
    priya_id, tom_id = await people(app, interview)
    await chat.press_data(f"review:thanks:{interview.id}:{priya_id}")
    r = await chat.send(GOOD_NOTE)
    assert READY in chat.texts(r)
    # The same note with only the name changed, for Tom: near-identical to Priya's.
    r = await chat.press_data(f"review:thanks:{interview.id}:{tom_id}")
    assert "to Tom Lee" in chat.texts(r)
    r = await chat.send(GOOD_NOTE.replace("Dear Priya", "Dear Tom").replace("how you", "how Tom"))
    assert "reads almost the same as your note to Priya Shah" in chat.texts(r)


async def test_other_drafts_can_be_reviewed(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged_with_notes(chat, app)
    store = app.runtime.store
    async with store.transaction() as tx:
        jo = await tx.referees.add(chat.user_id, "Jo Brown", permission=True)
    r = await chat.press_data(f"review:followup:{interview.id}")
    assert "follow-up to Priya Shah" in chat.texts(r)
    r = await chat.send(
        "Dear Priya,\n\nI hope you're well. I'm following up on my interview for the Data "
        "Analyst role. I've attached my CV again in case it helps. Is there any news on the "
        "process, and when might I hear back from you about the decision?\n\nYours sincerely,\nSam"
    )
    assert "leave it out" in chat.texts(r) and "status check" in chat.texts(r)
    r = await chat.press_data(f"review:briefing:{interview.id}:{jo.id}")
    assert "briefing to Jo Brown" in chat.texts(r)
    r = await chat.send(
        "Hi Jo,\n\nThanks for agreeing to be my referee for the Data Analyst job."
        "\n\nKind regards,\nSam"
    )
    assert READY in chat.texts(r)
    r = await chat.press_data(f"review:linkedin:{interview.id}:{(await people(app, interview))[1]}")
    r = await chat.send(
        "Hi Tom, thank you for the interview. " + "I'd love to connect. " * 12 + "Sam"
    )
    assert "/200 characters" in chat.texts(r)


async def test_forged_and_stale_review_buttons(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    interview = await logged_with_notes(chat, app)
    priya_id, _ = await people(app, interview)
    # Someone else's interview and referee.
    other = Chat(app, fake, user_id=2002, first_name="Eve")
    await setup_user(other)
    store = app.runtime.store
    async with store.transaction() as tx:
        theirs = await tx.interviews.create(other.user_id, company="Evil", role="Spy")
        their_person = await tx.interviewers.add(theirs.id, "Mallory")
        their_ref = await tx.referees.add(other.user_id, "Trent")
    forged = [
        f"review:thanks:{theirs.id}:{their_person.id}",
        f"review:thanks:{interview.id}:{their_person.id}",
        f"review:briefing:{interview.id}:{their_ref.id}",
        f"review:thanks:{interview.id}",  # a thank-you is always for someone
        "review:thanks:999999:1",
        "review:nonsense:1:1",
        "review:thanks:abc:1",
        "review:",
        "review:done",
        "review:thanks:1:2:3:4",
        f"review:thanks:{interview.id}:{'9' * 23}",  # more than SQLite's largest integer
        f"review:thanks:{'9' * 23}:{priya_id}",
        f"review:thanks:{interview.id}:²",  # a digit to str.isdigit(), not to int()
    ]
    for data in forged:
        r = await chat.press_data(data)
        no_error(chat, r)
        assert "isn't available" in chat.texts(r) or tc.STALE_BUTTON in chat.texts(r), data
        assert len([x for x in r if x.text]) == 1, data  # one friendly reply, not two
    assert await stored_reviews(app) == []
    # And the real one still works afterwards.
    r = await chat.press_data(f"review:thanks:{interview.id}:{priya_id}")
    assert "Priya Shah" in chat.texts(r)


async def test_bad_input_while_reviewing(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged_with_notes(chat, app)
    priya_id, _ = await people(app, interview)
    await chat.press_data(f"review:thanks:{interview.id}:{priya_id}")
    r = await chat.feed(updates.message(chat.user_id, sticker=True))
    assert "only read text" in chat.texts(r) and "Paste your version" in chat.texts(r)
    r = await chat.send("x " * 1500)
    assert "under" in chat.texts(r)
    r = await chat.send("ok")
    assert t.TOO_SHORT_TO_REVIEW in chat.texts(r)
    r = await chat.send("/nonsense")
    assert "don't know that command" in chat.texts(r)
    r = await chat.press_data("review:cancel")
    no_error(chat, r)
    await chat.press_data(f"review:thanks:{interview.id}:{priya_id}")
    r = await chat.send("Dear <b>Tom</b> & co,\n\nThanks!!! <script>\n\nYours faithfully, Sam")
    no_error(chat, r)  # the fake rejects HTML Telegram would reject: user text was escaped
    assert "addressed to Tom Lee" in chat.texts(r) and "exclamation marks" in chat.texts(r)
    r = await chat.send("/skip")
    assert DONE in chat.texts(r)


async def test_review_button_ends_the_conversation_in_progress(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await logged_with_notes(chat, app)
    priya_id, _ = await people(app, interview)
    r = await chat.send("/debrief")
    assert "Which company" in chat.texts(r) or "Carry on" in chat.texts(r)
    r = await chat.press_data(f"review:thanks:{interview.id}:{priya_id}")
    assert "Paste your version" in chat.texts(r)
    assert "Which company" not in chat.texts(r)
    r = await chat.send(GOOD_NOTE)
    assert READY in chat.texts(r)
    companies = [i.company for i in await app.runtime.store.interviews.all_for(chat.user_id)]
    assert GOOD_NOTE not in companies  # the paste was not taken as a debrief answer


async def test_review_survives_a_restart(apps: Apps, fake: FakeTelegram) -> None:
    app = await apps.start()
    chat = Chat(app, fake)
    interview = await logged_with_notes(chat, app)
    priya_id, _ = await people(app, interview)
    await chat.press_data(f"review:thanks:{interview.id}:{priya_id}")
    await apps.crash(app)
    app2 = await apps.start()
    chat2 = Chat(app2, fake)
    r = await chat2.send(GOOD_NOTE)
    assert READY in chat2.texts(r)
