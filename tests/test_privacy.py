"""/calendar, /export and /forget against the real Application and SQLite."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from icalendar import Calendar

from bot.app import AfterviewApplication
from bot.rules.coaching import Step, StepState
from bot.rules.models import Interview
from bot.storage.journey import plan_for
from bot.texts import common as tc
from tests import updates
from tests.chat import Chat
from tests.conftest import Apps, Clock
from tests.fakeapi import FakeTelegram, Sent
from tests.journeys import logged, setup_user


async def logged_with_data(
    chat: Chat, app: AfterviewApplication, company: str = "Acme"
) -> Interview:
    """An interview logged by a user already set up, with a note, a referee and a follow-up."""
    interview = await logged(chat, company, first=False)
    async with app.runtime.store.transaction() as tx:
        await tx.notes.add(interview.id, "They asked about <dashboards> & SQL")
        await tx.referees.add(chat.user_id, "Jo Brown", permission=True)
        await tx.interviews.add_followup(interview.id, interview.held_at or interview.created_at)
    return interview


def documents(replies: list[Sent]) -> list[tuple[str, bytes]]:
    return [r.document for r in replies if r.document is not None]


def no_error(chat: Chat, replies: list[Sent]) -> None:
    assert tc.ERROR not in chat.texts(replies)


# --- /calendar -------------------------------------------------------------------------------
async def test_calendar_has_the_due_steps(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await setup_user(chat)
    interview = await logged_with_data(chat, app)
    clock.advance(hours=1)
    r = await chat.send("/calendar")
    ((name, data),) = documents(r)
    assert name == f"afterview-{interview.id}.ics"
    cal = Calendar.from_ical(data)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    label = "Data Analyst at Acme"
    held = interview.held_at
    assert held is not None
    deadline = events[f"Thank-you deadline · {label}"]
    assert deadline.decoded("DTSTART") == held + timedelta(hours=24)
    assert events[f"Thank-you notes · {label}"].decoded("DTSTART") == held + timedelta(hours=3)
    user = await app.runtime.store.users.get(chat.user_id)
    assert user is not None
    plans = {p.step: p for p in await plan_for(app.runtime.store, user, interview, clock.now)}
    follow = events[f"Follow up · {label}"]
    assert follow.decoded("DTSTART") == plans[Step.FOLLOWUP].due_at
    assert "follow-up" in str(follow["DESCRIPTION"])
    # Past (the debrief, due when it ended) and finished steps are left out.
    assert not any(s.startswith("Debrief") for s in events)
    assert all(e.decoded("DTSTART") >= clock.now for e in events.values())
    assert len({str(e["UID"]) for e in events.values()}) == len(events)


async def test_calendar_after_steps_are_done(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await setup_user(chat)
    interview = await logged_with_data(chat, app)
    async with app.runtime.store.transaction() as tx:
        await tx.interviews.set_step(interview.id, Step.THANKS, StepState.DONE)
    r = await chat.send("/calendar")
    ((_, data),) = documents(r)
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert not any("Thank-you" in s for s in summaries)
    assert any(s.startswith("Follow up") for s in summaries)


async def test_calendar_picks_an_interview_and_rejects_forged_ones(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    r = await chat.send("/calendar")
    assert "haven't told me about an interview" in chat.texts(r)
    await setup_user(chat)
    first = await logged_with_data(chat, app, "Acme")
    second = await logged_with_data(chat, app, "Beta")
    async with app.runtime.store.transaction() as tx:
        await tx.users.update(chat.user_id, current_interview_id=None)
    r = await chat.send("/calendar")
    assert "Which interview" in chat.texts(r) and not documents(r)
    r = await chat.press("Data Analyst at Beta")
    ((name, _),) = documents(r)
    assert name == f"afterview-{second.id}.ics"
    other = Chat(app, fake, user_id=3003)
    await setup_user(other)
    async with app.runtime.store.transaction() as tx:
        theirs = await tx.interviews.create(other.user_id, company="Evil")
    forged = ("calendar:99999999999999999999999", "calendar:²")  # not row ids
    for data in (f"calendar:{theirs.id}", "calendar:999999", "calendar:x", "calendar:", *forged):
        r = await chat.press_data(data)
        no_error(chat, r)
        assert not documents(r) and tc.STALE_BUTTON in chat.texts(r)
    r = await chat.press("Data Analyst at Acme")
    ((name, _),) = documents(r)
    assert name == f"afterview-{first.id}.ics"


# --- /export ---------------------------------------------------------------------------------
async def test_export_has_all_my_rows_and_none_of_others(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    other = Chat(app, fake, user_id=4004, first_name="Eve")
    await setup_user(other)
    await logged_with_data(other, app, "Evil Corp")
    await setup_user(chat)
    interview = await logged_with_data(chat, app)
    r = await chat.send("/export")
    ((name, data),) = documents(r)
    assert name == "afterview-export.json"
    exported: dict[str, Any] = json.loads(data)
    tables = exported["tables"]
    assert exported["user_id"] == chat.user_id
    assert [u["id"] for u in tables["users"]] == [chat.user_id]
    assert [i["company"] for i in tables["interviews"]] == ["Acme"]
    assert [p["name"] for p in tables["interviewers"]] == ["Priya Shah"]
    assert [n["body"] for n in tables["notes"]] == ["They asked about <dashboards> & SQL"]
    assert [x["name"] for x in tables["referees"]] == ["Jo Brown"]
    assert [f["interview_id"] for f in tables["followups"]] == [interview.id]
    assert {s["interview_id"] for s in tables["interview_steps"]} <= {interview.id}
    assert "Evil" not in data.decode() and "Eve" not in data.decode()
    assert f"{sum(len(rows) for rows in tables.values())} rows" in chat.texts(r)


# --- /forget ---------------------------------------------------------------------------------
async def rows_left(app: AfterviewApplication, user_id: int) -> dict[str, int]:
    """Rows in any table that still name the user: by schema walk and by a plain scan."""
    store = app.runtime.store
    counts = {t: n for t, n in (await store.privacy.rows_of(user_id, user_id)).items() if n}
    tables = await store.db.execute_fetchall(store.db.dialect.tables)
    for (table,) in tables:
        columns = [
            c[0] for c in await store.db.execute_fetchall(store.db.dialect.columns, (table,))
        ]
        for column in {"user_id", "chat_id"} & set(columns):
            (n,) = next(
                iter(
                    await store.db.execute_fetchall(
                        f'SELECT COUNT(*) FROM "{table}" WHERE {column} = ?', (user_id,)
                    )
                )
            )
            if n:
                counts[f"{table}.{column}"] = n
    return counts


async def test_forget_deletes_every_row_of_the_user(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    other = Chat(app, fake, user_id=5005, first_name="Eve")
    await setup_user(other)
    await logged_with_data(other, app, "Evil Corp")
    await setup_user(chat)
    interview = await logged_with_data(chat, app)
    priya = (await app.runtime.store.interviewers.for_interview(interview.id))[0]
    await chat.press_data(f"review:thanks:{interview.id}:{priya.id}")
    await chat.send("Dear Priya, thanks for the chat about the Data Analyst role. Sam")
    store = app.runtime.store
    async with store.transaction() as tx:
        await tx.interviews.set_step(interview.id, Step.NOTES, StepState.DONE)
        # A nudge row (migration 002), as the nudge engine would write it.
        await tx.db.execute(
            "INSERT INTO reminders (user_id, interview_id, step, kind, slot, rule_at, due_at,"
            " created_at, updated_at) VALUES (?, ?, 'thanks', 'thanks', 'thanks', ?, ?, ?, ?)",
            (chat.user_id, interview.id, *["2026-11-23T17:00:00+00:00"] * 4),
        )
    before = await rows_left(app, chat.user_id)
    assert {"users", "interviews", "notes", "referees", "draft_reviews"} <= set(before)
    assert {"reminders", "interview_steps", "conversations.user_id"} <= set(before)
    other_before = await rows_left(app, other.user_id)

    r = await chat.send("/forget")
    assert "deletes <b>everything</b>" in r[-1].html and "1 interview with their" in chat.texts(r)
    r = await chat.press("Keep my data")
    assert "Nothing was deleted" in chat.texts(r)
    kept = await rows_left(app, chat.user_id)
    assert kept == before

    await chat.send("/forget")
    r = await chat.press("Yes, delete everything")
    assert "Everything I stored about you is deleted" in chat.texts(r)
    assert await rows_left(app, chat.user_id) == {}
    # Nobody else lost anything.
    assert await rows_left(app, other.user_id) == other_before


async def test_forget_mid_conversation_then_carry_on(apps: Apps, fake: FakeTelegram) -> None:
    app = await apps.start()
    chat = Chat(app, fake)
    await setup_user(chat)
    await logged_with_data(chat, app)
    r = await chat.send("/debrief")
    if chat.last.button_data("New interview"):
        await chat.press("New interview")
    await chat.send("Gamma")  # the debrief now waits for the role, with its id in user data
    await chat.send("/forget")
    r = await chat.press("Yes, delete everything")
    assert "deleted" in chat.texts(r)
    # A later answer, a stale button, a sticker: friendly replies, no errors, nothing stored.
    for replies in (
        await chat.send("Designer"),
        await chat.press_data("debrief:skip"),
        await chat.feed(updates.message(chat.user_id, sticker=True)),
        await chat.send("/next"),
    ):
        no_error(chat, replies)
        assert replies
    assert await app.runtime.store.interviews.all_for(chat.user_id) == []
    # Also after a restart nothing comes back from persistence.
    await apps.crash(app)
    app2 = await apps.start()
    chat2 = Chat(app2, fake)
    r = await chat2.send("Designer")
    no_error(chat2, r)
    assert await app2.runtime.store.interviews.all_for(chat.user_id) == []
    r = await chat2.send("/start")
    assert "time zone" in chat2.texts(r)


async def test_forget_confirmation_bad_input(chat: Chat, app: AfterviewApplication) -> None:
    await setup_user(chat)
    await chat.send("/forget")
    r = await chat.send("delete it <b>now</b> & forever")
    assert "deletes" in chat.texts(r)  # asked again, nothing deleted yet
    assert await app.runtime.store.users.get(chat.user_id) is not None
    r = await chat.press_data("forget:maybe")
    no_error(chat, r)
    r = await chat.send("/skip")
    assert "Nothing was deleted" in chat.texts(r)
    r = await chat.press_data("forget:yes")  # a stale confirmation must not delete
    no_error(chat, r)
    assert await app.runtime.store.users.get(chat.user_id) is not None
