"""What a free-text "what's the next stage?" answer already says about the later debrief
questions: when they'll reply, a second round, a test (issue 15).

"they'll get back to me in two weeks, possibly a second round with a technical test" holds
the answers to "when will they reply?" and "other candidates, a second round, a test?"; the
debrief then asks those as confirmations of what was read. The timeline is read by
`bot.rules.timelines` (the reply-by question's own reader), from the phrase starting at a
word that leads into a time ("in", "by", "end of"...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.rules.timelines import reply_by_choices

# A timeline phrase starts at one of these words (the reader strips the leading ones it
# knows); it ends at a clause break or after MAX_WORDS words.
_START = re.compile(
    r"\b(?:in|within|by|before|until|till|around|on|end|the end|start|beginning|early|mid|"
    r"middle|late|next|this|a couple|couple|[0-9]{1,2}|one|two|three|four|five|six|a week|"
    r"a fortnight)\b",
    re.I,
)
_CLAUSE = re.compile(r"[,;.!?()]|\b(?:and|but|possibly|maybe|then|with|probably)\b", re.I)
MAX_WORDS = 6
# "The next stage is…" is the question's own wording, not a second round.
_ROUND = re.compile(
    r"\b(?:(?:second|2nd|third|3rd|another|final|further|follow[- ]up) "
    r"(?:round|stage|interview)s?|next (?:round|interview)s?|round (?:two|2|three|3))\b",
    re.I,
)
_TEST = re.compile(
    r"\b(?:(?:[a-z-]+ ){0,2}(?:tests?|assessments?|case stud(?:y|ies)|tasks?|exercises?|"
    r"presentations?|exams?|challenges?|assignments?))\b",
    re.I,
)
_DROP = re.compile(r"^(?:(?:a|an|the|with|possibly|maybe|probably|and|then|also|some) )+", re.I)


@dataclass(frozen=True)
class StageReading:
    """What was read: the reply-by date and the words it came from; a second round and a
    test or task, each as the words the user typed (None when not mentioned)."""

    reply_by: date | None = None
    reply_words: str | None = None
    second_round: str | None = None
    test: str | None = None

    @property
    def process(self) -> str | None:
        """The second round and the test together, as the process answer to confirm."""
        parts = [p for p in (self.second_round, self.test) if p]
        return "; ".join(parts) or None


def _timeline(
    text: str, tz: ZoneInfo, now: datetime, country: str | None
) -> tuple[date, str] | None:
    """The first phrase that reads as exactly one reply-by date, and that phrase."""
    for start in _START.finditer(text):
        clause = _CLAUSE.split(text[start.start() :], maxsplit=1)[0]
        words = clause.split()[:MAX_WORDS]
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n])
            found = reply_by_choices(phrase, tz, now, country)
            if found is not False and len(found) == 1:
                return found[0], phrase
    return None


def _tidy(found: re.Match[str] | None) -> str | None:
    return _DROP.sub("", found.group(0)).strip() if found else None


def read_stage(text: str, tz: ZoneInfo, now: datetime, country: str | None = None) -> StageReading:
    """Read `text` (the next-stage answer) for a reply-by date (counted from `now`, aware, in
    zone `tz`; `country` as in `reply_by_choices`), a second round and a test or task."""
    timeline = _timeline(text, tz, now, country)
    return StageReading(
        reply_by=timeline[0] if timeline else None,
        reply_words=timeline[1] if timeline else None,
        second_round=_tidy(_ROUND.search(text)),
        test=_tidy(_TEST.search(text)),
    )
