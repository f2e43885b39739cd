"""The common shapes of a date read by hand, the way dateparser would read them.

dateparser costs milliseconds of CPU a call, and most answers take one of a few simple shapes,
so `quick` reads those by hand first. Each reader copies what dateparser returns for its shape,
quirks included (a bare "Friday" on a Friday is next week's; "4 Dec" on 4 Dec after midnight is
next year's when the future is preferred): tests/test_parsing.py checks the two agree over many
dates. Anything else goes to dateparser, as do shapes it reads oddly ("thurs" and "next sat" are
unreadable to it, "friday 10" is a date in October) and 29 Feb (it picks a leap year).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {n: i for i, n in enumerate(_DAY_NAMES)} | {n[:3]: i for i, n in enumerate(_DAY_NAMES)}
_WEEKDAYS["tues"] = 1
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {n: i for i, n in enumerate(_MONTH_NAMES, 1)} | {
    n[:3]: i for i, n in enumerate(_MONTH_NAMES, 1)
}
_MONTHS["sept"] = 9
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29 Feb is left to dateparser
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_COUNTS = {"a": 1, "an": 1} | {n: i for i, n in enumerate(_NUMBERS, 1)}


def _names(names: Iterable[str]) -> str:
    """Regex alternatives, longest first ("tues" before "tue")."""
    return "|".join(sorted(names, key=len, reverse=True))


# An optional time of day; the ranges leave impossible ones ("13pm", "24:00") to dateparser.
_CLOCK = (
    r"(?: (?:at )?(?:(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))? ?(?P<half>am|pm)"
    r"|(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)))?"
)
_ON_WEEKDAY = re.compile(
    rf"(?:on )?(?:(?P<which>next|this|last) )?(?P<weekday>{_names(_WEEKDAYS)}){_CLOCK}"
)
_DAY_OF_MONTH = re.compile(
    rf"(?:on )?(?:(?:the )?(?P<day>\d\d?)(?:st|nd|rd|th)?(?: of)? (?P<month>{_names(_MONTHS)})"
    rf"|(?P<month2>{_names(_MONTHS)}) (?P<day2>\d\d?)(?:st|nd|rd|th)?){_CLOCK}"
)
_DAY_WORD = re.compile(rf"(?P<word>today|tomorrow|yesterday){_CLOCK}")
_IN_DAYS = re.compile(rf"in (?P<count>\d{{1,3}}|{_names(_COUNTS)}) (?P<unit>day|week)s?|next week")
_ISO_DATE = re.compile(r"(?P<year>20\d\d)-(?P<month>\d\d?)-(?P<day>\d\d?)")
_SPACES = re.compile(r"[ \t\n]+")


def _at(day: datetime, match: re.Match[str]) -> datetime:
    """`day` at the time of day in `match`, if it has one (dateparser zeroes the seconds)."""
    if match["half"]:
        hour = int(match["h12"]) % 12 + (12 if match["half"] == "pm" else 0)
        minute = int(match["m12"] or 0)
    elif match["h24"]:
        hour, minute = int(match["h24"]), int(match["m24"])
    else:
        return day
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _weekday(match: re.Match[str], base: datetime, prefer: str) -> datetime | None:
    """ "Friday", "next tue 10am", "on this Monday": the weekday dateparser picks."""
    if match["which"] and match["weekday"] in {"wed", "sat", "sun"}:
        return None  # dateparser can't read "next sat" (nor "this wed", "last sun")
    target, which = _WEEKDAYS[match["weekday"]], match["which"]
    ahead, behind = (target - base.weekday()) % 7, (base.weekday() - target) % 7
    if which == "next" or (which is None and prefer == "future"):
        steps = ahead or 7
    elif which == "this":
        steps = ahead
    else:  # "last", or a bare weekday when the past is preferred
        steps = -(behind or 7)
    midnight = base.replace(hour=0, minute=0, second=0, microsecond=0)
    return _at(midnight, match) + timedelta(days=steps)


def _day_word(match: re.Match[str], base: datetime, prefer: str) -> datetime | None:
    """ "today", "tomorrow 3pm", "yesterday": now's time of day unless one is given."""
    if "." in match.string:  # dateparser ignores "today 10.30"'s time
        return None
    shift = {"today": 0, "tomorrow": 1, "yesterday": -1}[match["word"]]
    return _at(base + timedelta(days=shift), match)


def _in_days(match: re.Match[str], base: datetime, prefer: str) -> datetime | None:
    """ "in 3 days", "in two weeks", "next week": counted from now, time of day kept."""
    if match["count"] is None:  # "next week"
        return base + timedelta(weeks=1)
    count = _COUNTS.get(match["count"]) or int(match["count"])
    return base + timedelta(days=count * (7 if match["unit"] == "week" else 1))


def _iso_date(match: re.Match[str], base: datetime, prefer: str) -> datetime | None:
    """ "2026-11-23": that day at midnight (None when there is no such day)."""
    try:
        return datetime(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _day_of_month(match: re.Match[str], base: datetime, prefer: str) -> datetime | None:
    """ "4 Dec", "the 4th of December 10am", "Dec 4": the year dateparser picks."""
    month = _MONTHS[match["month"] or match["month2"]]
    day = int(match["day"] or match["day2"])
    if not 1 <= day <= _MONTH_DAYS[month - 1]:
        return None
    when = _at(datetime(base.year, month, day), match)
    # dateparser's choice of year: this year's unless the preferred side says otherwise.
    if base < when and prefer == "past":
        return when.replace(year=base.year - 1)
    if base >= when and prefer == "future":
        return when.replace(year=base.year + 1)
    return when


_Reader = Callable[[re.Match[str], datetime, str], datetime | None]
# In this order: the first shape that matches the whole text decides.
_SHAPES: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_ON_WEEKDAY, _weekday),
    (_DAY_WORD, _day_word),
    (_IN_DAYS, _in_days),
    (_ISO_DATE, _iso_date),
    (_DAY_OF_MONTH, _day_of_month),
)


def quick(text: str, base: datetime, prefer: str) -> datetime | None:
    """What dateparser would make of `text` (naive, relative to the naive local `base`) for the
    common shapes, `prefer` being "past" or "future"; None means "not one of them" (or a shape
    dateparser reads its own way), never "unreadable"."""
    if not text.isascii():  # Unicode digits (which \d accepts) and spaces stay with dateparser
        return None
    text = _SPACES.sub(" ", text)
    for pattern, read in _SHAPES:
        if match := pattern.fullmatch(text):
            return read(match, base, prefer)
    return None
