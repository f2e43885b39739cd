"""Reading what people type: times, timelines, emails (zones: bot.rules.zones; countries and
regions: bot.rules.places; quiet hours: bot.rules.quiet).

Pure functions; each returns None when it can't make sense of the text, and the caller asks
again with a hint. `dateparser` does the heavy lifting for natural-language dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import dateparser

from bot.rules import places, zones
from bot.rules.places import country_name as country_name  # re-exported from their old home
from bot.rules.places import parse_country as parse_country
from bot.rules.quickdates import quick as _quick
from bot.rules.zones import parse_timezone as parse_timezone

MAX_TEXT = 2000  # longest free-text answer we store; Telegram allows 4096

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]{2,}$")


def parse_email(text: str) -> str | None:
    candidate = text.strip()
    return candidate if _EMAIL.match(candidate) and len(candidate) <= 254 else None


def _dateparser_settings(base: datetime, prefer: str) -> dict[str, object]:
    return {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}


def _parse(text: str, tz: ZoneInfo, now: datetime, prefer: str) -> datetime | None:
    base = now.astimezone(tz).replace(tzinfo=None)
    parsed = _quick(text, base, prefer) or dateparser.parse(
        text, languages=["en"], settings=_dateparser_settings(base, prefer)
    )
    return parsed.replace(tzinfo=tz) if parsed else None


def warm_up() -> None:
    """Pay the one-off loading (the zone, city and country tables, dateparser's language data
    and regexes: ~0.8 s) at start-up rather than in the first user's answer."""
    zones.warm_up()
    places.warm_up()
    # A bare time: it goes through more of dateparser (relative, then absolute, then the
    # local-zone lookup) than a date does, leaving the least to load on a later first call.
    dateparser.parse(
        "10am", languages=["en"], settings=_dateparser_settings(datetime.now(), "past")
    )


_PAST_MARKERS = re.compile(r"\b(yesterday|ago|last|this morning|earlier)\b")
_FUTURE_MARKERS = re.compile(r"\b(tomorrow|next)\b|\bin\s")
# *choice*: a bare "Friday 10am" is how the bot tells people to give an upcoming interview, so
# the coming reading wins unless the past one is less than half as far away ("10am" at 2pm is
# this morning; "Friday" on a Saturday is yesterday; "Friday" on a Monday is this week's).
_FUTURE_BIAS = 2


def _nearest(text: str, tz: ZoneInfo, now: datetime) -> datetime | None:
    """The past or the future reading of `text`, whichever is nearer to now (future-biased)."""
    past = _parse(text, tz, now, "past")
    future = _parse(text, tz, now, "future")
    if past is None or future is None:
        return past or future
    if abs(past - now) * _FUTURE_BIAS < abs(future - now):
        return past
    return future


def parse_when(text: str, tz: ZoneInfo, now: datetime) -> datetime | None:
    """When an interview happened (or will): "just now", "this morning", "yesterday 2pm",
    "Friday 10am". Past words ("yesterday", "ago", "last"...) mean the past, future words
    ("tomorrow", "next", "in 2 days") the future; otherwise the nearer reading."""
    cleaned = text.strip().lower()
    if cleaned in {"now", "just now", "right now", "just finished", "a moment ago"}:
        return now
    if len(cleaned) > 100:
        return None
    if _PAST_MARKERS.search(cleaned):
        parsed = _parse(cleaned, tz, now, "past")
    elif _FUTURE_MARKERS.search(cleaned):
        parsed = _parse(cleaned, tz, now, "future")
    else:
        parsed = _nearest(cleaned, tz, now)
    if parsed is None:
        return None
    if abs(parsed - now) > timedelta(days=366):
        return None  # a year away is a typo, not an interview
    return parsed


_NOT_SAID = {
    "no",
    "none",
    "not said",
    "they didn't say",
    "didnt say",
    "didn't say",
    "not sure",
    "don't know",
    "dont know",
    "no idea",
    "n/a",
    "unknown",
    "-",
}


def parse_reply_by(text: str, tz: ZoneInfo, now: datetime) -> date | Literal[False] | None:
    """The date the employer said they'd reply by.

    Returns a date, False when the user says no timeline was given, or None if unreadable.
    """
    cleaned = " ".join(text.strip().lower().replace("’", "'").split())
    if cleaned in _NOT_SAID or len(cleaned) > 100:
        return False if cleaned in _NOT_SAID else None
    today = now.astimezone(tz).date()
    month_end = re.fullmatch(r"(by )?(the )?end of (the )?(this )?(next )?month", cleaned)
    if month_end:
        year, month = today.year, today.month
        if month_end.group(5):
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return date(year, month, calendar.monthrange(year, month)[1])
    week_end = re.fullmatch(r"(by )?(the )?end of (the )?(this )?(next )?week", cleaned)
    if week_end:
        friday = today + timedelta(days=(4 - today.weekday()) % 7)
        return friday + timedelta(days=7) if week_end.group(5) else friday
    cleaned = re.sub(r"^(within|in about|in around|about|around)\b", "in", cleaned)
    cleaned = re.sub(r"^(by|before|on|until)\s+", "", cleaned)
    cleaned = re.sub(r"^(in )?(a )?couple( of)?", "in 2", cleaned)
    parsed = _parse(cleaned, tz, now, "future")
    if parsed is None:
        return None
    day = parsed.date()
    if day < today or day > today + timedelta(days=366):
        return None
    return day
