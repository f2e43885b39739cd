"""The fields an interview's card can change, and how a typed answer for each is read: with
the same parsers as the debrief (dates, timelines, names, email), so that a change reads an
answer exactly as the first answer was read. Used by the card (conversations/edit_ask.py) and
by corrections (conversations/undo.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.rules.dates import day_label, stamp, when_choices
from bot.rules.numbers import whole_number
from bot.rules.parsing import MAX_TEXT, is_name, parse_email
from bot.rules.people import read_people, read_referee
from bot.rules.timelines import reply_by_choices
from bot.rules.timing import TYPICAL_LENGTH, local_text
from bot.storage.base import to_sql
from bot.texts import common as tc
from bot.texts import debrief as td
from bot.texts import edit as t
from bot.texts import people as tp
from bot.tg import keyboards as kb

NS = "edit"


@dataclass(frozen=True)
class Field:
    """One thing the card can change. `kind`: what it belongs to ("interview", "person",
    "note", "referee"); `columns`: the columns one answer sets (cleared together); `ask`: the
    question (may hold {name}); `clearable`: whether "Clear it" is offered."""

    kind: str
    label: str
    ask: str
    columns: tuple[str, ...]
    clearable: bool = True


FIELDS: dict[str, Field] = {
    "company": Field("interview", t.BTN_COMPANY, td.ASK_COMPANY, ("company",)),
    "role": Field("interview", t.BTN_ROLE, td.ASK_ROLE, ("role",)),
    "when": Field("interview", t.BTN_WHEN, td.ASK_WHEN, ("held_at",)),
    "place": Field("interview", t.BTN_PLACE, td.ASK_WHERE, ("place",)),
    "next": Field("interview", t.BTN_NEXT, td.ASK_NEXT_STAGE, ("next_stage", "asked_next_stage")),
    "reply": Field("interview", t.BTN_REPLY, td.ASK_REPLY_BY, ("reply_by", "reply_text")),
    "process": Field("interview", t.BTN_PROCESS, td.ASK_PROCESS, ("process_info",)),
    "rating": Field("interview", t.BTN_RATING, td.ASK_RATING, ("rating",)),
    "well": Field("interview", t.BTN_WENT_WELL, td.ASK_WENT_WELL, ("went_well",)),
    "landed": Field("interview", t.BTN_NOT_LANDED, td.ASK_NOT_LANDED, ("not_landed",)),
    "pname": Field("person", t.BTN_NAME, t.ASK_PERSON_NAME, ("name", "job_title"), False),
    "ptitle": Field("person", t.BTN_TITLE, t.ASK_PERSON_TITLE, ("job_title",)),
    "pemail": Field("person", t.BTN_EMAIL, t.ASK_PERSON_EMAIL, ("email",)),
    "pgreet": Field("person", t.BTN_GREET, t.ASK_PERSON_GREET, ("address",)),
    "padd": Field("interview", t.BTN_ADD_PERSON, td.ASK_INTERVIEWER, (), False),
    "note": Field("note", t.LABEL_NOTE, t.ASK_NOTE, ("body",), False),
    "rname": Field("referee", t.BTN_NAME, t.ASK_REFEREE_NAME, ("name", "relationship"), False),
    "rcontact": Field("referee", t.LABEL_CONTACT, t.ASK_REFEREE_CONTACT, ("contact",)),
}
FIELD_NAMES = "|".join(FIELDS)


@dataclass(frozen=True)
class Where:
    """What reading an answer depends on: the user's zone and holidays, the bot's clock
    (UTC), and when the interview ended (UTC; None if not known)."""

    tz: ZoneInfo
    now: datetime
    holidays: str | None
    held_at: datetime | None


@dataclass(frozen=True)
class Reading:
    """An answer as read: `values` (column → value) to write, or a `problem` to say before
    asking again, or `choices` (buttons, one per reading) to pick from."""

    values: dict[str, Any] | None = None
    problem: str | None = None
    choices: list[kb.Button] = field(default_factory=list)


def _short(limit: int, column: str, *, name: bool = False) -> Callable[[str, Where], Reading]:
    """A text up to `limit` characters for `column`; a `name` needs a letter or a digit."""

    def read(text: str, where: Where) -> Reading:
        if len(text) > limit:
            return Reading(problem=tc.TOO_LONG.format(limit=limit))
        if name and not is_name(text):
            return Reading(problem=tc.NO_LETTERS)
        return Reading({column: text})

    return read


def held_at_of(moment: datetime, now: datetime) -> datetime:
    """The interview's end (what is stored) from the moment typed: a time still to come is
    its start, so a typical length is added (as in the debrief)."""
    return moment + TYPICAL_LENGTH if moment > now else moment


def _when(text: str, where: Where) -> Reading:
    found = when_choices(text, where.tz, where.now, where.holidays)
    if len(found) == 1:
        return Reading({"held_at": held_at_of(found[0], where.now)})
    shown = tc.esc(text[:60])
    if not found:
        return Reading(problem=td.BAD_WHEN.format(text=shown))
    buttons = [(day_label(m, where.tz), kb.data(NS, "at", stamp(m, where.tz))) for m in found]
    return Reading(problem=td.WHICH_WHEN.format(text=shown), choices=buttons)


def _reply(text: str, where: Where) -> Reading:
    if len(text) > 200:
        return Reading(problem=tc.TOO_LONG.format(limit=200))
    held = where.held_at
    anchor = held if held is not None and held <= where.now else where.now
    found = reply_by_choices(text, where.tz, anchor, where.holidays)
    if found is False:
        return Reading({"reply_by": None, "reply_text": "not said"})
    if len(found) == 1:
        return Reading({"reply_by": found[0], "reply_text": text})
    shown = tc.esc(text[:60])
    if not found:
        return Reading(problem=td.BAD_REPLY_BY.format(text=shown))
    buttons = [(day_label(d), kb.data(NS, "rb", d.isoformat())) for d in found]
    return Reading(problem=td.WHICH_REPLY_BY.format(text=shown), choices=buttons)


def _next(text: str, where: Where) -> Reading:
    if len(text) > MAX_TEXT:
        return Reading(problem=tc.TOO_LONG.format(limit=MAX_TEXT))
    return Reading({"next_stage": text, "asked_next_stage": True})


def _rating(text: str, where: Where) -> Reading:
    rating = whole_number(text, 1, 5)
    return Reading(problem=t.BAD_RATING) if rating is None else Reading({"rating": rating})


def _person(text: str, where: Where) -> Reading:
    people = read_people(text[:200])
    if not people:
        return Reading(problem=tp.NOT_A_NAME.format(text=tc.esc(text[:60])))
    if len(people) > 1:
        return Reading(problem=t.ONE_NAME)
    values: dict[str, Any] = {"name": people[0].name}
    if people[0].job_title:
        values["job_title"] = people[0].job_title
    return Reading(values)


def _email(text: str, where: Where) -> Reading:
    email = parse_email(text)
    return Reading(problem=td.BAD_EMAIL) if email is None else Reading({"email": email})


def _greet(text: str, where: Where) -> Reading:
    return Reading(problem=t.BAD_GREET) if len(text) > 60 else Reading({"address": text})


def _people(text: str, where: Where) -> Reading:
    """New interviewers: a name or a panel, as in the debrief (`read_people`)."""
    if not read_people(text[:200]):
        return Reading(problem=tp.NOT_A_NAME.format(text=tc.esc(text[:60])))
    return Reading({"people": text[:200]})


def _referee(text: str, where: Where) -> Reading:
    found = read_referee(text[:200])
    if found is None:
        return Reading(problem=tp.NOT_A_NAME.format(text=tc.esc(text[:60])))
    name, relationship = found
    values: dict[str, Any] = {"name": name}
    if relationship:
        values["relationship"] = relationship
    return Reading(values)


READERS: dict[str, Callable[[str, Where], Reading]] = {
    "company": _short(200, "company", name=True),
    "role": _short(200, "role", name=True),
    "when": _when,
    "place": _short(200, "place"),
    "next": _next,
    "reply": _reply,
    "process": _short(MAX_TEXT, "process_info"),
    "rating": _rating,
    "well": _short(MAX_TEXT, "went_well"),
    "landed": _short(MAX_TEXT, "not_landed"),
    "pname": _person,
    "ptitle": _short(100, "job_title"),
    "pemail": _email,
    "pgreet": _greet,
    "padd": _people,
    "note": _short(MAX_TEXT, "body"),
    "rname": _referee,
    "rcontact": _short(200, "contact"),
}


def read(key: str, text: str, where: Where) -> Reading:
    """The typed answer `text` for field `key` (a key of FIELDS), read as the debrief would."""
    return READERS[key](text.strip(), where)


def snapshot(key: str, row: Any) -> dict[str, Any]:
    """The field's columns as stored now (JSON-safe: dates as ISO text), to show or restore."""
    return {c: to_sql(getattr(row, c, None)) for c in FIELDS[key].columns}


def shown(key: str, values: Mapping[str, Any], tz: ZoneInfo, now: datetime) -> str:
    """How the field's value reads to the user (HTML-escaped); "–" when empty."""
    first = next(iter(values.values()), None) if values else None
    if key == "when" and first is not None:
        moment = datetime.fromisoformat(first) if isinstance(first, str) else first
        start = moment - TYPICAL_LENGTH if moment > now else moment
        local = start.astimezone(tz)
        if (local.hour, local.minute) == (0, 0):  # a day with no time said
            return tc.esc(day_label(local, tz))
        return tc.esc(local_text(start, tz, now))
    if key == "next" and first is None and values.get("asked_next_stage") in (False, 0):
        return t.DIDNT_ASK
    if key == "reply" and first is not None:
        day = date.fromisoformat(first) if isinstance(first, str) else first
        return tc.esc(day_label(day))
    if key == "reply" and values.get("reply_text") == "not said":
        return t.NOT_SAID
    if first is None or first == "":
        return t.NOT_GIVEN
    if key == "rating":  # "4" alone reads as a count; the scale says what it means
        return t.RATING_SHOWN.format(rating=first)
    return tc.esc(str(first))
