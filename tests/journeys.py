"""Journey helpers shared by the test modules: a user set up, an interview logged or debriefed,
a nudge delivered. Test modules import these from here, never from one another.

Every journey drives the real Application through a `Chat`; the clock starts on Monday 23
November 2026, 14:00 in London (UTC in winter, tests/conftest.py START).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from bot.app import AfterviewApplication
from bot.rules.models import Interview
from bot.storage.reminders import Reminder, State
from bot.tg.dispatcher import Dispatcher, Report
from tests import updates
from tests.chat import Chat
from tests.conftest import Clock
from tests.fakeapi import Sent

LONDON = ("🇬🇧 London", "🇬🇧 UK", "England")


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """A moment in UTC: utc(2026, 11, 23, 14) is T."""
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# --- users -----------------------------------------------------------------------------------
async def setup_user(chat: Chat, place: Sequence[str] = LONDON) -> None:
    """/start, then the buttons of time zone, country and region if any (London, UK, England
    unless `place` says; a region left out stays asked)."""
    await chat.send("/start")
    for button in place:
        await chat.press(button)


def stranger(chat: Chat) -> Chat:
    """Another user of the same bot, to press buttons with someone else's ids."""
    return Chat(chat.app, chat.fake, user_id=2002, first_name="Eve")


async def sticker(chat: Chat) -> str:
    """Send a sticker; returns the replies' text."""
    return chat.texts(await chat.feed(updates.message(chat.user_id, sticker=True)))


async def current(chat: Chat) -> Interview:
    """The interview the user is working on now."""
    user = await chat.app.runtime.store.users.get(chat.user_id)
    assert user is not None and user.current_interview_id is not None
    interview = await chat.app.runtime.store.interviews.get(user.current_interview_id)
    assert interview is not None
    return interview


# --- interviews ------------------------------------------------------------------------------
async def log_interview(
    chat: Chat,
    company: str,
    people: Sequence[str] = ("Priya Shah",),
    *,
    role: str = "Data Analyst",
    when: str = "Just now",
) -> None:
    """/debrief up to the interviewers (a new interview if one is in progress): the
    reflection questions that follow are left pending.

    `when` is a button ("Just now") or a typed time ("tomorrow 10am"); each person is added
    without an email.
    """
    r = await chat.send("/debrief")
    if "New interview" in [label for sent in r for label in sent.labels]:
        await chat.press("New interview")
    await chat.send(company)
    await chat.send(role)
    if when == "Just now":
        await chat.press(when)
    else:
        await chat.send(when)
    for i, name in enumerate(people):
        if i:
            await chat.press("Add another")
        await chat.send(name)
        await chat.press("Skip")  # no email
    await chat.press("That's everyone" if people else "Skip")


async def logged(
    chat: Chat,
    company: str = "Acme & Sons",
    people: Sequence[str] = ("Priya Shah",),
    *,
    first: bool = True,
) -> Interview:
    """A user (set up first unless `first` is False) who logged an interview held just now,
    with its interviewers, then stopped (/cancel) before the reflection questions."""
    if first:
        await setup_user(chat)
    await log_interview(chat, company, people)
    await chat.send("/cancel")
    return await current(chat)


async def debriefed(
    chat: Chat,
    people: Sequence[str] = ("Priya Shah", "Tom Lee"),
    *,
    company: str = "Acme",
    role: str = "Data Analyst",
    reply: str | None = "by Friday",
    place: Sequence[str] = LONDON,
    first: bool = True,
) -> Interview:
    """A user (in London unless `place` says; set up first unless `first` is False) with a
    full debrief of an interview held just now.

    `reply` is what they said about their timeline; None skips that question.
    """
    if first:
        await setup_user(chat, place)
    await log_interview(chat, company, people, role=role)
    await chat.send("A case study with the team lead")
    if reply is None:
        await chat.send("/skip")
    elif reply == "They didn't say":
        await chat.press(reply)
    else:
        await chat.send(reply)
    await chat.press("Nothing mentioned")
    await chat.press("4")
    await chat.send("My answer about SQL window functions")
    r = await chat.send("The salary question")
    assert "Debrief saved" in chat.texts(r)
    return await current(chat)


# --- nudges ----------------------------------------------------------------------------------
def dispatcher(app: AfterviewApplication) -> Dispatcher:
    """The app's nudge dispatcher (always there once `register` ran)."""
    found = app.runtime.dispatcher
    assert isinstance(found, Dispatcher)
    return found


async def run(app: AfterviewApplication, clock: Clock) -> Report:
    """One pass of the dispatcher at the test clock's time."""
    return await dispatcher(app).run(clock.now)


async def rows(app: AfterviewApplication, user_id: int) -> list[Reminder]:
    """Every reminder row of the user, in the order they were made."""
    found = await app.runtime.store.db.execute_fetchall(
        "SELECT * FROM reminders WHERE user_id = ? ORDER BY id", (user_id,)
    )
    return [Reminder.model_validate(dict(r)) for r in found]


async def pending(app: AfterviewApplication, user_id: int) -> dict[str, datetime]:
    """The user's pending reminders: slot → when it is due (UTC)."""
    return {r.slot: r.due_at for r in await rows(app, user_id) if r.state is State.PENDING}


async def nudged(chat: Chat, app: AfterviewApplication, clock: Clock, slot: str = "notes") -> int:
    """Run the dispatcher at the slot's due time; returns the nudge's reminder id."""
    (row,) = [
        r for r in await rows(app, chat.user_id) if r.slot == slot and r.state is State.PENDING
    ]
    clock.set(row.due_at)
    await run(app, clock)
    return row.id


async def press_on_last(chat: Chat, data: str) -> list[Sent]:
    """Press a button with this data as if it were on the chat's last message."""
    return await chat.feed(updates.callback(chat.user_id, data, chat.last))
