"""/thanks: the step's states, and the scratch data its questions share.

The scratch data (`ctx.udata`, saved with the conversation) remembers the interview
("thanks_id"), the interviewer whose note is on screen ("thanks_person"), the people passed
over with /skip ("thanks_passed") and the interviews whose late note the user still wants
("thanks_late_ok"). Its ids are loaded through the owner checks all the same: a row may be
gone (/forget) since it was saved.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from telegram import Update

from bot.rules.models import Interview, Interviewer
from bot.tg.context import Ctx
from conversations.common import kept_id, owned_interview, owned_interviewer

NS = "thanks"


class Q(StrEnum):
    NAME = "thanks.name"
    LATE = "thanks.late"
    DRAFT = "thanks.draft"
    CHANGE = "thanks.change"
    MORE = "thanks.more"


async def saved_interview(update: Update, ctx: Ctx) -> Interview | None:
    """The interview the step is about, if it is still the user's."""
    return await owned_interview(update, ctx, kept_id(ctx, "thanks_id"))


async def saved_person(update: Update, ctx: Ctx) -> tuple[Interview, Interviewer] | None:
    """The interview and the interviewer whose note is on screen, if both are still there."""
    return await owned_interviewer(
        update, ctx, kept_id(ctx, "thanks_id"), kept_id(ctx, "thanks_person")
    )


def remember(ctx: Ctx, interview: Interview, person: Interviewer | None = None) -> None:
    """Save the interview (and the interviewer) the next answers are about."""
    ctx.udata["thanks_id"] = interview.id
    if person is not None:
        ctx.udata["thanks_person"] = person.id


def held(interview: Interview) -> datetime:
    """When the interview took place (UTC); when it was recorded if the time is unknown."""
    return interview.held_at or interview.created_at
