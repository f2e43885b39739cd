"""What's next and where things stand: /next (and "what's next?"), /status, and the button data
that starts a step (shared with the nudges)."""

from __future__ import annotations

from telegram import Update

from bot.rules.coaching import Step, StepPlan, StepState
from bot.rules.lateness import AFTER_THE_INTERVIEW, Lateness, lateness, still_to_come
from bot.rules.models import Interview
from bot.rules.nudges import Quiet
from bot.rules.timing import local_text, zone
from bot.storage.journey import pick_next, plans_for_user, user_facts
from bot.texts import common as tc
from bot.texts import journey as tj
from bot.texts import operator as to
from bot.texts import prepare as tp
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.limits import pack
from conversations.adviser_relay import ask_markup
from conversations.common import answered, current_user, joined, say
from conversations.general_history import coming_up, history_blocks, labels_apart, status_markup
from conversations.prepare import prep_text, when_text

# Steps without a conversation of their own: "Start" shows the advice with Done / Skip.
TIP_STEPS = frozenset({Step.PREPARE, Step.KEEP_TRYING, Step.KEEP_CONTACT})
# Steps that must not be done before they're due (following up too soon seems needy).
WAIT_FOR_DUE = frozenset({Step.FOLLOWUP, Step.OUTCOME})
# The conversation that carries out each step (the "open:<step>" entry it listens to).
STEP_ENTRY: dict[Step, str] = {
    Step.DEBRIEF: "debrief",
    Step.REFLECT: "reflect",
    Step.NOTES: "notes",
    Step.THANKS: "thanks",
    Step.SOCIAL: "social",
    Step.REFEREES: "referees",
    Step.FOLLOWUP: "followup",
    Step.OUTCOME: "outcome",
    Step.KEEP_CONTACT: "tips",
    Step.PREPARE: "tips",
    Step.KEEP_TRYING: "tips",
}


def open_data(step: Step, interview_id: int) -> str:
    """Data of the button that starts `step` for the interview: "open:<entry>:<id>", or
    "tips:<step>:<id>" for a step with no conversation (see conversations/general_steps.py)."""
    if STEP_ENTRY[step] == "tips":
        return kb.data("tips", step.value, interview_id)
    return kb.open_step(STEP_ENTRY[step], interview_id)


def _due_text(item: StepPlan, tz_name: str | None, ctx: Ctx) -> str:
    """The step's own due time (rule time: what "overdue since" counts from)."""
    assert item.due_at is not None
    return local_text(item.due_at, zone(tz_name), ctx.now())


def _nudge_text(item: StepPlan, tz_name: str | None, ctx: Ctx, quiet: Quiet | None) -> str:
    """When the step's nudge comes: its due time, after the user's `quiet` hours if any."""
    assert item.due_at is not None
    if quiet is None:
        return _due_text(item, tz_name, ctx)
    return quiet.due_text(item.due_at, ctx.now())


def next_text(
    interview: Interview, item: StepPlan, tz_name: str | None, ctx: Ctx, quiet: Quiet | None = None
) -> str:
    """What /next says about `item`, the step picked for `interview`: its reason, and when
    (overdue with what to do now, due, fine to do early, or not before its time). "I'll
    remind you …" gives the time the nudge comes: after the user's `quiet` hours, if any."""
    step, now = item.step, ctx.now()
    values = {
        "step": tc.STEP_NAMES[step],
        "label": tc.esc(interview.label),
        "reason": tj.REASONS[item.reason],
        "due": _due_text(item, tz_name, ctx),
        "now": tp.DO_NOW.get(item.reason, tp.DO_NOW_DEFAULT),
    }
    late = lateness(item, now, interview.created_at)
    if late is Lateness.OVERDUE:
        return tp.NEXT_OVERDUE.format(**values)
    if late is Lateness.OVERDUE_FROM_START:
        return tp.NEXT_OVERDUE_FROM_START.format(**values)
    if late is Lateness.DUE:
        return tj.NEXT_DUE_NOW.format(**values)
    # Not due yet: the time its nudge comes, after the quiet hours (issue 15).
    values["due"] = _nudge_text(item, tz_name, ctx, quiet)
    if still_to_come(interview.held_at, now) and step in AFTER_THE_INTERVIEW:
        when = when_text(interview, zone(tz_name), now)
        return tp.NEXT_AFTER.format(when=when, **values)
    if step in WAIT_FOR_DUE:
        return tj.NEXT_LATER.format(**values)
    return tj.NEXT_EARLY.format(**values)


async def show_next(update: Update, ctx: Ctx, *, lead: str | None = None) -> None:
    """The next step with its reason, due time and a button that starts it (after `lead`,
    see `say`). Preparing for an interview still to come shows its checklist."""
    user = await current_user(update, ctx)
    now = ctx.now()
    found = pick_next(await plans_for_user(ctx.store, user, now), now)
    if found is None:
        # The end of the journey: like the seed articles, close with who can help next.
        settings = ctx.runtime.settings
        ask = ask_markup(settings)  # the organisation's advisers, if any
        # A question still open (a debrief's first answers) is what's next, not a rest.
        asking = ctx.pending is not None and ctx.pending.state is not None
        nothing = tj.NEXT_ONLY_THE_QUESTION if asking else tj.NEXT_NOTHING
        text = joined(nothing, await coming_up(ctx, user))  # keeping in touch
        await say(update, ctx, to.with_contact(text, settings), ask, lead=lead)
        return
    interview, nxt = found
    step = nxt.plan.step
    quiet = Quiet.for_user(user)
    text = next_text(interview, nxt.plan, user.tz, ctx, quiet)
    if step is Step.PREPARE:
        text = joined(text, await prep_text(ctx, user, interview))
    button = tj.NEXT_BUTTON.format(step=tc.STEP_NAMES[step])
    await say(update, ctx, text, kb.column([(button, open_data(step, interview.id))]), lead=lead)


async def next_command(update: Update, ctx: Ctx) -> None:
    """/next and the "What's next?" button."""
    await answered(update, ctx)
    await show_next(update, ctx)


async def status(update: Update, ctx: Ctx) -> None:
    """/status: every interview with its steps, done or due when (in the user's zone)."""
    user = await current_user(update, ctx)
    await answered(update, ctx)
    facts = await user_facts(ctx.store, user)
    plans = facts.plans(ctx.now())
    history = await history_blocks(ctx, user, facts)  # closed interviews (issue 15)
    if not plans and not history:
        await say(update, ctx, tj.STATUS_EMPTY)
        return
    labels = labels_apart([p.interview for p in plans], zone(user.tz))
    quiet = Quiet.for_user(user)
    blocks = []
    for item in plans:
        lines = [tj.STATUS_HEADER.format(label=tc.esc(labels[item.interview.id]))]
        # No time yet: every step waits for the date ("when is it?" is the debrief's reason).
        undated = any(s.reason == "debrief_when" for s in item.steps)
        waiting = tj.STATUS_LINE_UNDATED if undated else tj.STATUS_LINE_WAITING
        for step in item.steps:
            line = status_line(step, item.interview, user.tz, ctx, quiet)
            mark, name = tc.STATE_MARKS[step.state], tc.STEP_NAMES[step.step]
            if line is None and step.state is StepState.PENDING and step.due_at is None:
                line = waiting.format(mark=mark, step=name)
            if line is not None:
                lines.append(line)
        blocks.append("\n".join(lines))
    messages = status_messages(blocks + history)
    onward = status_markup([p.interview for p in plans], labels)
    for n, message in enumerate(messages, start=1):
        await say(update, ctx, message, onward if n == len(messages) else None)


def status_line(
    item: StepPlan, interview: Interview, tz_name: str | None, ctx: Ctx, quiet: Quiet | None = None
) -> str | None:
    """One step's line in /status: done or skipped, overdue (with what to do), due when (when
    its nudge comes, after the user's `quiet` hours); None for a step that doesn't apply or
    waits on something (the caller says what)."""
    mark, name = tc.STATE_MARKS[item.state], tc.STEP_NAMES[item.step]
    if item.state is StepState.NOT_APPLICABLE:
        return tp.STATUS_FOLDED.format(step=name) if item.reason == "thanks_folded" else None
    if item.state is not StepState.PENDING:
        return tj.STATUS_LINE_DONE.format(mark=mark, step=name)
    if item.due_at is None:
        return None
    due = _due_text(item, tz_name, ctx)
    late = lateness(item, ctx.now(), interview.created_at)
    if late is Lateness.OVERDUE:
        return tp.STATUS_OVERDUE.format(step=name, due=due)
    if late is Lateness.OVERDUE_FROM_START:
        return tp.STATUS_OVERDUE_FROM_START.format(step=name)
    due = _nudge_text(item, tz_name, ctx, quiet)
    return tj.STATUS_LINE_PENDING.format(mark=mark, step=name, due=due)


# Telegram refuses messages over 4096 characters; /status stays well inside, one message per
# group of whole interview blocks.
STATUS_BUDGET = 3500


def status_messages(blocks: list[str], budget: int = STATUS_BUDGET) -> list[str]:
    """Join interview blocks into as few messages as fit `budget` characters each."""
    return ["\n\n".join(group) for group in pack(blocks, budget, "\n\n")]
