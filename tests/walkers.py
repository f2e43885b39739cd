"""People walking through set-up and a debrief, as the process tests drive them (the crash
test, tests/test_crash_conversations.py, and the failover test, tests/test_failover.py): each
person's answers with the reply that acknowledges each one, what the database must hold once
they are through, and what it holds.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.rules.coaching import Step as CoachingStep
from bot.settings import Settings
from bot.texts import debrief as td
from bot.texts import start as ts
from tests import updates
from tests.conftest import read_db, read_rows
from tests.fakeapi import Sent, check_html

FIRST_USER = 610_000
REGIONS = {"GB": "England", "CA": "Ontario"}  # the button pressed at the region question
REGION_CODES = {"GB": "ENG", "CA": "ON"}  # ...and what it stores
REPLY_OPTIONS = ((td.BTN_WITHIN_WEEK, "in a week"), (td.BTN_TWO_WEEKS, "in 2 weeks"))


@dataclass(frozen=True)
class Step:
    answer: str  # the text to send, or the label of the button to press
    press: bool
    reply: str  # plain text of the reply that shows the bot took it: the next question


def plain(html: str) -> str:
    """What a person reads of one of our texts, up to its first placeholder."""
    return check_html(html).partition("{")[0]


def interviewer(uid: int) -> str:
    """The name of user `uid`'s interviewer ("Ann Gbaaac" for 610002): a name has no digits."""
    return "Ann " + "".join(chr(ord("a") + int(d)) for d in str(uid)).capitalize()


def walk(n: int) -> list[Step]:
    """Person n's answers, each with the reply that acknowledges it."""
    uid = FIRST_USER + n
    label, country = ts.COMMON_COUNTRIES[n % len(ts.COMMON_COUNTRIES)]
    # The UK and Canada go on to their nation or province (holidays differ by region).
    where = [(label, True, ts.ASK_REGION.get(country, ts.SETUP_DONE))]
    if country in REGIONS:
        where.append((REGIONS[country], True, ts.SETUP_DONE))
    steps = [
        ("/start", False, ts.ASK_TZ),
        (ts.COMMON_ZONES[n % len(ts.COMMON_ZONES)][0], True, ts.ASK_COUNTRY),
        *where,
        ("/debrief", False, td.ASK_COMPANY),
        (f"Company {uid}", False, td.ASK_ROLE),
        (f"Role {uid}", False, td.ASK_WHEN),
        ("yesterday 3pm", False, td.ASK_INTERVIEWER),
        (interviewer(uid), False, td.ASK_INTERVIEWER_EMAIL),
        (f"person{uid}@example.com", False, td.ASK_MORE_INTERVIEWERS),
        (td.BTN_NO_MORE, True, td.ASK_NEXT_STAGE),
        (f"Next stage {uid}", False, td.ASK_REPLY_BY),
        (REPLY_OPTIONS[n % 2][0], True, td.ASK_PROCESS),
        (f"Process {uid}", False, td.ASK_RATING),
        (str(1 + n % 5), True, td.ASK_WENT_WELL),
        (f"Went well {uid}", False, td.ASK_NOT_LANDED),
        (f"Not landed {uid}", False, td.DONE),
    ]
    return [Step(answer, press, plain(reply)) for answer, press, reply in steps]


def expected(n: int) -> dict[str, Any]:
    """What the database must hold for person n once they finished the walk."""
    uid = FIRST_USER + n
    return {
        "tz": ts.COMMON_ZONES[n % len(ts.COMMON_ZONES)][1],
        "country": ts.COMMON_COUNTRIES[n % len(ts.COMMON_COUNTRIES)][1],
        "region": {"GB": "ENG", "CA": "ON"}.get(
            ts.COMMON_COUNTRIES[n % len(ts.COMMON_COUNTRIES)][1]
        ),
        "interviews": 1,
        "company": f"Company {uid}",
        "role": f"Role {uid}",
        "held": "yesterday 15:00",
        "interviewers": [(interviewer(uid), f"person{uid}@example.com")],
        "next_stage": f"Next stage {uid}",
        "asked_next_stage": 1,
        "reply_text": REPLY_OPTIONS[n % 2][1],
        "process_info": f"Process {uid}",
        "rating": 1 + n % 5,
        "went_well": f"Went well {uid}",
        "not_landed": f"Not landed {uid}",
        "steps": {CoachingStep.DEBRIEF.value: "done", CoachingStep.REFLECT.value: "done"},
        "conversation": ("debrief", None),
    }


# The step (index in `walk`) whose acknowledgement makes each stored value final.
FILLS = {"tz": 1, "country": 2, "region": 3, "company": 4, "interviews": 4, "role": 5, "held": 6}
FILLS |= {"interviewers": 8, "next_stage": 10, "asked_next_stage": 10, "reply_text": 11}
FILLS |= {"process_info": 12, "rating": 13, "went_well": 14, "not_landed": 15}
FILLS |= {"steps": 15, "conversation": 15}
FILLS_BASE = range(16)  # the walk's steps without a region question (indexes of FILLS)


@dataclass
class Person:
    n: int
    steps: list[Step]
    inbox: list[Sent] = field(default_factory=list)  # the bot's messages, as they arrive
    k: int = 0  # the step they are at
    read: int = 0  # how many messages of the inbox they have read
    waiting: int | None = None  # the update of the answer whose reply has not come
    due: float = 0.0  # when they send their next answer (time.monotonic)
    resent: int = 0

    @property
    def uid(self) -> int:
        return FIRST_USER + self.n

    @property
    def done(self) -> bool:
        return self.k == len(self.steps)

    def read_inbox(self, now: float, think: float) -> None:
        """Read what came; the next question moves them on (after `think` seconds)."""
        while self.read < len(self.inbox):
            message = self.inbox[self.read]
            self.read += 1
            if self.waiting is not None and self.steps[self.k].reply in message.text:
                self.k, self.waiting, self.due = self.k + 1, None, now + think

    def answer(self) -> dict[str, Any]:
        """The update for their answer to the question they are at."""
        step = self.steps[self.k]
        if not step.press:
            return updates.message(self.uid, step.answer)
        for sent in reversed(self.inbox):
            data = sent.button_data(step.answer)
            if data is not None:
                return updates.callback(self.uid, data, sent)
        raise AssertionError(f"user {self.uid}: no button {step.answer!r} in sight")


def stored(settings: Settings, user_id: int, days: set[str]) -> dict[str, Any]:
    """What the database holds for a user, in the shape of `expected`; `days`: the dates
    "yesterday" may have meant while the test ran."""
    return asyncio.run(_stored(settings, user_id, days))


async def _stored(settings: Settings, user_id: int, days: set[str]) -> dict[str, Any]:
    users = await read_rows(
        settings, "SELECT tz, country, region FROM users WHERE id = ?", [user_id]
    )
    user = users[0] if users else None
    rows = await read_rows(settings, "SELECT * FROM interviews WHERE user_id = ?", [user_id])
    got: dict[str, Any] = dict(user) if user else {}
    got["interviews"] = len(rows)
    row: dict[str, Any] = rows[0] if rows else {}
    for column in ("company", "role", "next_stage", "asked_next_stage", "reply_text"):
        got[column] = row.get(column)
    for column in ("process_info", "rating", "went_well", "not_landed"):
        got[column] = row.get(column)
    if user and rows and row["held_at"] is not None:
        local = datetime.fromisoformat(row["held_at"]).astimezone(ZoneInfo(user["tz"]))
        day = local.date().isoformat()
        got["held"] = f"{'yesterday' if day in days else day} {local:%H:%M}"
    interview = [row["id"] if rows else None]
    sql = "SELECT name, email FROM interviewers WHERE interview_id = ? ORDER BY id"
    got["interviewers"] = await read_db(settings, sql, interview)
    sql = "SELECT step, state FROM interview_steps WHERE interview_id = ?"
    got["steps"] = dict(await read_db(settings, sql, interview))
    sql = "SELECT name, state FROM conversations WHERE user_id = ?"
    got["conversation"] = next(iter(await read_db(settings, sql, [user_id])), ())
    return got


def yesterdays(tz: str, since: datetime) -> set[str]:
    """The dates "yesterday" meant in a zone at some moment between `since` and now."""
    return {
        (t.astimezone(ZoneInfo(tz)) - timedelta(days=1)).date().isoformat()
        for t in (since, datetime.now(UTC))
    }


def wrong_answers(settings: Settings, people: list[Person], since: datetime) -> dict[int, Any]:
    """Per user, the (expected, stored) values of what they saw acknowledged that the database
    does not hold as given: lost, or stored under another question. More than one interview
    is wrong at any point."""
    wrong: dict[int, Any] = {}
    for person in people:
        want = expected(person.n)
        got = stored(settings, person.uid, yesterdays(want["tz"], since))
        extra = len(person.steps) - len(FILLS_BASE)  # the region question, for some
        acknowledged = [
            key for key, step in FILLS.items() if person.k > (step + extra if step > 2 else step)
        ]
        bad = {k: (want[k], got.get(k)) for k in acknowledged if got.get(k) != want[k]}
        if got["interviews"] > 1:
            bad["interviews"] = (1, got["interviews"])
        if bad:
            wrong[person.uid] = bad
    return wrong
