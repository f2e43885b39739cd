"""Dates and times typed in the debrief and at /followup, through the real Application: the
"Understanding" rows U1–U6 and U11 of the failing cases, and the questions asked with a button
per reading when a phrase reads two ways. "Now" is Monday 23 Nov 2026 14:00 in London (UTC)
unless a test moves the clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.app import AfterviewApplication
from bot.rules.models import Interview
from bot.texts import debrief as t
from tests.chat import Chat
from tests.conftest import Clock
from tests.journeys import current, debriefed, setup_user, utc

CANADA = ("🇨🇦 Toronto", "🇨🇦 Canada")


async def at_when(chat: Chat, place: tuple[str, str] | None = None) -> None:
    """A user (London, UK unless `place` says) at the debrief's "When was it?"."""
    await (setup_user(chat, place) if place else setup_user(chat))
    await chat.send("/debrief")
    await chat.send("Acme")
    r = await chat.send("Analyst")
    assert "When was it" in chat.texts(r)


async def at_reply_by(chat: Chat, place: tuple[str, str] | None = None) -> None:
    """A user at "When will they reply?", the interview held just now."""
    await at_when(chat, place)
    await chat.press("Just now")
    await chat.send("/skip")  # no interviewer
    r = await chat.press("I didn't ask")
    assert t.ASK_REPLY_BY in chat.texts(r)


async def typed_when(chat: Chat, text: str) -> tuple[Interview, str]:
    r = await chat.send(text)
    return await current(chat), chat.texts(r)


@pytest.mark.parametrize(
    ("typed", "held", "shown"),
    [
        # U1: a weekday with a bare hour; 1 to 7 with no am/pm is the afternoon.
        ("friday at 10", utc(2026, 11, 27, 11), "Fri 27 Nov 10:00"),
        ("on friday at 3", utc(2026, 11, 27, 16), "Fri 27 Nov 15:00"),
        # U11: a bare hour is today's.
        ("9", utc(2026, 11, 23, 9), "today 09:00"),
        ("this mornin", utc(2026, 11, 23, 9), "today 09:00"),
        ("half ten", utc(2026, 11, 23, 10, 30), "today 10:30"),
        ("thurs 2pm", utc(2026, 11, 26, 15), "Thu 26 Nov 14:00"),
    ],
)
async def test_when_typed(chat: Chat, typed: str, held: datetime, shown: str) -> None:
    # A time still to come is stored as the interview's end, an hour after its start.
    await at_when(chat)
    interview, text = await typed_when(chat, typed)
    assert interview.held_at == held
    assert t.WHEN_SET.format(when=shown) in text


@pytest.mark.parametrize(
    ("typed", "held", "shown"),
    [
        # U2: a clock time after a day word, said at 11:17.
        ("yesterday at 5", utc(2026, 11, 22, 17), "yesterday 17:00"),
        ("tomorrow at 2.30pm", utc(2026, 11, 24, 15, 30), "tomorrow 14:30"),
        ("today at 10.30", utc(2026, 11, 23, 10, 30), "today 10:30"),
    ],
)
async def test_when_day_word_and_clock(
    chat: Chat, clock: Clock, typed: str, held: datetime, shown: str
) -> None:
    clock.set(utc(2026, 11, 23, 11, 17))
    await at_when(chat)
    interview, text = await typed_when(chat, typed)
    assert interview.held_at == held
    assert t.WHEN_SET.format(when=shown) in text


async def test_todays_weekday_said_in_the_afternoon_is_this_morning(
    chat: Chat, clock: Clock
) -> None:
    # U3: said on Friday 27 Nov at 16:00: this morning's, already held (not a week away).
    clock.set(utc(2026, 11, 27, 16))
    await at_when(chat)
    interview, text = await typed_when(chat, "friday 10am")
    assert interview.held_at == utc(2026, 11, 27, 10)
    assert t.WHEN_SET.format(when="today 10:00") in text
    assert "still to come" not in text


async def test_next_tuesday_on_a_sunday_is_asked_with_both_dates(chat: Chat, clock: Clock) -> None:
    clock.set(utc(2026, 11, 29, 19))
    await at_when(chat)
    r = await chat.send("next tuesday 10am")
    assert t.WHICH_WHEN.format(text="next tuesday 10am") in chat.texts(r)
    assert r[-1].labels[:2] == ["Tue 1 Dec 10:00", "Tue 8 Dec 10:00"]
    assert (await current(chat)).held_at is None
    r = await chat.press("Tue 8 Dec 10:00")
    assert (await current(chat)).held_at == utc(2026, 12, 8, 11)  # its end
    assert t.WHEN_SET.format(when="Tue 8 Dec 10:00") in chat.texts(r)


async def test_a_forged_candidate_button_asks_again(chat: Chat) -> None:
    await at_when(chat)
    r = await chat.press_data("debrief:at:209901011000")  # decades away
    assert "When was it?" in chat.texts(r)
    assert (await current(chat)).held_at is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("by the end of December", date(2026, 12, 31)),  # U4
        ("before the end of the month", date(2026, 11, 30)),
        ("within 5 working days", date(2026, 11, 30)),  # U5
        ("in 10 business days", date(2026, 12, 7)),
        ("01/12", date(2026, 12, 1)),  # U6: day first in the UK
        ("1/12/2026", date(2026, 12, 1)),
        ("mid-January", date(2027, 1, 15)),
    ],
)
async def test_reply_by_typed(chat: Chat, typed: str, expected: date) -> None:
    await at_reply_by(chat)
    r = await chat.send(typed)
    assert (await current(chat)).reply_by == expected
    assert f"reply by {expected:%a} {expected.day} {expected:%b}." in chat.texts(r)


async def test_a_canadian_date_that_reads_two_ways_is_asked(chat: Chat) -> None:
    await at_reply_by(chat, CANADA)
    r = await chat.send("01/12")
    assert t.WHICH_REPLY_BY.format(text="01/12") in chat.texts(r)
    assert r[-1].labels[:2] == ["Tue 1 Dec", "Tue 12 Jan"]
    assert (await current(chat)).reply_by is None
    r = await chat.press("Tue 12 Jan")
    assert (await current(chat)).reply_by == date(2027, 1, 12)
    assert "reply by Tue 12 Jan." in chat.texts(r)


async def test_a_canadian_date_that_reads_one_way_is_not_asked(chat: Chat) -> None:
    await at_reply_by(chat, CANADA)
    await chat.send("12/13")
    assert (await current(chat)).reply_by == date(2026, 12, 13)


async def test_followup_asks_which_date_too(chat: Chat, app: AfterviewApplication) -> None:
    interview = await debriefed(chat, reply=None, place=CANADA)
    r = await chat.send("/followup")
    r = await chat.send("next thursday")
    assert r[-1].labels[:2] == ["Thu 26 Nov", "Thu 3 Dec"]
    r = await chat.press("Thu 3 Dec")
    stored = await app.runtime.store.interviews.get(interview.id)
    assert stored is not None and stored.reply_by == date(2026, 12, 3)
    assert "reply by Thu 3 Dec" in chat.texts(r)
