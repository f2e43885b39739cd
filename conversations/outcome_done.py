"""Keeping in contact, done: "Sent it" under the path's drafts, Done ✓, and Wrap it up (which
closes the interview, skipping whatever is still open)."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup, Update

from bot.rules.coaching import (
    FEEDBACK_AFTER,
    FEEDBACK_WITHIN,
    Outcome,
    Step,
    StepPlan,
    StepState,
    is_finished,
    open_steps,
)
from bot.rules.models import Interview
from bot.rules.nudges import Quiet
from bot.storage.journey import plan_for
from bot.texts import common as tc
from bot.texts import drafts as td
from bot.texts import outcome as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.adviser_relay import ask_rows
from conversations.common import answered, current_user, mark_step, matched, say
from conversations.endings import NEXT_DATA, STATUS_DATA, onward
from conversations.general_replies import stale_button
from conversations.outcome_common import NS, button_interview, say_closed


async def sent(update: Update, ctx: Ctx) -> object:
    """ "Sent it" on a rejection reply, LinkedIn note or referee thanks: shown in place.

    The rejection reply is the heart of keeping in contact after a "no": once it's sent the
    step is done, so its "thank them" nudge doesn't come after all.
    """
    interview = await button_interview(update, ctx)
    if interview is None:
        await stale_button(update, ctx)
        return None
    await answered(update, ctx, td.BTN_SENT)
    if matched(ctx, "kind") == "reply" and interview.outcome is Outcome.REJECTED:
        await mark_step(ctx, interview.id, Step.KEEP_CONTACT, StepState.DONE)
        await close_if_finished(update, ctx, interview)
    return None


async def close_if_finished(update: Update, ctx: Ctx, interview: Interview) -> bool:
    """After a step of an interview with an outcome is marked: when nothing is left (the
    reply was all Done ✓ kept it open for), close it with the closing words. Returns whether
    it closed. An interview still waiting for its outcome is never closed here."""
    if interview.outcome is None or interview.status != "active":
        return False
    user = await current_user(update, ctx)
    if not is_finished(await plan_for(ctx.store, user, interview, ctx.now())):
        return False
    await _close(ctx, interview, [])
    finished = _finished(interview).format(label=tc.esc(interview.label))
    await say(update, ctx, finished, after_close_markup(ctx))
    return True


def _reply_pending(interview: Interview, steps: list[StepPlan], now: datetime) -> bool:
    """After a rejection: the reply asking for feedback not sent yet, and still worth sending
    (the week after the decision)."""
    if interview.outcome is not Outcome.REJECTED or interview.outcome_at is None:
        return False
    keep = next((s for s in steps if s.step is Step.KEEP_CONTACT), None)
    return keep is not None and keep.is_open and now < interview.outcome_at + FEEDBACK_WITHIN


async def _keep_for_reply(
    update: Update, ctx: Ctx, interview: Interview, steps: list[StepPlan]
) -> None:
    """Done ✓ before the rejection reply went out: wrap everything else up, keep the reply
    (and its nudge, due a day after the decision) until Sent it."""
    others = [s.step for s in open_steps(steps) if s.step is not Step.KEEP_CONTACT]
    async with ctx.store.transaction() as tx:
        for step in others:
            await tx.interviews.set_step(interview.id, step, StepState.SKIPPED)
    user = await current_user(update, ctx)
    quiet, now = Quiet.for_user(user), ctx.now()
    at = interview.outcome_at or now
    text = t.REPLY_LEFT.format(
        label=tc.esc(interview.label),
        after=quiet.due_text(at + FEEDBACK_AFTER, now),
        by=quiet.by_text(at + FEEDBACK_WITHIN, now),
    )
    sent_already = [(t.BTN_SENT_ALREADY, kb.data(NS, "sent", interview.id, "reply"))]
    await say(update, ctx, text, onward(STATUS_DATA, above=[sent_already]))


async def _still_open(update: Update, ctx: Ctx) -> tuple[Interview | None, object]:
    """The active interview of a Done / Wrap button, or None after saying why not, with the
    state to return then (a stale button leaves the question as it was; a closed one ends)."""
    interview = await button_interview(update, ctx)
    if interview is None:
        await stale_button(update, ctx)
        return None, None
    if interview.status == "closed":
        await answered(update, ctx)
        await say_closed(update, ctx, interview)
        return None, END
    return interview, None


async def done(update: Update, ctx: Ctx) -> object:
    """Done ✓: keeping in contact is over; the interview closes when nothing else is open
    (or the user withdrew), else the steps still open are listed with a Wrap button."""
    interview, otherwise = await _still_open(update, ctx)
    if interview is None:
        return otherwise
    await answered(update, ctx, t.BTN_DONE)
    user = await current_user(update, ctx)
    steps = await plan_for(ctx.store, user, interview, ctx.now())
    if _reply_pending(interview, steps, ctx.now()):
        await _keep_for_reply(update, ctx, interview, steps)
        return END
    await mark_step(ctx, interview.id, Step.KEEP_CONTACT, StepState.DONE)
    steps = await plan_for(ctx.store, user, interview, ctx.now())
    label = tc.esc(interview.label)
    if is_finished(steps):
        await _close(ctx, interview, [])
        await say(update, ctx, _finished(interview).format(label=label), after_close_markup(ctx))
    elif interview.outcome is Outcome.WITHDRAWN:
        # Nothing else is worth doing for an application the user withdrew.
        await _close(ctx, interview, [s.step for s in open_steps(steps)], StepState.NOT_APPLICABLE)
        await say(update, ctx, t.WITHDRAWN_CLOSED.format(label=label), after_close_markup(ctx))
    else:
        names = ", ".join(tc.STEP_NAMES[s.step] for s in open_steps(steps))
        button = (t.BTN_WRAP, kb.data(NS, "wrap", interview.id))
        await say(update, ctx, t.STILL_OPEN.format(label=label, steps=names), kb.column([button]))
    return END


async def wrap(update: Update, ctx: Ctx) -> object:
    """Skip whatever is still open and close the interview."""
    interview, otherwise = await _still_open(update, ctx)
    if interview is None:
        return otherwise
    await answered(update, ctx, t.BTN_WRAP)
    user = await current_user(update, ctx)
    steps = await plan_for(ctx.store, user, interview, ctx.now())
    await _close(ctx, interview, [s.step for s in open_steps(steps)], StepState.SKIPPED)
    finished = _finished(interview).format(label=tc.esc(interview.label))
    await say(update, ctx, finished, after_close_markup(ctx))
    return END


def after_close_markup(ctx: Ctx) -> InlineKeyboardMarkup:
    """Under the closing words: What's next? and Where things stand (the closed interview is
    history there), below "Ask an adviser" when there are advisers."""
    return onward(NEXT_DATA, STATUS_DATA, above=ask_rows(ctx.runtime.settings))


def _finished(interview: Interview) -> str:
    """The closing words: congratulations only for an offer."""
    if interview.outcome is None:
        return t.FINISHED
    return t.FINISHED_BY_OUTCOME.get(interview.outcome, t.FINISHED)


async def _close(
    ctx: Ctx, interview: Interview, steps: list[Step], state: StepState = StepState.SKIPPED
) -> None:
    async with ctx.store.transaction() as tx:
        for step in steps:
            await tx.interviews.set_step(interview.id, step, state)
        await tx.interviews.update(interview.id, status="closed")
