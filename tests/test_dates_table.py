"""Dates and times as people in the UK and Canada type them: each phrasing with its reading,
relative to fixed "now"s, for a UK (London, GB) and a Canadian (Toronto, CA) user.

W rows are the debrief's "When was it?" (`when_choices`: the time, in the user's zone), R rows
"When will they reply?" (`reply_by_choices`: the date). Two readings joined by " / " are asked
about with buttons; "-" is unreadable (asked again); "none" is "no timeline given". Business
days skip the holidays of the country as it is passed today ("GB", "CA": no region).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.rules.dates import when_choices
from bot.rules.timelines import reply_by_choices

NOWS = {
    "MON": datetime(2026, 11, 23, 14, 0),  # Monday afternoon, GMT
    "FRI": datetime(2026, 11, 27, 16, 0),  # Friday 16:00
    "SUN": datetime(2026, 11, 29, 19, 0),  # Sunday evening
    "EOM": datetime(2026, 11, 30, 17, 0),  # the last day of a month
    "NYE": datetime(2026, 12, 31, 10, 0),  # the last day of the year
    "BST": datetime(2026, 7, 15, 11, 0),  # a Wednesday in summer time (EDT in Toronto)
    "EASTER": datetime(2026, 4, 2, 15, 0),  # the Thursday before Good Friday
    "AUG": datetime(2026, 8, 27, 10, 0),  # the Thursday before the late-August bank holiday
}
USERS = {"UK": (ZoneInfo("Europe/London"), "GB"), "CA": (ZoneInfo("America/Toronto"), "CA")}

TABLE = [
    ("MON", "UK", "W", "friday at 10", "Fri 2026-11-27 10:00"),
    ("MON", "UK", "W", "on friday at 3", "Fri 2026-11-27 15:00"),
    ("MON", "UK", "W", "Friday 10am", "Fri 2026-11-27 10:00"),
    ("MON", "UK", "W", "fri 10", "Fri 2026-11-27 10:00"),
    ("MON", "UK", "W", "Thurs 2pm", "Thu 2026-11-26 14:00"),
    ("MON", "UK", "W", "tues at half ten", "Tue 2026-11-24 10:30"),
    ("MON", "UK", "W", "wed 9.30", "Wed 2026-11-25 09:30"),
    ("MON", "UK", "W", "Weds at 14:00", "Wed 2026-11-25 14:00"),
    ("MON", "UK", "W", "thursday at noon", "Thu 2026-11-26 12:00"),
    ("MON", "UK", "W", "thursday midday", "Thu 2026-11-26 12:00"),
    ("MON", "UK", "W", "this friday 11am", "Fri 2026-11-27 11:00"),
    ("MON", "UK", "W", "next thursday 10am", "Thu 2026-11-26 10:00 / Thu 2026-12-03 10:00"),
    ("MON", "UK", "W", "next monday", "Mon 2026-11-30 00:00"),
    ("MON", "UK", "W", "last friday 10am", "Fri 2026-11-20 10:00"),
    ("MON", "UK", "W", "last thurs", "Thu 2026-11-19 00:00"),
    ("MON", "UK", "W", "friday morning", "Fri 2026-11-27 09:00"),
    ("MON", "UK", "W", "friday afternoon", "Fri 2026-11-27 15:00"),
    ("MON", "UK", "W", "monday 10am", "Mon 2026-11-23 10:00"),
    ("MON", "UK", "W", "monday", "Mon 2026-11-23 00:00"),
    ("MON", "UK", "W", "9", "Mon 2026-11-23 09:00"),
    ("MON", "UK", "W", "at 9", "Mon 2026-11-23 09:00"),
    ("MON", "UK", "W", "3", "Mon 2026-11-23 15:00"),
    ("MON", "UK", "W", "10am", "Mon 2026-11-23 10:00"),
    ("MON", "UK", "W", "10.30", "Mon 2026-11-23 10:30"),
    ("MON", "UK", "W", "half ten", "Mon 2026-11-23 10:30"),
    ("MON", "UK", "W", "half past nine", "Mon 2026-11-23 09:30"),
    ("MON", "UK", "W", "quarter past 11", "Mon 2026-11-23 11:15"),
    ("MON", "UK", "W", "quarter to 3", "Mon 2026-11-23 14:45"),
    ("MON", "UK", "W", "3 o'clock", "Mon 2026-11-23 15:00"),
    ("MON", "UK", "W", "11 o'clock", "Mon 2026-11-23 11:00"),
    ("MON", "UK", "W", "14h", "Mon 2026-11-23 14:00"),
    ("MON", "UK", "W", "14h30", "Mon 2026-11-23 14:30"),
    ("MON", "UK", "W", "2.30pm", "Mon 2026-11-23 14:30"),
    ("MON", "UK", "W", "2:30 PM", "Mon 2026-11-23 14:30"),
    ("MON", "UK", "W", "noon", "Mon 2026-11-23 12:00"),
    ("MON", "UK", "W", "midday", "Mon 2026-11-23 12:00"),
    ("MON", "UK", "W", "this morning", "Mon 2026-11-23 09:00"),
    ("MON", "UK", "W", "this mornin", "Mon 2026-11-23 09:00"),
    ("MON", "UK", "W", "this afternoon", "Mon 2026-11-23 15:00"),
    ("MON", "UK", "W", "earlier this morning", "Mon 2026-11-23 09:00"),
    ("MON", "UK", "W", "yesterday at 5", "Sun 2026-11-22 17:00"),
    ("MON", "UK", "W", "yesterday 2pm", "Sun 2026-11-22 14:00"),
    ("MON", "UK", "W", "yesterday afternoon", "Sun 2026-11-22 15:00"),
    ("MON", "UK", "W", "yday 11am", "Sun 2026-11-22 11:00"),
    ("MON", "UK", "W", "last night", "Sun 2026-11-22 20:00"),
    ("MON", "UK", "W", "tomorrow at 2.30pm", "Tue 2026-11-24 14:30"),
    ("MON", "UK", "W", "tomorrow 9", "Tue 2026-11-24 09:00"),
    ("MON", "UK", "W", "tmrw 10am", "Tue 2026-11-24 10:00"),
    ("MON", "UK", "W", "tomorrow morning", "Tue 2026-11-24 09:00"),
    ("MON", "UK", "W", "today at 10.30", "Mon 2026-11-23 10:30"),
    ("MON", "UK", "W", "today 11", "Mon 2026-11-23 11:00"),
    ("MON", "UK", "W", "2 days ago", "Sat 2026-11-21 14:00"),
    ("MON", "UK", "W", "a week ago", "Mon 2026-11-16 14:00"),
    ("MON", "UK", "W", "in 2 days", "Wed 2026-11-25 14:00"),
    ("MON", "UK", "W", "20 Nov", "Fri 2026-11-20 00:00"),
    ("MON", "UK", "W", "20 Nov 3pm", "Fri 2026-11-20 15:00"),
    ("MON", "UK", "W", "3 Dec 14:00", "Thu 2026-12-03 14:00"),
    ("MON", "UK", "W", "the 4th of December at 10", "Fri 2026-12-04 10:00"),
    ("MON", "UK", "W", "01/12", "Tue 2026-12-01 00:00"),
    ("MON", "UK", "W", "1/12/2026", "Tue 2026-12-01 00:00"),
    ("MON", "UK", "W", "20/11 10am", "Fri 2026-11-20 10:00"),
    ("MON", "UK", "W", "2026-11-20 10:00", "Fri 2026-11-20 10:00"),
    ("MON", "UK", "W", "just now", "Mon 2026-11-23 14:00"),
    ("MON", "UK", "W", "banana", "-"),
    ("MON", "UK", "W", "13pm", "-"),
    ("MON", "UK", "W", "friday 27", "Fri 2026-11-27 00:00"),
    ("MON", "UK", "W", "the day before yesterday", "Sat 2026-11-21 14:00"),
    ("MON", "CA", "W", "friday at 10", "Fri 2026-11-27 10:00"),
    ("MON", "CA", "W", "yesterday at 5", "Sun 2026-11-22 17:00"),
    ("MON", "CA", "W", "01/12", "Tue 2026-12-01 00:00 / Tue 2027-01-12 00:00"),
    ("MON", "CA", "W", "20/11", "Fri 2026-11-20 00:00"),
    ("MON", "CA", "W", "11/20", "Fri 2026-11-20 00:00"),
    ("MON", "CA", "W", "half ten", "Mon 2026-11-23 10:30"),
    ("MON", "CA", "W", "9", "Mon 2026-11-23 09:00"),
    ("MON", "CA", "W", "tues 2pm", "Tue 2026-11-24 14:00"),
    ("FRI", "UK", "W", "friday 10am", "Fri 2026-11-27 10:00"),
    ("FRI", "UK", "W", "Friday at 10", "Fri 2026-11-27 10:00"),
    ("FRI", "UK", "W", "friday", "Fri 2026-11-27 00:00"),
    ("FRI", "UK", "W", "this morning", "Fri 2026-11-27 09:00"),
    ("FRI", "UK", "W", "10am", "Fri 2026-11-27 10:00"),
    ("FRI", "UK", "W", "5", "Fri 2026-11-27 17:00"),
    ("FRI", "UK", "W", "friday 5pm", "Fri 2026-11-27 17:00"),
    ("FRI", "UK", "W", "next friday 10am", "Fri 2026-12-04 10:00"),
    ("FRI", "UK", "W", "last friday", "Fri 2026-11-20 00:00"),
    ("FRI", "UK", "W", "monday 9am", "Mon 2026-11-30 09:00"),
    ("FRI", "UK", "W", "next monday", "Mon 2026-11-30 00:00"),
    ("FRI", "UK", "W", "thursday at 3", "Thu 2026-11-26 15:00"),
    ("FRI", "UK", "W", "tomorrow", "Sat 2026-11-28 16:00"),
    ("FRI", "CA", "W", "friday 10am", "Fri 2026-11-27 10:00"),
    ("FRI", "CA", "W", "next monday 10am", "Mon 2026-11-30 10:00"),
    ("SUN", "UK", "W", "next tuesday", "Tue 2026-12-01 00:00 / Tue 2026-12-08 00:00"),
    ("SUN", "UK", "W", "next tues 10am", "Tue 2026-12-01 10:00 / Tue 2026-12-08 10:00"),
    ("SUN", "UK", "W", "tuesday 10am", "Tue 2026-12-01 10:00"),
    ("SUN", "UK", "W", "next wednesday", "Wed 2026-12-02 00:00"),
    ("SUN", "UK", "W", "friday", "Fri 2026-12-04 00:00"),
    ("SUN", "UK", "W", "this morning", "Sun 2026-11-29 09:00"),
    ("SUN", "UK", "W", "tonight", "Sun 2026-11-29 20:00"),
    ("SUN", "UK", "W", "9", "Sun 2026-11-29 09:00"),
    ("SUN", "UK", "W", "monday 9am", "Mon 2026-11-30 09:00"),
    ("SUN", "UK", "W", "last monday", "Mon 2026-11-23 00:00"),
    ("SUN", "CA", "W", "next tuesday", "Tue 2026-12-01 00:00 / Tue 2026-12-08 00:00"),
    ("SUN", "CA", "W", "monday at 2", "Mon 2026-11-30 14:00"),
    ("EOM", "UK", "W", "yesterday at 5", "Sun 2026-11-29 17:00"),
    ("EOM", "UK", "W", "tomorrow at 9am", "Tue 2026-12-01 09:00"),
    ("EOM", "UK", "W", "01/12 10am", "Tue 2026-12-01 10:00"),
    ("EOM", "UK", "W", "30/11 9am", "Mon 2026-11-30 09:00"),
    ("EOM", "CA", "W", "1/12", "Tue 2026-12-01 00:00 / Tue 2027-01-12 00:00"),
    ("BST", "UK", "W", "today at 10.30", "Wed 2026-07-15 10:30"),
    ("BST", "UK", "W", "friday at 10", "Fri 2026-07-17 10:00"),
    ("BST", "UK", "W", "9", "Wed 2026-07-15 09:00"),
    ("BST", "UK", "W", "yesterday 4pm", "Tue 2026-07-14 16:00"),
    ("BST", "CA", "W", "monday 10am", "Mon 2026-07-13 10:00"),
    ("NYE", "UK", "W", "tomorrow 10am", "Fri 2027-01-01 10:00"),
    ("NYE", "UK", "W", "2/1 10am", "Sat 2027-01-02 10:00"),
    ("NYE", "UK", "W", "30 Dec", "Wed 2026-12-30 00:00"),
    ("EASTER", "UK", "W", "monday 10am", "Mon 2026-04-06 10:00"),
    ("EASTER", "UK", "W", "yesterday at 3", "Wed 2026-04-01 15:00"),
    ("AUG", "UK", "W", "tuesday at 11", "Tue 2026-08-25 11:00"),
    ("MON", "UK", "R", "by the end of December", "Thu 2026-12-31"),
    ("MON", "UK", "R", "before the end of the month", "Mon 2026-11-30"),
    ("MON", "UK", "R", "end of the month", "Mon 2026-11-30"),
    ("MON", "UK", "R", "end of next month", "Thu 2026-12-31"),
    ("MON", "UK", "R", "within 5 working days", "Mon 2026-11-30"),
    ("MON", "UK", "R", "in 10 business days", "Mon 2026-12-07"),
    ("MON", "UK", "R", "within five working days", "Mon 2026-11-30"),
    ("MON", "UK", "R", "3 business days", "Thu 2026-11-26"),
    ("MON", "UK", "R", "01/12", "Tue 2026-12-01"),
    ("MON", "UK", "R", "1/12/2026", "Tue 2026-12-01"),
    ("MON", "UK", "R", "by 4/12", "Fri 2026-12-04"),
    ("MON", "UK", "R", "mid-January", "Fri 2027-01-15"),
    ("MON", "UK", "R", "middle of December", "Tue 2026-12-15"),
    ("MON", "UK", "R", "early next week", "Tue 2026-12-01"),
    ("MON", "UK", "R", "mid next week", "Wed 2026-12-02"),
    ("MON", "UK", "R", "end of next week", "Fri 2026-12-04"),
    ("MON", "UK", "R", "start of next month", "Tue 2026-12-01"),
    ("MON", "UK", "R", "beginning of January", "Fri 2027-01-01"),
    ("MON", "UK", "R", "early December", "Thu 2026-12-10"),
    ("MON", "UK", "R", "late December", "Thu 2026-12-31"),
    ("MON", "UK", "R", "end of the year", "Thu 2026-12-31"),
    ("MON", "UK", "R", "end of the week", "Fri 2026-11-27"),
    ("MON", "UK", "R", "by Friday", "Fri 2026-11-27"),
    ("MON", "UK", "R", "by fri", "Fri 2026-11-27"),
    ("MON", "UK", "R", "by thurs", "Thu 2026-11-26"),
    ("MON", "UK", "R", "next thursday", "Thu 2026-11-26 / Thu 2026-12-03"),
    ("MON", "UK", "R", "by next tuesday", "Tue 2026-12-01"),
    ("MON", "UK", "R", "within a week", "Mon 2026-11-30"),
    ("MON", "UK", "R", "in two weeks", "Mon 2026-12-07"),
    ("MON", "UK", "R", "a couple of weeks", "Mon 2026-12-07"),
    ("MON", "UK", "R", "in a fortnight", "Mon 2026-12-07"),
    ("MON", "UK", "R", "a few days", "Thu 2026-11-26"),
    ("MON", "UK", "R", "15 Dec", "Tue 2026-12-15"),
    ("MON", "UK", "R", "by the 15th of December", "Tue 2026-12-15"),
    ("MON", "UK", "R", "tomorrow", "Tue 2026-11-24"),
    ("MON", "UK", "R", "they didn't say", "none"),
    ("MON", "UK", "R", "no idea", "none"),
    ("MON", "UK", "R", "banana", "-"),
    ("MON", "UK", "R", "last friday", "-"),
    ("MON", "CA", "R", "01/12", "Tue 2026-12-01 / Tue 2027-01-12"),
    ("MON", "CA", "R", "12/01", "Tue 2026-12-01 / Tue 2027-01-12"),
    ("MON", "CA", "R", "13/12", "Sun 2026-12-13"),
    ("MON", "CA", "R", "12/13", "Sun 2026-12-13"),
    ("MON", "CA", "R", "within 5 working days", "Mon 2026-11-30"),
    ("MON", "CA", "R", "by the end of December", "Thu 2026-12-31"),
    ("FRI", "UK", "R", "by friday", "Fri 2026-12-04"),
    ("FRI", "UK", "R", "end of the week", "Fri 2026-11-27"),
    ("FRI", "UK", "R", "early next week", "Tue 2026-12-01"),
    ("FRI", "UK", "R", "within 3 working days", "Wed 2026-12-02"),
    ("FRI", "UK", "R", "next monday", "Mon 2026-11-30"),
    ("SUN", "UK", "R", "next tuesday", "Tue 2026-12-01 / Tue 2026-12-08"),
    ("SUN", "UK", "R", "end of the week", "Fri 2026-12-04"),
    ("SUN", "UK", "R", "within 2 working days", "Tue 2026-12-01"),
    ("EOM", "UK", "R", "before the end of the month", "Mon 2026-11-30"),
    ("EOM", "UK", "R", "end of next month", "Thu 2026-12-31"),
    ("EOM", "UK", "R", "mid december", "Tue 2026-12-15"),
    ("NYE", "UK", "R", "end of january", "Sun 2027-01-31"),
    ("NYE", "UK", "R", "within 5 working days", "Fri 2027-01-08"),
    ("NYE", "UK", "R", "end of next month", "Sun 2027-01-31"),
    ("NYE", "UK", "R", "by the end of December", "Thu 2026-12-31"),
    ("EASTER", "UK", "R", "within 5 working days", "Fri 2026-04-10"),
    ("EASTER", "UK", "R", "within 2 working days", "Tue 2026-04-07"),
    ("EASTER", "CA", "R", "within 2 working days", "Tue 2026-04-07"),
    ("AUG", "UK", "R", "within 3 working days", "Tue 2026-09-01"),
    ("AUG", "UK", "R", "end of the month", "Mon 2026-08-31"),
    ("BST", "UK", "R", "end of next month", "Mon 2026-08-31"),
    ("MON", "CA", "R", "by the end of the month", "Mon 2026-11-30"),
]


def _read(now: str, user: str, kind: str, text: str) -> str:
    tz, country = USERS[user]
    moment = NOWS[now].replace(tzinfo=tz)
    if kind == "W":
        found = when_choices(text, tz, moment, country)
        return " / ".join(f"{d.astimezone(tz):%a %Y-%m-%d %H:%M}" for d in found) or "-"
    days = reply_by_choices(text, tz, moment, country)
    if days is False:
        return "none"
    return " / ".join(f"{d:%a %Y-%m-%d}" for d in days) or "-"


def test_table_is_large_and_covers_both_users_and_every_now() -> None:
    assert len(TABLE) >= 150
    assert {row[0] for row in TABLE} == set(NOWS)
    assert {row[1] for row in TABLE} == set(USERS)


@pytest.mark.parametrize(
    ("now", "user", "kind", "text", "expected"),
    TABLE,
    ids=[f"{now}-{user}-{kind}-{text}" for now, user, kind, text, _ in TABLE],
)
def test_reading(now: str, user: str, kind: str, text: str, expected: str) -> None:
    assert _read(now, user, kind, text) == expected


def test_the_morning_just_gone_when_said_after_midnight() -> None:
    """Found by trying the bot at 00:38: "this morning at 10" read as 10:00 still to come."""
    from bot.rules.dates import when_choices

    london = ZoneInfo("Europe/London")
    now = datetime(2026, 11, 30, 0, 38, tzinfo=london)  # Monday, just after midnight
    assert when_choices("this morning at 10", london, now, "GB-ENG") == [
        datetime(2026, 11, 29, 10, 0, tzinfo=london)
    ]
    later = datetime(2026, 11, 30, 14, 0, tzinfo=london)  # the same words that afternoon
    assert when_choices("this morning at 10", london, later, "GB-ENG") == [
        datetime(2026, 11, 30, 10, 0, tzinfo=london)
    ]
