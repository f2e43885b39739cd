"""Office hours of the organisation's advisers (ADVISER_HOURS, read in ADVISER_TIMEZONE): are
they in now, and if not, when do they next start.

"Mon-Fri 09:00-17:00"; several spans joined by ";"; an empty setting means any time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.settings import DAY_NAMES, HOURS_SPAN


@dataclass(frozen=True)
class Span:
    """One span: weekdays (0 = Monday) and the minutes of the day it starts and ends."""

    days: frozenset[int]
    start: int
    end: int


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _days(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in re.split(r"\s*,\s*", text.strip().lower()):
        first, _, last = (p.strip() for p in part.partition("-"))
        a = DAY_NAMES.index(first)
        b = DAY_NAMES.index(last) if last else a
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(days)


def parse(setting: str) -> list[Span]:
    """The spans of an ADVISER_HOURS value (checked by Settings); [] for "any time"."""
    spans = []
    for text in setting.split(";"):
        match = HOURS_SPAN.match(text)
        if match is not None:
            spans.append(
                Span(_days(match["days"]), _minutes(match["start"]), _minutes(match["end"]))
            )
    return spans


def next_opening(setting: str, zone: str, now: datetime) -> datetime | None:
    """None when the advisers are in at `now` (aware) or no hours are set; else the next
    moment they start, in the office's zone."""
    spans = parse(setting)
    if not spans:
        return None
    local = now.astimezone(ZoneInfo(zone))
    minute = local.hour * 60 + local.minute
    if any(local.weekday() in s.days and s.start <= minute < s.end for s in spans):
        return None
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        starts = sorted(
            s.start for s in spans if day.weekday() in s.days and (ahead or s.start > minute)
        )
        if starts:
            at = time(starts[0] // 60, starts[0] % 60)
            return datetime.combine(day, at, tzinfo=ZoneInfo(zone))
    return None
