from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.rules import parsing, places, quickdates, zones
from bot.rules.dates import parse_when
from bot.rules.parsing import parse_country, parse_email, parse_timezone
from bot.rules.timelines import parse_reply_by

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 21, 15, 0, tzinfo=LONDON)  # Saturday afternoon


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within a week", date(2026, 11, 28)),
        ("by Friday", date(2026, 11, 27)),
        ("end of month", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
        ("in two weeks", date(2026, 12, 5)),
        ("a couple of weeks", date(2026, 12, 5)),
        ("15 Dec", date(2026, 12, 15)),
        ("they didn't say", False),
        ("banana", None),
        ("x" * 500, None),
    ],
)
def test_reply_by(text: str, expected: object) -> None:
    assert parse_reply_by(text, LONDON, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("just now", NOW),
        ("this morning", datetime(2026, 11, 21, 9, 0, tzinfo=LONDON)),
        ("yesterday 2pm", datetime(2026, 11, 20, 14, 0, tzinfo=LONDON)),
        ("tomorrow 10am", datetime(2026, 11, 22, 10, 0, tzinfo=LONDON)),
        ("not a time at all", None),
    ],
)
def test_when(text: str, expected: object) -> None:
    assert parse_when(text, LONDON, NOW) == expected


MONDAY = datetime(2026, 11, 23, 14, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The bot's own example for an upcoming interview: the coming Friday, not last Friday.
        ("Friday 10am", datetime(2026, 11, 27, 10, 0, tzinfo=LONDON)),
        ("3 Dec 14:00", datetime(2026, 12, 3, 14, 0, tzinfo=LONDON)),
        ("in 2 days", datetime(2026, 11, 25, 14, 0, tzinfo=LONDON)),
        ("yesterday 2pm", datetime(2026, 11, 22, 14, 0, tzinfo=LONDON)),
        ("last Friday 10am", datetime(2026, 11, 20, 10, 0, tzinfo=LONDON)),
        ("10am", datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)),  # earlier today
        ("20 Nov", datetime(2026, 11, 20, 0, 0, tzinfo=LONDON)),  # three days ago, not 2027
    ],
)
def test_when_past_or_upcoming(text: str, expected: object) -> None:
    assert parse_when(text, LONDON, MONDAY) == expected


def test_when_weekday_just_gone_is_past() -> None:
    saturday = datetime(2026, 11, 28, 15, 0, tzinfo=LONDON)
    assert parse_when("Friday 10am", LONDON, saturday) == datetime(
        2026, 11, 27, 10, 0, tzinfo=LONDON
    )


def test_zones_countries_emails() -> None:
    assert parse_timezone("london") == "Europe/London"
    assert parse_timezone("America/toronto") == "America/Toronto"
    assert parse_timezone("new york") == "America/New_York"
    assert parse_timezone("Narnia") is None
    assert parse_country("UK") == ("GB", "United Kingdom")
    assert parse_country("canada") == ("CA", "Canada")
    assert parse_country("Atlantis") is None
    assert parse_email(" priya@acme.example ") == "priya@acme.example"
    assert parse_email("priya at acme") is None


# The hand-written fast path must give exactly what dateparser alone gives. Every shape it reads,
# the same words with the prefixes people add, capitals and stray spaces, and a few it must leave
# to dateparser (their answers come from dateparser either way, so they can't differ).
PHRASES = [
    *("Friday", "fri", "FRIDAY", "  Friday  ", "next Friday", "this Friday", "last Friday"),
    *("on Friday", "by Friday", "before Friday", "by next fri", "until this friday"),
    *("Friday 10am", "friday 10 am", "Friday at 10:30", "fri 9.15am", "Friday   10am", "Fri 12pm"),
    *("friday 12am", "Monday 14:00", "tues", "Wednesday", "Sunday 9am", "sat", "on Saturday 3pm"),
    *("next Thursday 11:45 pm", "last mon 8am", "Friday\t10am", "next sat", "Thurs", "Friday 10"),
    *("today", "Today", "tomorrow", "Tomorrow 10am", "by tomorrow", "TOMORROW AT 9:30AM"),
    *("yesterday", "yesterday 2pm", "today 3pm", "today 10.30", "before  tomorrow"),
    *("next week", "by next week", "in 2 days", "in two days", "in a week", "in 3 weeks"),
    *("in 1 day", "in ten days", "within a week", "in about 2 weeks", "a couple of weeks"),
    *("in 0 days", "in 100 days", "in 999 weeks", "In An Day", "in a fortnight"),
    *("2026-12-04", "by 2026-12-04", "on 2027-1-5", "2026-02-30", "2025-11-27"),
    *("4 Dec", "dec 4", "4 December", "4th December", "December 4th", "the 4th of December"),
    *("on 4 dec", "by 4 Dec", "before 4th  december", "27 Nov", "3 Dec 14:00", "31 Dec", "1 Jan"),
    *("1st January 9am", "Sept 30", "may 1st 10.30", "29 Feb", "31 Nov", "4 Dec 2026"),
    *("10am", "end of the week", "banana", "not said", "just now"),
]
NEW_YORK = ZoneInfo("America/New_York")
NOWS = [
    (LONDON, datetime(2026, 11, 27, 15, 30, 12, 345678, tzinfo=LONDON)),  # Friday afternoon
    (LONDON, datetime(2026, 11, 27, 9, 0, tzinfo=LONDON)),  # Friday, before "10am"
    (LONDON, datetime(2026, 11, 29, 10, 0, tzinfo=LONDON)),  # Sunday, 10:00 exactly
    (LONDON, datetime(2026, 11, 23, 14, 0, tzinfo=UTC)),  # Monday, the clock in UTC
    (LONDON, datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=LONDON)),  # month end
    (LONDON, datetime(2026, 12, 4, 0, 0, tzinfo=LONDON)),  # "4 Dec" itself, at midnight
    (NEW_YORK, datetime(2026, 12, 31, 18, 0, tzinfo=NEW_YORK)),  # Dec 31 (Thursday)
    (NEW_YORK, datetime(2027, 1, 1, 3, 0, tzinfo=UTC)),  # still Dec 31 in New York
    (LONDON, datetime(2026, 3, 29, 0, 30, tzinfo=LONDON)),  # clocks go forward at 01:00
    (LONDON, datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON)),  # the repeated hour, again
    (NEW_YORK, datetime(2026, 3, 8, 12, 0, tzinfo=NEW_YORK)),  # clocks went forward at 02:00
    (NEW_YORK, datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)),  # the repeated hour
    (ZoneInfo("Asia/Kolkata"), datetime(2026, 6, 30, 22, 0, tzinfo=UTC)),  # 1 July in India
    (ZoneInfo("Pacific/Auckland"), datetime(2026, 4, 5, 2, 30, tzinfo=UTC)),  # their DST ends
]


def _exactly(value: object) -> tuple[object, ...]:
    """Equality that also tells apart zones, offsets and folds of the same wall-clock time."""
    if isinstance(value, datetime):
        return (repr(value), value.utcoffset())
    return (repr(value),)


@pytest.mark.parametrize(
    ("tz", "now"), NOWS, ids=[f"{tz.key} {now:%a %d %b %Y %H:%M%z}" for tz, now in NOWS]
)
def test_fast_path_matches_dateparser(
    tz: ZoneInfo, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = {
        (fn.__name__, text): _exactly(fn(text, tz, now))
        for fn in (parse_when, parse_reply_by)
        for text in PHRASES
    }
    monkeypatch.setattr(quickdates, "quick", lambda text, base, prefer: None)  # dateparser only
    slow = {
        (fn.__name__, text): _exactly(fn(text, tz, now))
        for fn in (parse_when, parse_reply_by)
        for text in PHRASES
    }
    differ = {key: (fast[key], slow[key]) for key in fast if fast[key] != slow[key]}
    assert not differ


@pytest.mark.parametrize(
    "text",
    [
        *("2026-12-04", "2026-1-5", "4 dec", "dec 4", "4 december", "4th december"),
        *("december 4th", "the 4th of dec", "4 of sept", "on 3 dec", "dec 3rd", "1 jan"),
    ],
)
def test_fast_path_reads_common_shapes(text: str) -> None:
    # Without this the comparison above would pass with a fast path that reads nothing.
    assert quickdates.quick(text, datetime(2026, 11, 23, 14, 0), "future") is not None


def test_warm_up() -> None:
    parsing.warm_up()
    assert places._countries.cache_info().currsize == 1
    # The zones' tables load on first use (a typed zone), keeping start-up within a second.
    zones.warm_up()
    assert zones._cities.cache_info().currsize == 1
    assert zones._abbreviations.cache_info().currsize == 1
