"""The debrief's questions: their states, their order, and how each is asked.

Kept apart from the handlers in conversations/debrief.py, which decide what to ask next.
"""

from __future__ import annotations

from enum import StrEnum

from telegram import InlineKeyboardMarkup

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
    Q.WENT_WELL: "went_well",
    Q.NOT_LANDED: "not_landed",
}
ORDER: tuple[Q, ...] = (
    Q.COMPANY,
    Q.ROLE,
    Q.WHEN,
    Q.INTERVIEWER,
    Q.NEXT_STAGE,
    Q.REPLY_BY,
    Q.PROCESS,
    Q.RATING,
    Q.WENT_WELL,
    Q.NOT_LANDED,
)


def skip_row() -> list[tuple[str, str]]:
    return [kb.skip_button(NS)]


def question(q: Q, name: str = "") -> tuple[str, InlineKeyboardMarkup | None]:
    skip = skip_row()
    match q:
        case Q.TZ:
            zones = [(label, kb.data(NS, "tz", zone_name)) for label, zone_name in ts.COMMON_ZONES]
            return ts.ASK_TZ, kb.grid(zones, width=3)
        case Q.COMPANY:
            return t.ASK_COMPANY, kb.keyboard([skip])
        case Q.ROLE:
            return t.ASK_ROLE, kb.keyboard([skip])
        case Q.WHEN:
            return t.ASK_WHEN, kb.keyboard([[(t.BTN_JUST_NOW, kb.data(NS, "now"))], skip])
        case Q.INTERVIEWER:
            return t.ASK_INTERVIEWER, kb.keyboard([skip])
        case Q.EMAIL:
            return t.ASK_INTERVIEWER_EMAIL.format(name=tc.esc(name)), kb.keyboard([skip])
        case Q.MORE:
            return t.ASK_MORE_INTERVIEWERS, kb.keyboard(
                [
                    [
                        (t.BTN_ADD_INTERVIEWER, kb.data(NS, "more", "yes")),
                        (t.BTN_NO_MORE, kb.data(NS, "more", "no")),
                    ]
                ]
            )
        case Q.NEXT_STAGE:
            return t.ASK_NEXT_STAGE, kb.keyboard(
                [[(t.BTN_DIDNT_ASK, kb.data(NS, "didnt_ask"))], skip]
            )
        case Q.REPLY_BY:
            return t.ASK_REPLY_BY, kb.keyboard(
                [
                    [
                        (t.BTN_WITHIN_WEEK, kb.data(NS, "reply", "in a week")),
                        (t.BTN_TWO_WEEKS, kb.data(NS, "reply", "in 2 weeks")),
                    ],
                    [(t.BTN_NOT_SAID, kb.data(NS, "reply", "none"))],
                ]
            )
        case Q.PROCESS:
            return t.ASK_PROCESS, kb.keyboard([[(t.BTN_NOTHING_MENTIONED, kb.data(NS, "nothing"))]])
        case Q.RATING:
            return t.ASK_RATING, kb.keyboard(
                [[(str(n), kb.data(NS, "rate", n)) for n in range(1, 6)], skip]
            )
        case Q.WENT_WELL:
            return t.ASK_WENT_WELL, kb.keyboard([skip])
        case Q.NOT_LANDED:
            return t.ASK_NOT_LANDED, kb.keyboard([skip])
        case Q.CHOOSE:
            return t.CHOOSE, None
    raise AssertionError(q)
