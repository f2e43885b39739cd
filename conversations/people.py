"""Interviewers typed on one line, added as people (issue 14): "Priya Shah (Head of
Analytics) and Tom O'Neill from HR" is two interviewers with their job titles; "dunno yet" is
nobody. Shared by the debrief and /thanks, which both ask who interviewed the user.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.rules.models import Interviewer
from bot.rules.people import read_people
from bot.texts import common as tc
from bot.texts import people as t
from bot.tg.context import Ctx
from conversations.common import say, text_of


async def add_people(
    update: Update,
    ctx: Ctx,
    interview_id: int,
    text: str | None = None,
    *,
    refused: InlineKeyboardMarkup | None = None,
) -> list[Interviewer]:
    """The interviewers in the user's message (or in `text`, the part of it that names
    them), added to the interview in the order typed; none (and a line saying so, with the
    buttons `refused`: the question's own) when it holds no name."""
    text = text_of(update) if text is None else text
    people = read_people(text)
    if not people:
        await say(update, ctx, t.NOT_A_NAME.format(text=tc.esc(text[:60])), refused)
        return []
    added = []
    async with ctx.store.transaction() as tx:
        for person in people:
            added.append(
                await tx.interviewers.add(interview_id, person.name, None, person.job_title)
            )
    return added


def who(people: list[Interviewer]) -> str:
    """ "Priya Shah (Head of Analytics), Tom O'Neill (HR)": the people added, for the user."""
    return ", ".join(tc.esc(f"{p.name} ({p.job_title})" if p.job_title else p.name) for p in people)
