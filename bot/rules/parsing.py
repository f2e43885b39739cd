"""Reading what people type: time zones, countries, emails (dates and times are read by
bot/rules/dates.py and bot/rules/timelines.py).

Pure functions; each returns None when it can't make sense of the text, and the caller asks
again with a hint.
"""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import available_timezones

import holidays
from holidays.registry import COUNTRIES

from bot.rules import dates

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


def warm_up() -> None:
    """Pay the one-off loading (the zone and country tables, dateparser's language data and
    regexes: ~0.3 s) at start-up rather than in the first user's answer."""
    _zones()
    _countries()
    dates.warm_up()
