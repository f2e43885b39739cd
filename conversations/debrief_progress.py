"""Where a debrief stands and what comes next: the interview being debriefed (created by the
first answer), each answer saved the moment it is given, and the next open question, the tips
before an interview still to come, or the end of the debrief.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.rules.coaching import Step, StepState
from bot.rules.lateness import still_to_come
from bot.rules.models import Interview
from bot.rules.timing import local_text, zone
from bot.texts import common as tc
from bot.texts import debrief as t
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import current_user, joined, mark_step, say
from conversations.debrief_questions import ORDER, SAID_WHEN, Q, question, said_when
from conversations.general import show_next
from conversations.prepare import prep_text

FINISHED = "debrief_finished"  # scratch: the update that gave the debrief's last answer


def _stored_id(ctx: Ctx, key: str) -> int | None:
    """A row id this step keeps in its scratch data (JSON: an int, or absent)."""
    value = ctx.udata.get(key)
    return value if isinstance(value, int) and value > 0 else None


def debrief_id(ctx: Ctx) -> int | None:
    """The id of the interview being debriefed; None before the first answer."""
    return _stored_id(ctx, "debrief_id")


def person_id(ctx: Ctx) -> int | None:
    """The id of the interviewer whose email is being asked for."""
    return _stored_id(ctx, "debrief_person")


def skipped(ctx: Ctx) -> set[str]:
    """The questions (values of Q) skipped in this debrief."""
    return set(ctx.udata.get("debrief_skipped", []))


async def ask(
    update: Update, ctx: Ctx, q: Q, *, lead: str | None = None, name: str | None = None
) -> Q:
    """Ask question `q` (after `lead`, see `say`) and return it, the state that waits for its
    answer. `name`: the interviewer the EMAIL question is about (default: the one just added)."""
    if q is Q.EMAIL and name is None:
        person = person_id(ctx)
        interviewer = await ctx.store.interviewers.get(person) if person else None
        name = interviewer.name if interviewer else ""
    ahead = False
    if q is Q.INTERVIEWER:
        interview = await current(ctx)
        ahead = interview is not None and still_to_come(interview.held_at, ctx.now())
    text, markup = question(q, name or "", ahead=ahead)
    said = ctx.udata.get(SAID_WHEN)
    if q is Q.WHEN and isinstance(said, dict):
        user = await current_user(update, ctx)
        text, markup = said_when(said, zone(user.tz), ctx.now(), user.holidays) or (text, markup)
    await say(update, ctx, text, markup, lead=lead)
    return q


async def current(ctx: Ctx) -> Interview | None:
    """The interview being debriefed, as stored; None before the first answer."""
    interview_id = debrief_id(ctx)
    return await ctx.store.interviews.get(interview_id) if interview_id else None


async def create(update: Update, ctx: Ctx, **values: Any) -> Interview:
    """The interview record, with the first answer in it; it becomes the current one (a
    trigger, see migration 004)."""
    assert update.effective_user is not None  # the guard has stored the user already
    async with ctx.store.single() as store:
        interview = await store.interviews.create(
            update.effective_user.id, logged_at=ctx.now(), **values
        )
    ctx.udata["debrief_id"] = interview.id
    return interview


async def ensure_id(update: Update, ctx: Ctx) -> int:
    """The id of the interview being debriefed, created (and made current) if need be."""
    interview_id = debrief_id(ctx)
    if interview_id is not None:
        return interview_id
    return (await create(update, ctx)).id


async def save(update: Update, ctx: Ctx, **values: Any) -> Interview | None:
    """Write an answer the moment it is given; returns the interview as it now stands."""
    interview_id = debrief_id(ctx)
    if interview_id is None:
        return await create(update, ctx, **values)
    async with ctx.store.single() as store:  # one statement: UPDATE ... RETURNING
        return await store.interviews.update(interview_id, **values)


async def first_open(ctx: Ctx, interview: Interview, after: Q | None = None) -> Q | None:
    """The first question neither answered nor skipped; None when the debrief is complete.

    `after`: the question just answered. Every question before it was answered or skipped
    when it was asked (they go in order), so the scan starts there; that spares the
    interviewers query on every answer after the interviewer question.
    """
    passed = skipped(ctx)
    answered_q = {
        Q.COMPANY: interview.company is not None,
        Q.ROLE: interview.role is not None,
        Q.WHEN: interview.held_at is not None,
        # Where it is matters only before it: asked for an interview still to come.
        Q.WHERE: interview.place is not None or not still_to_come(interview.held_at, ctx.now()),
        Q.INTERVIEWER: None,  # a query: only asked for when the scan gets there
        Q.NEXT_STAGE: interview.next_stage is not None or interview.asked_next_stage is not None,
        Q.REPLY_BY: interview.reply_by is not None or interview.reply_text is not None,
        Q.PROCESS: interview.process_info is not None,
        Q.RATING: interview.rating is not None,
        Q.WENT_WELL: interview.went_well is not None,
        Q.NOT_LANDED: interview.not_landed is not None,
    }
    for q in ORDER[ORDER.index(after) :] if after in ORDER else ORDER:
        if q.value in passed:
            continue
        done = answered_q[q]
        if done is None:
            done = bool(await ctx.store.interviewers.for_interview(interview.id))
        if not done:
            return q
    return None


async def advance(
    update: Update,
    ctx: Ctx,
    interview: Interview | None = None,
    after: Q | None = None,
    *,
    lead: str | None = None,
) -> object:
    """Ask the next open question and return its state, or END after the tips before an
    interview still to come, or at the end of the debrief. `interview`: as just saved (spares
    reading it again); `after`: the question just answered (see `first_open`); `lead`: see
    `say`."""
    if interview is None:
        interview = await current(ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW, lead=lead)
        return END
    q = await first_open(ctx, interview, after)
    past_people = q is None or ORDER.index(q) > ORDER.index(Q.INTERVIEWER)
    if past_people and still_to_come(interview.held_at, ctx.now()):
        return await _upcoming(update, ctx, interview, lead)
    debrief_done = q is None or ORDER.index(q) > ORDER.index(Q.PROCESS)
    if debrief_done and Step.DEBRIEF not in await ctx.store.interviews.steps(interview.id):
        await mark_step(ctx, interview.id, Step.DEBRIEF, StepState.DONE)
    if q is None:
        return await _finish(update, ctx, interview, lead)
    return await ask(update, ctx, q, lead=lead)


async def _upcoming(
    update: Update, ctx: Ctx, interview: Interview, lead: str | None = None
) -> object:
    """Step 0: the interview is still to come: what to do before it; the rest of the debrief
    waits for it (a nudge opens it once it's over)."""
    user = await current_user(update, ctx)
    assert interview.held_at is not None
    after = local_text(interview.held_at, zone(user.tz), ctx.now())
    prep = await prep_text(ctx, user, interview)
    await say(update, ctx, joined(prep, t.UPCOMING.format(after=after)), lead=lead)
    return END


async def _finish(
    update: Update, ctx: Ctx, interview: Interview, lead: str | None = None
) -> object:
    await mark_step(ctx, interview.id, Step.REFLECT, StepState.DONE)
    ctx.udata.pop("debrief_skipped", None)
    ctx.udata[FINISHED] = update.update_id  # its last answer stays undoable just after
    await show_next(update, ctx, lead=joined(lead, t.DONE.format(label=tc.esc(interview.label))))
    return END
