"""The employer's timeline: when they said they'd reply, as people put it ("within 5 working
days", "by the end of December", "mid-January", "early next week", "by Friday", "01/12").

`reply_by_choices` gives every reading (two when truly ambiguous, and the bot asks);
`parse_reply_by` the single best one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.rules.clock import split_clock, tidy
from bot.rules.dates import date_orders
from bot.rules.dayparts import read_day
from bot.rules.timing import add_business_days

_NOT_SAID = {
    *("no", "none", "not said", "they didn't say", "didnt say", "didn't say", "not sure"),
    *("don't know", "dont know", "no idea", "n/a", "unknown", "-", "they did not say"),
}
_LEAD = re.compile(
    r"^(?:(?:hopefully|probably|they said|they'll reply|they will reply|reply|hear back|by|"
    r"before|on|until|till|no later than|at the latest|sometime|some time|around|about|"
    r"within|in|the) )+"
)
_MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
_MONTH = rf"(?P<month>{'|'.join(_MONTHS)}|{'|'.join(m[:3] for m in _MONTHS)}|sept)"
_SPAN = re.compile(
    r"(?P<pos>end|the end|start|the start|beginning|the beginning|early|mid|middle|the middle|"
    rf"late)(?: of)?(?: the)? (?:(?P<which>this|next) )?(?:(?P<unit>week|month|year)|{_MONTH})"
)
_WORKING = re.compile(
    r"(?P<count>[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten) "
    r"(?:working|business|work) days?"
)
_SPELL = re.compile(r"(?:[0-9]+|a|an|one|two|three|four|five|six) (?:day|week|fortnight)s?")
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# *choice*: where in a span "early", "mid" and so on fall, as a deadline: the latest day each
# could mean, so a follow-up is never early. Weeks: Mon=0; months: day of the month.
_IN_WEEK = {"start": 0, "beginning": 0, "early": 1, "mid": 2, "middle": 2, "end": 4, "late": 4}
_IN_MONTH = {"start": 1, "beginning": 1, "early": 10, "mid": 15, "middle": 15}


def _month_day(year: int, month: int, pos: str) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, _IN_MONTH.get(pos, last))


def _span(match: re.Match[str], today: date) -> date:
    """ "end of the month", "mid-January", "early next week", "start of next year"."""
    pos, which, unit = match["pos"].removeprefix("the "), match["which"], match["unit"]
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        day = monday + timedelta(days=_IN_WEEK[pos] + (7 if which == "next" else 0))
        return day + timedelta(days=7) if day < today and which is None else day
    if unit == "year":
        year = today.year + (1 if which == "next" else 0)
        return date(year, 1, 1) if pos in {"start", "beginning"} else _month_day(year, 12, pos)
    if unit == "month":
        year, month = today.year, today.month
        if which == "next":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return _month_day(year, month, pos)
    month = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(match["month"][:3]))
    this_year = _month_day(today.year, month, pos)
    if this_year >= today or which == "this":
        return this_year
    return _month_day(today.year + 1, month, pos)


def _working_days(match: re.Match[str], tz: ZoneInfo, now: datetime, country: str | None) -> date:
    raw = match["count"]
    count = _NUMBERS.index(raw) + 1 if raw in _NUMBERS else int(raw)
    return add_business_days(now, count, tz, country).astimezone(tz).date()


def reply_by_choices(
    text: str, tz: ZoneInfo, now: datetime, country: str | None = None
) -> list[date] | Literal[False]:
    """Every reading of the date the employer said they'd reply by, counted from `now`
    (aware) in zone `tz`; `country` (ISO code) decides the holidays skipped by "5 working
    days" and the order of a numeric date.

    False when the user says no timeline was given; an empty list when unreadable or not
    between today and a year ahead; two dates when truly ambiguous, soonest first.
    """
    cleaned = tidy(text).replace("didnt", "didn't")
    if cleaned in _NOT_SAID:
        return False
    if len(cleaned) > 100:
        return []
    today = now.astimezone(tz).date()
    cleaned = _LEAD.sub("", cleaned)
    if match := _WORKING.fullmatch(cleaned):
        found = [_working_days(match, tz, now, country)]
    elif match := _SPAN.fullmatch(cleaned):
        found = [_span(match, today)]
    else:
        cleaned = re.sub(r"^(?:a )?couple(?: of)?\b", "2", cleaned)
        if _SPELL.fullmatch(cleaned):
            cleaned = f"in {cleaned}"  # "a week" (after "within"): from now
        rest, _clock, _impossible = split_clock(cleaned)  # a time on the day doesn't matter
        base = now.astimezone(tz).replace(tzinfo=None)
        found = [r.date() for r in read_day(rest, base, "future", None, date_orders(country))]
    horizon = today + timedelta(days=366)
    return sorted({day for day in found if today <= day <= horizon})


def parse_reply_by(
    text: str, tz: ZoneInfo, now: datetime, country: str | None = None
) -> date | Literal[False] | None:
    """The soonest reading of `reply_by_choices` (see there): a date, False when no timeline
    was given, None if unreadable."""
    found = reply_by_choices(text, tz, now, country)
    if found is False:
        return False
    return found[0] if found else None
