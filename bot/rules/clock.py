"""Times of day as people in the UK and Canada type them, and the tidying a date phrase gets
before it is read.

`tidy` lower-cases a phrase, fixes the common shorthand ("tues", "tmrw", "this mornin") and drops
punctuation; `split_clock` takes the time of day out of it ("half ten", "3 o'clock", "14h",
"2.30pm", "noon", "at 9", "friday 10") and leaves the day part. dateparser reads few of these
forms ("friday 10" is a date in October to it), so they are read here.
"""

from __future__ import annotations

import re
from datetime import time

_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_HOUR_WORDS = {w: i for i, w in enumerate((*_NUMBER_WORDS, "eleven", "twelve"), 1)}
# *choice*: an hour from 1 to 7 with no am/pm is in the afternoon: interviews at 3 in the
# morning are rarer than people who leave out "pm". 8 to 11 is the morning; 12 is noon.
LAST_PM_GUESS = 7
# Parts of the day without a clock time, at the hours dateparser gives them.
PARTS_OF_DAY = {"morning": 9, "lunchtime": 12, "afternoon": 15, "evening": 18, "night": 20}

_SHORTHAND = {
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tomoz": "tomorrow",
    "tomorow": "tomorrow",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "yday": "yesterday",
    "yesterdy": "yesterday",
    "mornin": "morning",
    "morn": "morning",
    "arvo": "afternoon",
    "tonite": "tonight",
    "lunch": "lunchtime",
    "midday": "noon",
}
_WORD = re.compile(r"[a-z]+")


def tidy(text: str) -> str:
    """`text` lower-cased with shorthand spelled out, "a.m." as "am", stray punctuation and
    repeated spaces gone: "Tues, 10 A.M.!" -> "tuesday 10 am"."""
    cleaned = text.lower().replace("’", "'").replace("a.m.", "am").replace("p.m.", "pm")
    cleaned = re.sub(r"[,!?;()]|\.(?![0-9])", " ", cleaned)
    cleaned = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", cleaned)  # "mid-january", "end-of-month"
    cleaned = re.sub(r"\blast night\b", "yesterday night", cleaned)
    cleaned = _WORD.sub(lambda m: _SHORTHAND.get(m.group(), m.group()), cleaned)
    return " ".join(cleaned.split())


_H = rf"(?P<h>[0-9]{{1,2}}|{'|'.join(sorted(_HOUR_WORDS, key=len, reverse=True))})"
_AT = r"(?:\bat )?"
# (pattern, what it gives), the first match wins; each may be preceded by "at".
_CLOCKS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_AT}\b(?P<noon>noon|midnight)\b"),
    re.compile(rf"{_AT}\b(?P<rel>half|quarter|[0-9]{{1,2}}) (?P<dir>past|after|to) {_H}\b"),
    re.compile(rf"{_AT}\b(?P<uk>half) {_H}\b"),  # "half ten": half past ten, as said in the UK
    re.compile(rf"{_AT}\b{_H}(?:[:.](?P<m>[0-5][0-9]))? ?(?P<ampm>am|pm)\b"),
    re.compile(rf"{_AT}\b{_H} ?o' ?clock\b"),
    re.compile(
        rf"{_AT}(?<![./-])\b(?P<h24>[0-9]{{1,2}})(?:[:.]|h ?)(?P<m>[0-5][0-9])(?: ?h(?:rs)?)?\b"
        r"(?![./-][0-9])"
    ),
    re.compile(rf"{_AT}\b(?P<h24>[0-9]{{1,2}}) ?h(?:rs)?\b"),
    re.compile(rf"\bat {_H}$"),
    # A bare number after a day word ("friday 10") or alone ("9") is an hour, not a date.
    re.compile(
        rf"(?:^|(?<=day )|(?<=tomorrow )|(?<=tonight )|(?<=morning ))"
        rf"(?P<h>[01]?[0-9]|2[0-3]|{'|'.join(_HOUR_WORDS)})$"
    ),
)


def _hour(raw: str) -> int:
    return _HOUR_WORDS.get(raw) or int(raw)


def _read(match: re.Match[str]) -> tuple[int, int, bool] | None:
    """(hour, minute, whether am/pm or a 24-hour clock settles the half of the day)."""
    found = match.groupdict()
    if found.get("noon"):
        return (12 if found["noon"] == "noon" else 0), 0, True
    if found.get("h24"):
        hour, minute = int(found["h24"]), int(found.get("m") or 0)
        return (hour, minute, hour == 0 or hour > 12) if hour <= 23 else None
    hour, minute = _hour(found["h"]), int(found.get("m") or 0)
    if found.get("rel"):
        rel = found["rel"]
        minute = 30 if rel == "half" else 15 if rel == "quarter" else int(rel)
        if found["dir"] == "to":
            hour, minute = (hour - 1) or 12, 60 - minute
    elif found.get("uk"):
        minute = 30
    if found.get("ampm"):
        if not 1 <= hour <= 12:
            return None
        return hour % 12 + (12 if found["ampm"] == "pm" else 0), minute, True
    if not 0 <= hour <= 23 or not 0 <= minute <= 59:
        return None
    return hour, minute, hour == 0 or hour > 12


def _settle(hour: int, minute: int, sure: bool, part: str | None) -> time:
    """The hour in 24-hour time: a part of the day said ("in the morning", "tonight") settles
    am/pm, else the LAST_PM_GUESS rule does."""
    if not sure and hour < 12:
        if part in {"afternoon", "evening", "night"} or (part is None and hour <= LAST_PM_GUESS):
            hour += 12
    elif not sure and hour == 12 and part == "night":
        hour = 0
    return time(hour, minute)


_PART = re.compile(
    r"\b(?:(?:in|this|the) )*(?P<part>morning|lunchtime|afternoon|evening|night|tonight)\b"
)


def split_clock(text: str) -> tuple[str, time | None, bool]:
    """`text` (tidied) split into its day part and its time of day.

    Returns (the rest, the time or None, whether a time was found but can't be: "13pm").
    "tonight" and "this morning" leave "today" in the rest; "yesterday morning", "yesterday".
    """
    part_match = _PART.search(text)
    part = part_match["part"] if part_match else None
    if part_match:
        today = "today" if part_match.group().startswith(("this", "tonight")) else ""
        text = f"{text[: part_match.start()]} {today} {text[part_match.end() :]}"
        part = "night" if part == "tonight" else part
    text = " ".join(text.split())
    for pattern in _CLOCKS:
        match = pattern.search(text)
        if match is None:
            continue
        rest = " ".join(f"{text[: match.start()]} {text[match.end() :]}".split())
        read = _read(match)
        if read is None:
            return rest, None, True
        return rest, _settle(*read, part), False
    if part is not None:
        return text, time(PARTS_OF_DAY[part]), False
    return text, None, False
