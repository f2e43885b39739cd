"""The day part of a date phrase, once its time of day is out (bot/rules/clock.py): "friday",
"next tues", "yesterday", "in 2 days", "4 dec", "01/12".

Every reader returns naive local datetimes, the clock time applied when one was given; more
than one means the phrase is truly ambiguous ("next tuesday" said on a Sunday, "1/12" from a
Canadian) and the user is asked. Day-month dates, ISO dates and numeric dates go to dateparser
(or its hand-written twin, bot/rules/quickdates.py) with the user's DATE_ORDER: it reads them
right once told the order. Weekdays and day words are read here: dateparser puts "friday" said
on a Friday a week away, and can't read "next sat".
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import dateparser

from bot.rules import quickdates

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    rf"(?:(?P<which>this coming|this|next|last|coming|past) )?(?P<day>{'|'.join(_DAYS)})"
)
_DAY_WORD = re.compile(
    r"(?P<word>today|tomorrow|yesterday|the day after tomorrow|the day before yesterday)"
)
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_COUNTS = {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a few": 3} | {
    n: i for i, n in enumerate(_NUMBERS, 1)
}
_COUNT = rf"(?P<count>[0-9]{{1,3}}|{'|'.join(sorted(_COUNTS, key=len, reverse=True))})"
_RELATIVE = re.compile(
    rf"(?P<in>in |within )?{_COUNT} (?P<unit>day|week|fortnight)s?(?P<ago> ago| back)?"
    r"|(?P<which>next|last) week"
)
_NUMERIC = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}(?:[/.-](?:[0-9]{2}|[0-9]{4}))?")
_FILLERS = re.compile(r"\b(?:on|at|around|about|roughly|approximately|approx|ish|earlier)\b")
_OFFSETS = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "the day after tomorrow": 2,
    "the day before yesterday": -2,
}


def _at(day: datetime, clock: time | None) -> datetime:
    """`day` at `clock`, or at midnight when no time was said."""
    wall = clock or time(0, 0)
    return day.replace(hour=wall.hour, minute=wall.minute, second=0, microsecond=0)


def _next_ambiguous(target: int, today: int) -> bool:
    """Whether "next <weekday>" could mean either of the coming two. *choice*: it is when that
    weekday is still to come this week (Mon–Sun: "next Thursday" said on a Monday), or is two
    days off across a weekend ("next Tuesday" said on a Sunday). Not tomorrow's weekday (that
    would be "tomorrow": "next Tuesday" said on a Monday is in 8 days), and "next Monday" said
    on a Friday is the one three days away."""
    ahead = (target - today) % 7
    return ahead > 1 and (target > today or ahead == 2)


def _weekday(
    match: re.Match[str], base: datetime, prefer: str, clock: time | None
) -> list[datetime]:
    """ "friday", "next tuesday", "last mon": today counts when its time is on the right side
    of now ("friday 10am" said on Friday afternoon, when it's past, is this morning)."""
    target, which = _DAYS.index(match["day"]), match["which"]
    today = base.weekday()
    this = _at(base, clock) + timedelta(days=(target - today) % 7)  # today or coming
    if which == "next" and _next_ambiguous(target, today):
        return [this, this + timedelta(days=7)]
    if which == "next":
        soon = this.date() - base.date() > timedelta(days=1)
        return [this if soon and target <= today else this + timedelta(days=7)]
    if which in {"this", "coming", "this coming"}:
        return [this]
    last = this if this.date() == base.date() else this - timedelta(days=7)
    if which in {"last", "past"}:
        return [last if last.date() < base.date() else last - timedelta(days=7)]
    if prefer == "past":
        return [last if last <= base else last - timedelta(days=7)]
    return [this if this > base else this + timedelta(days=7)]


def _day_word(match: re.Match[str], base: datetime, clock: time | None) -> list[datetime]:
    """ "today", "tomorrow", "yesterday": now's time of day unless one was said."""
    day = base + timedelta(days=_OFFSETS[match["word"]])
    return [_at(day, clock) if clock else day]


def _relative(match: re.Match[str], base: datetime, clock: time | None) -> list[datetime]:
    """ "in 3 days", "2 weeks ago", "a fortnight", "next week": counted from now."""
    if match["which"]:
        days = 7 if match["which"] == "next" else -7
    else:
        count = _COUNTS.get(match["count"]) or int(match["count"])
        days = count * {"day": 1, "week": 7, "fortnight": 14}[match["unit"]]
        days = -days if match["ago"] else days
    day = base + timedelta(days=days)
    return [_at(day, clock) if clock else day]


def _today_or(base: datetime, prefer: str, clock: time) -> list[datetime]:
    """A time with no day ("10am", "9"): today's, or the nearest on the preferred side."""
    when = _at(base, clock)
    if prefer == "past" and when > base:
        return [when - timedelta(days=1)]
    if prefer == "future" and when <= base:
        return [when + timedelta(days=1)]
    return [when]


def _dateparser(text: str, base: datetime, prefer: str, order: str) -> datetime | None:
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": order,
    }
    return dateparser.parse(text, languages=["en"], settings=settings)


def _dates(
    text: str, base: datetime, prefer: str, clock: time | None, orders: tuple[str, ...]
) -> list[datetime]:
    """A date in any other shape, in each of the user's date orders (one, or two when the
    country writes both: a numeric date then reads both ways)."""
    quick = quickdates.quick(text, base, prefer)
    if quick is not None:
        found = [quick]
    else:
        read = (_dateparser(text, base, prefer, order) for order in orders)
        found = list(dict.fromkeys(r for r in read if r is not None))
    if len(found) > 1 and not _NUMERIC.fullmatch(text):
        found = found[:1]  # only a numeric date reads differently in another order
    return [_at(day, clock) if clock else day for day in found]


def is_bare(text: str) -> bool:
    """Whether day phrase `text` says no day at all ("", "at", "around"): a time alone."""
    return not _FILLERS.sub(" ", text).strip()


def read_day(
    text: str, base: datetime, prefer: str, clock: time | None, orders: tuple[str, ...]
) -> list[datetime]:
    """The readings of day phrase `text` (tidied, its time of day `clock` taken out) relative
    to the naive local `base`, `prefer` being "past" or "future", in the date `orders`
    ("DMY", "MDY"). Empty when unreadable; several when truly ambiguous."""
    text = " ".join(_FILLERS.sub(" ", text).split())
    if not text:
        return _today_or(base, prefer, clock) if clock else []
    if match := _WEEKDAY.fullmatch(text):
        return _weekday(match, base, prefer, clock)
    if match := _DAY_WORD.fullmatch(text):
        return _day_word(match, base, clock)
    if match := _RELATIVE.fullmatch(text):
        return _relative(match, base, clock)
    return _dates(text, base, prefer, clock, orders)
