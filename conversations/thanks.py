"""/thanks: step 4, a thank-you note to each interviewer, one at a time.

This module starts the step and asks its questions; the notes and the buttons under them are
in `thanks_notes`, changing a note in `thanks_change`, the states and scratch data in
`thanks_scratch`. Only the questions that wait for an answer (a name, the addition, late or
not, someone else) are states: the buttons under a note carry their ids and work anywhere.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.rules.coaching import THANKS_TOO_LATE, Step, StepState
from bot.rules.models import Interview, Interviewer
from bot.rules.timing import TYPICAL_LENGTH, local_text, zone
from bot.texts import common as tc
from bot.texts import thanks as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    interview_for,
    mark_step,
    matched,
    say,
    too_long,
)
from conversations.general import show_next
from conversations.people import add_people, who
from conversations.thanks_change import ask_change, change, change_answer, clear, keep
from conversations.thanks_notes import (
    CHANGE_PATTERN,
    SENT_PATTERN,
    SKIP_REST_PATTERN,
    ensure_done,
    next_draft,
    pass_person,
    sent,
    skip_rest,
)
from conversations.thanks_scratch import NS, Q, held, remember, saved_interview, saved_person

NAME_LIMIT = 200  # characters of an interviewer's name


# --- entry -----------------------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    """/thanks or an "open:thanks[:<id>]" button: the next note, or the question before it."""
    await answered(update, ctx)
    interview = await interview_for(update, ctx, NS)
    if interview is None:
        return END
    remember(ctx, interview)
    ctx.udata["thanks_passed"] = []
    user = await current_user(update, ctx)
    tz, now = zone(user.tz), ctx.now()
    if interview.held_at is not None and interview.held_at > now:
        when = local_text(interview.held_at - TYPICAL_LENGTH, tz, now)
        await say(update, ctx, t.NOT_YET.format(when=when))
        return END
    people = await ctx.store.interviewers.for_interview(interview.id)
    if people and all(p.thanks_sent_at for p in people):
        await ensure_done(ctx, interview.id)
        return await _ask_more(update, ctx, interview, people)
    steps = await ctx.store.interviews.steps(interview.id)
    late_ok = interview.id in ctx.udata.get("thanks_late_ok", [])
    if now >= held(interview) + THANKS_TOO_LATE and steps.get(Step.THANKS) is None and not late_ok:
        return await _ask_late(update, ctx)
    return await _proceed(update, ctx, interview)


async def _proceed(update: Update, ctx: Ctx, interview: Interview) -> object:
    if not await ctx.store.interviewers.for_interview(interview.id):
        return await _ask_name(update, ctx)
    return await next_draft(update, ctx, interview)


async def _ask_name(update: Update, ctx: Ctx) -> Q:
    await say(update, ctx, t.ASK_NAME, kb.keyboard([[kb.skip_button(NS)]]))
    return Q.NAME


async def _ask_late(update: Update, ctx: Ctx) -> Q:
    buttons = [
        [(t.BTN_LATE_SKIP, kb.data(NS, "late", "skip"))],
        [(t.BTN_LATE_WRITE, kb.data(NS, "late", "go"))],
    ]
    await say(update, ctx, t.LATE, kb.keyboard(buttons))
    return Q.LATE


async def _ask_more(update: Update, ctx: Ctx, interview: Interview, people: list[Interviewer]) -> Q:
    names = ", ".join(tc.esc(p.name) for p in people)
    text = t.ALL_SENT_BEFORE.format(label=tc.esc(interview.label), names=names)
    buttons = [
        (t.BTN_ADD_PERSON, kb.data(NS, "more", "add")),
        (t.BTN_EVERYONE, kb.data(NS, "more", "no")),
    ]
    await say(update, ctx, text, kb.keyboard([buttons]))
    return Q.MORE


# --- the answers -----------------------------------------------------------------------------
async def name_answer(update: Update, ctx: Ctx) -> object:
    """An interviewer's name, typed: added, and their note drafted."""
    if await too_long(update, ctx, NAME_LIMIT):
        return None
    interview = await saved_interview(update, ctx)
    if interview is None:
        await say(update, ctx, t.NO_PERSON)
        return END
    added = await add_people(update, ctx, interview.id)
    if not added:
        return None
    async with ctx.store.transaction() as tx:
        # A new person means the step is open again until they're thanked too.
        if (await tx.interviews.steps(interview.id)).get(Step.THANKS) is StepState.DONE:
            await tx.interviews.set_step(interview.id, Step.THANKS, StepState.PENDING)
    await say(update, ctx, t.NAME_ADDED.format(name=who(added)))
    return await next_draft(update, ctx, interview)


async def skip_name(update: Update, ctx: Ctx) -> object:
    """Skip the name: back to the notes, or with nobody to thank, the step is skipped."""
    await answered(update, ctx, tc.BTN_SKIP)
    interview = await saved_interview(update, ctx)
    if interview is None:
        return END
    if await ctx.store.interviewers.for_interview(interview.id):
        return await next_draft(update, ctx, interview)  # came from "Add someone"
    await mark_step(ctx, interview.id, Step.THANKS, StepState.SKIPPED)
    await say(update, ctx, t.NAME_SKIPPED)
    return END


async def late_answer(update: Update, ctx: Ctx) -> object:
    """More than 48 hours on: write the note anyway ("go"), or skip to the follow-up."""
    interview = await saved_interview(update, ctx)
    if interview is None:
        await answered(update, ctx)
        return END
    if matched(ctx, "choice") == "go":
        await answered(update, ctx, t.BTN_LATE_WRITE)
        ctx.udata.setdefault("thanks_late_ok", []).append(interview.id)
        return await _proceed(update, ctx, interview)
    await answered(update, ctx, t.BTN_LATE_SKIP)
    await mark_step(ctx, interview.id, Step.THANKS, StepState.SKIPPED)
    button = (t.BTN_FOLLOWUP, kb.open_step("followup", interview.id))
    await say(update, ctx, t.LATE_SKIPPED, kb.column([button]))
    return END


async def more_answer(update: Update, ctx: Ctx) -> object:
    """Everyone is thanked: add someone ("add"), or that's everyone."""
    if matched(ctx, "choice") == "add":
        await answered(update, ctx, t.BTN_ADD_PERSON)
        return await _ask_name(update, ctx)
    await answered(update, ctx, t.BTN_EVERYONE)
    await show_next(update, ctx)
    return END


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask the question of `state` again (after a stray message or an old button)."""
    if state == Q.NAME:
        await _ask_name(update, ctx)
        return
    if state == Q.LATE:
        await _ask_late(update, ctx)
        return
    interview = await saved_interview(update, ctx)
    if state == Q.MORE and interview is not None:
        people = await ctx.store.interviewers.for_interview(interview.id)
        await _ask_more(update, ctx, interview, people)
        return
    owned = await saved_person(update, ctx) if interview is not None else None
    if owned is None:
        await say(update, ctx, t.NO_PERSON)
    elif state == Q.CHANGE:
        await ask_change(update, ctx, *owned)
    else:
        await say(update, ctx, t.DRAFT_HINT.format(name=tc.esc(owned[1].name)))


def handlers() -> Conversation:
    """The step's handlers (registered by bot/app/handlers.py)."""
    text = filters.TEXT & ~filters.COMMAND
    skip = [CommandHandler("skip", skip_name), CallbackQueryHandler(skip_name, rf"^{NS}:skip$")]
    states: dict[StrEnum, list[Any]] = {
        Q.NAME: [MessageHandler(text, name_answer), *skip],
        Q.LATE: [CallbackQueryHandler(late_answer, pattern=rf"^{NS}:late:(?P<choice>skip|go)$")],
        Q.DRAFT: [CommandHandler("skip", pass_person)],
        Q.CHANGE: [
            MessageHandler(text, change_answer),
            CallbackQueryHandler(keep, pattern=rf"^{NS}:keep$"),
            CommandHandler("skip", keep),
            CallbackQueryHandler(clear, pattern=rf"^{NS}:clear$"),
        ],
        Q.MORE: [CallbackQueryHandler(more_answer, pattern=rf"^{NS}:more:(?P<choice>add|no)$")],
    }
    # Buttons that carry their ids work from any state, after a restart or from a nudge.
    anywhere = [
        CallbackQueryHandler(sent, pattern=SENT_PATTERN),
        CallbackQueryHandler(change, pattern=CHANGE_PATTERN),
    ]
    return conversation(
        NS,
        commands=["thanks"],
        steps=["thanks"],
        entry=entry,
        states=states,
        reask=reask,
        extra_entry_points=anywhere,
        buttons=[CallbackQueryHandler(skip_rest, pattern=SKIP_REST_PATTERN)],
    )
