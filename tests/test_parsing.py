from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.parsing import parse_country, parse_email, parse_reply_by, parse_timezone, parse_when

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
