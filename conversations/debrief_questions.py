"""The debrief's questions: their states, their order, how each is asked, and the data of
their buttons with the patterns that read it back.

Kept apart from the handlers (conversations/debrief.py, debrief_answers.py), which decide what
to ask next (conversations/debrief_progress.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.rules.dates import day_label, stamp, when_choices
from bot.texts import common as tc
from bot.texts import debrief as t
from bot.texts import start as ts
from bot.tg import keyboards as kb

NS = "debrief"


class Q(StrEnum):
    TZ = "debrief.tz"
    CHOOSE = "debrief.choose"
    COMPANY = "debrief.company"
    ROLE = "debrief.role"
    WHEN = "debrief.when"
    WHERE = "debrief.where"  # only for an interview still to come
    INTERVIEWER = "debrief.interviewer"
    EMAIL = "debrief.email"
    MORE = "debrief.more"
    NEXT_STAGE = "debrief.next_stage"
    REPLY_BY = "debrief.reply_by"
    PROCESS = "debrief.process"
    RATING = "debrief.rating"
    WENT_WELL = "debrief.went_well"
    NOT_LANDED = "debrief.not_landed"


# Questions answered by free text go straight into these interview columns.
TEXT_FIELDS: dict[Q, str] = {
    Q.COMPANY: "company",
    Q.ROLE: "role",
    Q.NEXT_STAGE: "next_stage",
    Q.PROCESS: "process_info",
    Q.WHERE: "place",
    Q.WENT_WELL: "went_well",
    Q.NOT_LANDED: "not_landed",
}
ORDER: tuple[Q, ...] = (
    Q.COMPANY,
    Q.ROLE,
    Q.WHEN,
    Q.WHERE,
    Q.INTERVIEWER,
    Q.NEXT_STAGE,
    Q.REPLY_BY,
    Q.PROCESS,
    Q.RATING,
    Q.WENT_WELL,
    Q.NOT_LANDED,
)

# The reply-by buttons: (label, value); the value is read by bot.rules.parsing.parse_reply_by,
# except "none" (they didn't say).
NOT_SAID = "none"
REPLY_CHOICES: tuple[tuple[str, str], ...] = (
    (t.BTN_WITHIN_WEEK, "in a week"),
    (t.BTN_TWO_WEEKS, "in 2 weeks"),
    (t.BTN_NOT_SAID, NOT_SAID),
)


def _one_of(values: tuple[str, ...]) -> str:
    return "|".join(re.escape(v) for v in values)


# Button data as the handlers read it: each value in a named group (see `matched`). Any data
# can be forged: a value the pattern refuses is a stale button, asked again by the catch-all.
SKIP = rf"^{NS}:skip$"
TZ_BUTTON = rf"^{NS}:tz:(?P<zone>[^:]+)$"  # checked by parse_timezone
CHOICE = rf"^{NS}:(?P<choice>resume|new)$"
NOW = rf"^{NS}:now$"
AT = rf"^{NS}:at:(?P<at>[0-9]{{12}})$"  # a candidate time, checked by dates.unstamp
MORE = rf"^{NS}:more:(?P<more>yes|no)$"
DIDNT_ASK = rf"^{NS}:didnt_ask$"
# A fixed choice, or a candidate date (ISO, read back by parse_reply_by like a typed one).
_ISO = "20[0-9]{2}-[0-9]{2}-[0-9]{2}"
REPLY = rf"^{NS}:reply:(?P<reply>{_one_of(tuple(v for _, v in REPLY_CHOICES))}|{_ISO})$"
NOTHING = rf"^{NS}:nothing$"
RATE = rf"^{NS}:rate:(?P<rating>[0-9]+)$"  # checked by whole_number: 1 to 5


def skip_row() -> list[kb.Button]:
    """The row with the Skip button, under every question that can be skipped."""
    return [kb.skip_button(NS)]


def choice_keyboard() -> InlineKeyboardMarkup:
    """Carry on with the debrief in progress, or start a new one (data matched by CHOICE)."""
    return kb.keyboard([[(t.BTN_CONTINUE, kb.data(NS, "resume")), (t.BTN_NEW, kb.data(NS, "new"))]])


def when_keyboard(moments: Sequence[datetime], tz: ZoneInfo) -> InlineKeyboardMarkup:
    """One button per reading of an ambiguous time (data matched by AT), then Skip."""
    rows = [[(day_label(m, tz), kb.data(NS, "at", stamp(m, tz)))] for m in moments]
    return kb.keyboard([*rows, skip_row()])


# Scratch data: when the interview was, as said with "I just had an interview this morning"
# ({"words": ..., "at": ISO time said}); offered at the WHEN question for this long.
SAID_WHEN = "debrief_said_when"
SAID_FOR = timedelta(hours=6)


def said_when(
    said: Mapping[str, Any], tz: ZoneInfo, now: datetime, country: str | None
) -> tuple[str, InlineKeyboardMarkup] | None:
    """The WHEN question with the times `said` reads as (read from when it was said, in zone
    `tz`, dates in `country`'s order) on buttons; None when it reads as no past time, or was
    said more than SAID_FOR before `now` (UTC)."""
    words, at = said.get("words"), said.get("at")
    if not isinstance(words, str) or not words or not isinstance(at, str):
        return None
    said_at = datetime.fromisoformat(at)
    if not now - SAID_FOR <= said_at <= now:
        return None
    moments = [m for m in when_choices(words, tz, said_at, country) if m <= now]
    if not moments:
        return None
    return t.ASK_WHEN_SAID.format(words=tc.esc(words)), when_keyboard(moments, tz)


def reply_keyboard(days: Sequence[date]) -> InlineKeyboardMarkup:
    """One button per reading of an ambiguous reply-by date (data matched by REPLY)."""
    rows = [[(day_label(d), kb.data(NS, "reply", d.isoformat()))] for d in days]
    return kb.keyboard([*rows, skip_row()])


def reply_label(value: str) -> str:
    """What a pressed reply-by button showed: its label ("Tue 1 Dec" for a date)."""
    if value == NOT_SAID:
        return t.BTN_NOT_SAID
    try:
        return day_label(date.fromisoformat(value))
    except ValueError:
        return value


def _tz_keyboard() -> InlineKeyboardMarkup:
    # The zones /start offers, with this step's data (a debrief is pending, not /start).
    zones = [(label, kb.data(NS, "tz", zone_name)) for label, zone_name in ts.COMMON_ZONES]
    return kb.grid(zones, width=3)


def _asked() -> dict[Q, tuple[str, list[list[kb.Button]]]]:
    """The text and button rows of every question but TZ, CHOOSE and EMAIL (see `question`)."""
    skip = skip_row()
    rate = [(str(n), kb.data(NS, "rate", n)) for n in range(1, 6)]
    reply = [(label, kb.data(NS, "reply", value)) for label, value in REPLY_CHOICES]
    more = [
        (t.BTN_ADD_INTERVIEWER, kb.data(NS, "more", "yes")),
        (t.BTN_NO_MORE, kb.data(NS, "more", "no")),
    ]
    return {
        Q.COMPANY: (t.ASK_COMPANY, [skip]),
        Q.ROLE: (t.ASK_ROLE, [skip]),
        Q.WHEN: (t.ASK_WHEN, [[(t.BTN_JUST_NOW, kb.data(NS, "now"))], skip]),
        Q.WHERE: (t.ASK_WHERE, [skip]),
        Q.INTERVIEWER: (t.ASK_INTERVIEWER, [skip]),
        Q.MORE: (t.ASK_MORE_INTERVIEWERS, [more]),
        Q.NEXT_STAGE: (t.ASK_NEXT_STAGE, [[(t.BTN_DIDNT_ASK, kb.data(NS, "didnt_ask"))], skip]),
        Q.REPLY_BY: (t.ASK_REPLY_BY, [reply[:2], reply[2:]]),
        Q.PROCESS: (t.ASK_PROCESS, [[(t.BTN_NOTHING_MENTIONED, kb.data(NS, "nothing"))]]),
        Q.RATING: (t.ASK_RATING, [rate, skip]),
        Q.WENT_WELL: (t.ASK_WENT_WELL, [skip]),
        Q.NOT_LANDED: (t.ASK_NOT_LANDED, [skip]),
    }


_ASKED = _asked()


def question(
    q: Q, name: str = "", *, ahead: bool = False
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text (HTML) and buttons of question `q`. `name`: the interviewer whose email the
    EMAIL question asks for (plain text: escaped here); `ahead`: the interview is still to
    come (the interviewer question in the future tense). CHOOSE's text still needs its label:
    the debrief shows it with `choice_keyboard` itself."""
    if q is Q.INTERVIEWER and ahead:
        return t.ASK_INTERVIEWER_AHEAD, kb.keyboard([[(t.BTN_DONT_KNOW_YET, kb.data(NS, "skip"))]])
    if q is Q.TZ:
        return ts.ASK_TZ, _tz_keyboard()
    if q is Q.CHOOSE:
        return t.CHOOSE, None
    if q is Q.EMAIL:
        return t.ASK_INTERVIEWER_EMAIL.format(name=tc.esc(name)), kb.keyboard([skip_row()])
    text, rows = _ASKED[q]
    return text, kb.keyboard(rows)
