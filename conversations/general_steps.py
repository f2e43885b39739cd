"""Steps carried out outside a conversation: the advice of a step that has none (Prepare, Keep
trying, Keep in contact) and the buttons that mark any step done or skipped.

Button data: "tips:<step>:<interview id>", "done:<step>:<id>", "skipstep:<step>:<id>"."""

from __future__ import annotations

import re
from datetime import datetime

from telegram import Update

from bot.rules.coaching import FEEDBACK_WITHIN, Outcome, Step, StepPlan, StepState
from bot.rules.models import Interview
from bot.storage.journey import plan_for
from bot.texts import common as tc
from bot.texts import general as t
from bot.texts import journey as tj
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations.common import (
    answered,
    current_user,
    joined,
    mark_step,
    matched,
    matched_id,
    owned_interview,
    say,
)
from conversations.general_next import show_next
from conversations.general_replies import stale_button
from conversations.outcome_done import close_if_finished
from conversations.prepare import prep_text

_STEP = "|".join(re.escape(step.value) for step in Step)
TIPS_PATTERN = rf"^tips:(?P<step>{_STEP}):(?P<iid>[0-9]+)$"
MARK_PATTERN = rf"^(?P<mark>done|skipstep):(?P<step>{_STEP}):(?P<iid>[0-9]+)$"


async def _owned_step(update: Update, ctx: Ctx) -> tuple[Interview, Step] | None:
    """The interview and step the pressed button names, if the interview is the user's
    (whatever its status: the keep-in-touch nudge comes months after a rejection closed it)."""
    step = matched(ctx, "step")
    if step is None or step not in Step.__members__.values():
        return None
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    return (interview, Step(step)) if interview is not None else None


async def tips(update: Update, ctx: Ctx) -> None:
    """A step with no conversation: its advice, then Done or Skip."""
    owned = await _owned_step(update, ctx)
    if owned is None:
        await stale_button(update, ctx)
        return
    interview, step = owned
    await answered(update, ctx)
    user = await current_user(update, ctx)
    steps = await plan_for(ctx.store, user, interview, ctx.now())
    found = next((s for s in steps if s.step is step), None)
    reason = found.reason if found else step.value
    if _keep_in_touch_due(interview, found, ctx.now()):
        reason = "keep_in_touch"  # the reply is behind them; this is the hello months on
    text = t.STEP_TIPS.format(
        step=tc.STEP_NAMES[step],
        label=tc.esc(interview.label),
        reason=tj.REASONS.get(reason) or tj.REASONS.get(step.value, ""),
    )
    if step is Step.PREPARE:
        text = joined(text, await prep_text(ctx, user, interview))
    done = (t.BTN_MARK_DONE, kb.data("done", step.value, interview.id))
    skip = (t.BTN_MARK_SKIP, kb.data("skipstep", step.value, interview.id))
    await say(update, ctx, text, kb.keyboard([[done, skip]]))


def _keep_in_touch_due(interview: Interview, item: StepPlan | None, now: datetime) -> bool:
    """After a rejection, keep in contact is the hello three months on once the reply is done
    with (sent, skipped, or its week has passed)."""
    if item is None or item.step is not Step.KEEP_CONTACT:
        return False
    if interview.outcome is not Outcome.REJECTED or interview.outcome_at is None:
        return False
    return not item.is_open or now >= interview.outcome_at + FEEDBACK_WITHIN


async def mark(update: Update, ctx: Ctx) -> None:
    """Done or Skip under a step's advice: record it, then show what's next."""
    owned = await _owned_step(update, ctx)
    if owned is None:
        await stale_button(update, ctx)
        return
    interview, step = owned
    done = matched(ctx, "mark") == "done"
    await answered(update, ctx, t.BTN_MARK_DONE if done else t.BTN_MARK_SKIP)
    await mark_step(ctx, interview.id, step, StepState.DONE if done else StepState.SKIPPED)
    template = t.STEP_MARKED_DONE if done else t.STEP_MARKED_SKIPPED
    await say(update, ctx, template.format(step=tc.STEP_NAMES[step], label=tc.esc(interview.label)))
    if not await close_if_finished(update, ctx, interview):  # its closing words say what's next
        await show_next(update, ctx)
