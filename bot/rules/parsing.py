"""Reading what people type: emails here; dates and times in bot.rules.dates and
bot.rules.timelines, zones in bot.rules.zones, countries and regions in bot.rules.places,
quiet hours in bot.rules.quiet.

Pure functions; each returns None when it can't make sense of the text, and the caller asks
again with a hint.
"""

from __future__ import annotations

import re

from bot.rules import dates, places
from bot.rules.places import country_name as country_name  # re-exported from their old home
from bot.rules.places import parse_country as parse_country
from bot.rules.zones import parse_timezone as parse_timezone

MAX_TEXT = 2000  # longest free-text answer we store; Telegram allows 4096

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]{2,}$")


def is_name(text: str) -> bool:
    """True when `text` could name a company or a role: it holds a letter or a digit in any
    script ("🚀🚀" or "..." holds none)."""
    return re.search(r"[^\W_]", text) is not None


def parse_email(text: str) -> str | None:
    candidate = text.strip()
    return candidate if _EMAIL.match(candidate) and len(candidate) <= 254 else None


def warm_up() -> None:
    """Pay the one-off loading of what most answers need (the country tables, dateparser's
    language data and regexes: ~0.2 s) at start-up rather than in the first user's answer.
    Two larger tables load on first use instead, to keep start-up within a second: the zones'
    abbreviations and cities (~0.5 s, bot/rules/zones.py: only a typed zone needs them) and the
    review's spelling dictionaries (~1 s each, bot/rules/dictionaries.py)."""
    places.warm_up()
    dates.warm_up()
