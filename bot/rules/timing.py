"""Time arithmetic the coaching rules need: business days, quiet hours, local times.

Pure functions over aware datetimes; nothing here knows about Telegram or the database.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

UTC = ZoneInfo("UTC")

# *choice*: an interview logged in advance is taken to end an hour after it starts (the nudges
# count from its end).
TYPICAL_LENGTH = timedelta(hours=1)


def zone(name: str | None) -> ZoneInfo:
    """The user's zone; UTC until they told us."""
    return ZoneInfo(name) if name else UTC


# *choice*: optional holidays (the `holidays` package's "optional" category) that most offices
# still close for, so a follow-up shouldn't land on them: Ontario's Civic Holiday (and the
# same August holiday where a province lists it as optional).
_CLOSED_OPTIONAL = {"CA": frozenset({"Civic Holiday"})}


@lru_cache(maxsize=64)
def _holidays(area: str) -> tuple[holidays.HolidayBase, holidays.HolidayBase | None]:
    """The public holidays of `area`, a country code ("GB") or a country and its region
    ("GB-ENG", "CA-ON"), and its optional ones if some of them close offices. Built lazily per
    year by the library; cached so a burst of nudges doesn't rebuild them."""
    country, _, region = area.partition("-")
    public = holidays.country_holidays(country, subdiv=region or None)
    if country not in _CLOSED_OPTIONAL:
        return public, None
    return public, holidays.country_holidays(country, subdiv=region or None, categories="optional")


def is_holiday(day: date, country: str) -> bool:
    """Whether `day` is a day off in `country` ("GB", or "GB-ENG" with the region)."""
    public, optional = _holidays(country)
    if day in public:
        return True
    names = optional.get_list(day) if optional is not None else []
    return any(name in _CLOSED_OPTIONAL[country.partition("-")[0]] for name in names)


def is_business_day(day: date, country: str | None) -> bool:
    """False on weekends and on the public holidays of `country` ("GB", or "GB-ENG" with the
    region); None counts weekends only."""
    if day.weekday() >= 5:
        return False
    return not (country and is_holiday(day, country))


def add_business_days(moment: datetime, days: int, tz: ZoneInfo, country: str | None) -> datetime:
    """`moment` moved forward by `days` business days in the user's zone, same wall-clock time.

    Counting starts the day after `moment`'s local date, so Friday + 1 business day is Monday.
    """
    local = moment.astimezone(tz)
    day = local.date()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day, country):
            remaining -= 1
    return at_local(day, local.time().replace(tzinfo=None), tz)


def at_local(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a local date (DST-safe: gaps move forward)."""
    naive = datetime.combine(day, wall)
    aware = naive.replace(tzinfo=tz)
    # A wall time inside a spring-forward gap doesn't exist: normalise through UTC and back.
    roundtrip = aware.astimezone(UTC).astimezone(tz)
    if roundtrip.replace(tzinfo=None) != naive:
        aware = roundtrip
    return aware.astimezone(UTC)


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def in_quiet_hours(moment: datetime, tz: ZoneInfo, start: time, end: time) -> bool:
    wall = moment.astimezone(tz).time().replace(tzinfo=None)
    if start == end:
        return False
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end  # the window wraps midnight, e.g. 21:00-08:00


def defer_past_quiet(moment: datetime, tz: ZoneInfo, start: time, end: time) -> datetime:
    """`moment`, or the end of the quiet window it falls in (the next morning)."""
    if not in_quiet_hours(moment, tz, start, end):
        return moment
    local = moment.astimezone(tz)
    day = local.date()
    if local.time().replace(tzinfo=None) >= end:
        day += timedelta(days=1)
    return at_local(day, end, tz)


def local_text(moment: datetime, tz: ZoneInfo, now: datetime | None = None) -> str:
    """A short phone-friendly local time: "today 14:00", "tomorrow 09:00", "Mon 24 Nov 10:00"."""
    local = moment.astimezone(tz)
    clock = local.strftime("%H:%M")
    if now is not None:
        today = now.astimezone(tz).date()
        if local.date() == today:
            return f"today {clock}"
        if local.date() == today + timedelta(days=1):
            return f"tomorrow {clock}"
        if local.date() == today - timedelta(days=1):
            return f"yesterday {clock}"
    return f"{local.strftime('%a')} {local.day} {local.strftime('%b')} {clock}"
