"""The interviewer a button or the step's scratch data names, checked against the user.

Button data can be forged: an interviewer id counts only together with an interview of the
user's (`owned_interview`), and only when the interviewer belongs to that interview.
"""

from __future__ import annotations

from telegram import Update

from bot.rules.models import Interview, Interviewer
from bot.tg.context import Ctx
from conversations.common import owned_interview


async def owned_interviewer(
    update: Update, ctx: Ctx, interview_id: int | None, person_id: int | None
) -> tuple[Interview, Interviewer] | None:
    """(interview, interviewer) when the interview is the user's and the interviewer is one of
    its people; None when either id is missing, stale, forged or someone else's."""
    interview = await owned_interview(update, ctx, interview_id)
    if interview is None or person_id is None:
        return None
    person = await ctx.store.interviewers.get(person_id)
    if person is None or person.interview_id != interview.id:
        return None
    return interview, person
