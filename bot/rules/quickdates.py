"""Day-month and ISO dates read by hand, the way dateparser would read them.

dateparser costs milliseconds of CPU a call, and most dates take one of a few simple shapes,
so `quick` reads those by hand first ("4 Dec", "the 4th of December", "Dec 4", "2026-12-04").
It is given the day part only (bot/rules/dayparts.py has taken the time of day, weekdays and
day words out). Each reader copies what dateparser returns for its shape, quirks included
("4 Dec" on 4 Dec is next year's when the future is preferred): tests/test_parsing.py checks
the two agree over many dates. Anything else goes to dateparser, as does 29 Feb (it picks a
leap year).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime

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


def _names(names: Iterable[str]) -> str:
    """Regex alternatives, longest first ("sept" before "sep")."""
    return "|".join(sorted(names, key=len, reverse=True))


_DAY_OF_MONTH = re.compile(
    rf"(?:on )?(?:(?:the )?(?P<day>[0-9][0-9]?)(?:st|nd|rd|th)?(?: of)? "
    rf"(?P<month>{_names(_MONTHS)})"
    rf"|(?P<month2>{_names(_MONTHS)}) (?P<day2>[0-9][0-9]?)(?:st|nd|rd|th)?)"
)
_ISO_DATE = re.compile(r"(?P<year>20[0-9][0-9])-(?P<month>[0-9][0-9]?)-(?P<day>[0-9][0-9]?)")
_SPACES = re.compile(r"[ \t\n]+")


def _iso_date(match: re.Match[str], base: datetime, prefer: str) -> datetime | None:
    """ "2026-11-23": that day at midnight (None when there is no such day)."""
    try:
        return datetime(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _day_of_month(match: re.Match[str], base: datetime, prefer: str) -> datetime | None:
    """ "4 Dec", "the 4th of December", "Dec 4": the year dateparser picks."""
    month = _MONTHS[match["month"] or match["month2"]]
    day = int(match["day"] or match["day2"])
    if not 1 <= day <= _MONTH_DAYS[month - 1]:
        return None
    when = datetime(base.year, month, day)
    # dateparser's choice of year: this year's unless the preferred side says otherwise.
    if base < when and prefer == "past":
        return when.replace(year=base.year - 1)
    if base >= when and prefer == "future":
        return when.replace(year=base.year + 1)
    return when


_Reader = Callable[[re.Match[str], datetime, str], datetime | None]
# In this order: the first shape that matches the whole text decides.
_SHAPES: tuple[tuple[re.Pattern[str], _Reader], ...] = (
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
