"""Reading what people type: time zones, countries, times, timelines, emails.

Pure functions; each returns None when it can't make sense of the text, and the caller asks
again with a hint. `dateparser` does the heavy lifting for natural-language dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, available_timezones

import dateparser
import holidays
from holidays.registry import COUNTRIES

from bot.rules import dictionaries
from bot.rules.quickdates import quick as _quick

MAX_TEXT = 2000  # longest free-text answer we store; Telegram allows 4096

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]{2,}$")
_COUNTRY_ALIASES = {
    "UK": "GB",
    "ENGLAND": "GB",
    "SCOTLAND": "GB",
    "WALES": "GB",
    "BRITAIN": "GB",
    "GREAT BRITAIN": "GB",
    "USA": "US",
    "AMERICA": "US",
    "UNITED STATES OF AMERICA": "US",
}


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Lower-cased lookups: full IANA names and their city part ("london" -> Europe/London)."""
    table: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            continue
        table.setdefault(name.lower(), name)
        city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
        table.setdefault(city, name)
    table["utc"] = table["gmt"] = "UTC"
    return table


def parse_timezone(text: str) -> str | None:
    key = " ".join(text.strip().split()).lower()
    return _zones().get(key) or _zones().get(key.replace(" ", "_"))


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """code or lower-cased name -> (code, display name)."""
    supported = set(holidays.list_supported_countries())
    table: dict[str, tuple[str, str]] = {}
    for slug, (class_name, code, *_rest) in COUNTRIES.items():
        if code not in supported:
            continue
        display = re.sub(r"(?<!^)(?=[A-Z])", " ", class_name)
        table[code.lower()] = (code, display)
        table[slug.replace("_", " ")] = (code, display)
    for alias, code in _COUNTRY_ALIASES.items():
        if code.lower() in table:
            table[alias.lower()] = table[code.lower()]
    return table


def parse_country(text: str) -> tuple[str, str] | None:
    """(ISO code, display name) for a code or a country name, if holidays supports it."""
    return _countries().get(" ".join(text.strip().split()).lower())


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    found = _countries().get(code.lower())
    return found[1] if found else code


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
    """Pay the one-off loading (the zone and country tables, dateparser's language data and
    regexes: ~0.3 s) at start-up rather than in the first user's answer; the review's spelling
    dictionaries (~3 s) load in the background once start-up is over."""
    dictionaries.warm_up_later()
    _zones()
    _countries()
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
