"""Quiet hours as people type them: "22:00-07:30", "10-7", "from 10pm till 7", "off".

A clock without am/pm and without a 24-hour sign ("10", "7:30": one of 1-12, no leading zero)
can be morning or evening. Quiet hours are a night, so of the readings the one that is a night
wins: it starts in the evening or around midnight and ends in the morning, 3 to 14 hours later
("10-7" -> 22:00-07:00). When no reading, or more than one, is a night ("7-10"), the caller asks
with the readings as buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from itertools import product

NO_QUIET = (time(0, 0), time(0, 0))
_OFF = frozenset({"off", "none", "no", "never", "no quiet hours", "nothing"})
_WORD_CLOCKS = {"midnight": "0:00", "noon": "12:00 pm", "midday": "12:00 pm"}
_CLOCK = r"([0-9]{1,2})(?:[:.h]([0-9]{2}))?\s*(am|pm)?|([0-9]{4})"
_RANGE = re.compile(
    rf"^(?:from\s+|between\s+)?(?:{_CLOCK})\s*(?:-|–|—|to|until|till|til|and)\s*(?:{_CLOCK})$"
)
_MAX_NIGHT = 14 * 60  # minutes
_MIN_NIGHT = 3 * 60


@dataclass(frozen=True)
class QuietRead:
    """What a typed quiet-hours answer says: `hours` (start, end; equal when off), or, when
    unclear, the `choices` to ask between (each a (start, end))."""

    hours: tuple[time, time] | None = None
    choices: tuple[tuple[time, time], ...] = ()


def _readings(
    hours: str | None, minutes: str | None, half: str | None, hhmm: str | None
) -> list[time]:
    """Every time of day a typed clock can be: one, or two for a bare "7" (07:00 or 19:00)."""
    if hhmm is not None:
        hours, minutes = hhmm[:2], hhmm[2:]
    h, m = int(hours or 0), int(minutes or 0)
    if m > 59:
        return []
    if half:
        return [time(h % 12 + (12 if half == "pm" else 0), m)] if 1 <= h <= 12 else []
    if h == 24 and m == 0:
        return [time(0, 0)]
    if h > 23:
        return []
    bare = hhmm is None and 1 <= h <= 12 and not (hours or "").startswith("0")
    if not bare:
        return [time(h, m)]
    return [time(h % 12, m), time(h % 12 + 12, m)]


def _length(start: time, end: time) -> int:
    """Minutes from start to end, across midnight when end is earlier."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes % (24 * 60)


def _is_night(start: time, end: time) -> bool:
    evening = start.hour >= 18 or start.hour <= 2
    morning = 4 <= end.hour <= 11 or end == time(12, 0)
    return evening and morning and _MIN_NIGHT <= _length(start, end) <= _MAX_NIGHT


def _clean(text: str) -> str:
    cleaned = " ".join(text.strip().lower().replace("a.m.", "am").replace("p.m.", "pm").split())
    for word, clock in _WORD_CLOCKS.items():
        cleaned = re.sub(rf"\b{word}\b", clock, cleaned)
    return cleaned


def read_quiet_hours(text: str) -> QuietRead | None:
    """Typed quiet hours, or None if unreadable. Times are local wall-clock times."""
    cleaned = _clean(text)
    if cleaned in _OFF:
        return QuietRead(hours=NO_QUIET)
    match = _RANGE.match(cleaned)
    if match is None:
        return None
    starts = _readings(*match.group(1, 2, 3, 4))
    ends = _readings(*match.group(5, 6, 7, 8))
    readings = [(s, e) for s, e in product(starts, ends) if s != e]
    if not readings:
        return None
    if len(readings) == 1:
        return QuietRead(hours=readings[0])
    nights = [pair for pair in readings if _is_night(*pair)]
    if len(nights) == 1:
        return QuietRead(hours=nights[0])
    return QuietRead(choices=tuple(sorted(nights or readings, key=lambda pair: -pair[0].hour)))


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """ "22:00-07:30", "22-7", "10-7", "10pm to 7am", or "off" (as 00:00-00:00); None if
    unreadable or unclear (see `read_quiet_hours` for the choices to ask)."""
    found = read_quiet_hours(text)
    return found.hours if found else None


def hhmm(value: time) -> str:
    """A time as stored and shown: "22:00"."""
    return value.strftime("%H:%M")


def as_data(hours: tuple[time, time]) -> str:
    """Quiet hours as button data that reads back exactly: "2200-0700"."""
    return f"{hours[0]:%H%M}-{hours[1]:%H%M}"
