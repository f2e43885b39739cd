"""When an interview was (or will be), read from what the user typed, in their zone and their
country's way of writing dates.

`when_choices` gives every reading of a phrase: none when it can't be read, one usually, two
when it is truly ambiguous ("next Tuesday" said on a Sunday; "1/12" from a Canadian), and the
bot then asks with buttons. `parse_when` is the single best reading.

dateparser is told the user's DATE_ORDER ("DMY" in the UK, "MDY" in the US, both in Canada,
where both are written), PREFER_DATES_FROM and RELATIVE_BASE (now, in the user's zone); times
of day, weekdays and day words it reads wrongly are read by hand (bot/rules/clock.py,
bot/rules/dayparts.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import dateparser

from bot.rules.clock import split_clock, tidy
from bot.rules.dayparts import is_bare, read_day

# *choice*: countries that write the month first; Canada writes both (and so do users who
# haven't said their country): there a numeric date that reads two ways is asked about.
_MONTH_FIRST = frozenset({"US", "PH", "PR", "GU", "AS", "VI", "MP", "UM", "FM", "MH", "PW"})
_BOTH_ORDERS = frozenset({"CA", ""})
_NOW_WORDS = {"now", "just now", "right now", "just finished", "a moment ago", "just"}
_PAST_MARKERS = re.compile(r"\b(yesterday|ago|last|this morning|earlier|back)\b")
_FUTURE_MARKERS = re.compile(r"\b(tomorrow|next|coming)\b|\bin\s")
# *choice*: a bare "Friday 10am" is how the bot tells people to give an upcoming interview, so
# the coming reading wins unless the past one is less than half as far away ("10am" at 2pm is
# this morning; "Friday" on a Saturday is yesterday; "Friday" on a Monday is this week's).
_FUTURE_BIAS = 2
MAX_AWAY = timedelta(days=366)  # further than a year is a typo, not an interview
_STAMP = "%Y%m%d%H%M"


def date_orders(country: str | None) -> tuple[str, ...]:
    """The dateparser DATE_ORDERs a numeric date from `country` (ISO code, or code-region like
    "GB-SCT") may be in: ("DMY",), ("MDY",), or both when people there write either."""
    code = (country or "")[:2].upper()
    if code in _BOTH_ORDERS:
        return ("DMY", "MDY")
    return ("MDY",) if code in _MONTH_FIRST else ("DMY",)


def _readings(text: str, base: datetime, orders: tuple[str, ...]) -> list[datetime]:
    """Naive local readings of tidied `text`: past or future by its words, else the nearer."""
    rest, clock, impossible = split_clock(text)
    if impossible:
        return []
    if clock is not None and is_bare(rest):
        # *choice*: a time alone ("9", "10am", "half ten") is today's, past or to come.
        return read_day(rest, base, "today", clock, orders)
    if _PAST_MARKERS.search(text):
        return read_day(rest, base, "past", clock, orders)
    if _FUTURE_MARKERS.search(text):
        return read_day(rest, base, "future", clock, orders)
    past = read_day(rest, base, "past", clock, orders)
    future = read_day(rest, base, "future", clock, orders)
    if len(past) != len(future):
        return past or future
    return [_nearer(p, f, base) for p, f in zip(past, future, strict=True)]


def _nearer(past: datetime, future: datetime, base: datetime) -> datetime:
    if abs(past - base) * _FUTURE_BIAS < abs(future - base):
        return past
    return future


def when_choices(
    text: str, tz: ZoneInfo, now: datetime, country: str | None = None
) -> list[datetime]:
    """Every reading of when an interview happened (or will), in zone `tz` (aware datetimes):
    "just now", "this morning", "yesterday at 5", "friday 10", "half ten", "01/12 2pm".

    Past words ("yesterday", "ago", "last"...) mean the past, future words ("tomorrow", "next",
    "in 2 days") the future; otherwise the nearer reading, the coming one favoured. `country`
    (ISO code) decides the order of a numeric date. Empty when unreadable or over a year away;
    two when truly ambiguous, nearest first.
    """
    cleaned = tidy(text)
    if cleaned in _NOW_WORDS:
        return [now]
    if not cleaned or len(cleaned) > 100:
        return []
    base = now.astimezone(tz).replace(tzinfo=None)
    found = [r.replace(tzinfo=tz) for r in _readings(cleaned, base, date_orders(country))]
    if _PAST_MARKERS.search(cleaned):
        # "This morning at 10" said at 00:40 is the morning just gone, not the one to come.
        found = [r - timedelta(days=1) if r > now else r for r in found]
    near = sorted({r for r in found if abs(r - now) <= MAX_AWAY}, key=lambda r: abs(r - now))
    return near


def parse_when(
    text: str, tz: ZoneInfo, now: datetime, country: str | None = None
) -> datetime | None:
    """The nearest reading of `when_choices` (see there), or None if there is none."""
    found = when_choices(text, tz, now, country)
    return found[0] if found else None


def warm_up() -> None:
    """Load dateparser's language data and regexes (~0.3 s) now rather than in an answer."""
    # A bare time goes through more of dateparser (relative, then absolute, then the
    # local-zone lookup) than a date does, leaving the least to load on a later first call.
    dateparser.parse("10am", languages=["en"], settings={"PREFER_DATES_FROM": "past"})


def day_label(moment: datetime | date, tz: ZoneInfo | None = None) -> str:
    """A candidate on a button: "Tue 1 Dec" for a date or a time at midnight (none was said),
    "Tue 1 Dec 10:00" for a time (shown in zone `tz`)."""
    if isinstance(moment, datetime):
        local = moment.astimezone(tz) if tz else moment
        label = f"{local:%a} {local.day} {local:%b}"
        return label if (local.hour, local.minute) == (0, 0) else f"{label} {local:%H:%M}"
    return f"{moment:%a} {moment.day} {moment:%b}"


def stamp(moment: datetime, tz: ZoneInfo) -> str:
    """`moment` as local wall-clock digits for button data: "202611271000"."""
    return moment.astimezone(tz).strftime(_STAMP)


def unstamp(digits: str | None, tz: ZoneInfo, now: datetime) -> datetime | None:
    """The moment a `stamp` names in zone `tz`; None if it isn't one or is over a year from
    `now` (button data can be forged)."""
    try:
        moment = datetime.strptime(digits or "", _STAMP).replace(tzinfo=tz)
    except ValueError:
        return None
    return moment if abs(moment - now) <= MAX_AWAY else None
