"""Always-available actions: /help, /next (and "what's next?"), /status, /interviews, and
the buttons that mark a step done or skipped. Also the last-resort replies for anything
no conversation took: unknown commands, stray text, stickers, expired buttons.
"""

from __future__ import annotations

import re
from datetime import datetime

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.rules.coaching import FEEDBACK_WITHIN, Outcome, Step, StepPlan, StepState
from bot.rules.models import Interview
from bot.rules.timing import local_text, zone
from bot.storage.journey import pick_next, plan_for, plans_for_user
from bot.texts import common as tc
from bot.texts import general as t
from bot.texts import journey as tj
from bot.texts import operator as to
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import Conversation
from conversations import KNOWN_COMMANDS
from conversations.common import (
    answered,
    current_user,
    mark_step,
    say,
    text_of,
)

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


def _due_text(item: StepPlan, tz_name: str | None, ctx: Ctx) -> str:
    assert item.due_at is not None
    return local_text(item.due_at, zone(tz_name), ctx.now())


async def show_next(update: Update, ctx: Ctx, *, lead: str | None = None) -> None:
    """The next step with its reason, due time and a button that starts it (after `lead`,
    see `say`)."""
    user = await current_user(update, ctx)
    now = ctx.now()
    found = pick_next(await plans_for_user(ctx.store, user, now), now)
    if found is None:
        # The end of the journey: like the seed articles, close with who can help next.
        await say(update, ctx, to.with_contact(tj.NEXT_NOTHING, ctx.runtime.settings), lead=lead)
        return
    interview, nxt = found
    step = nxt.plan.step
    if nxt.due_now:
        template = tj.NEXT_DUE_NOW
    elif step in WAIT_FOR_DUE:
        template = tj.NEXT_LATER
    else:
        template = tj.NEXT_EARLY
    text = template.format(
        step=tc.STEP_NAMES[step],
        label=tc.esc(interview.label),
        reason=tj.REASONS[nxt.plan.reason],
        due=_due_text(nxt.plan, user.tz, ctx),
    )
    button = tj.NEXT_BUTTON.format(step=tc.STEP_NAMES[step])
    await say(update, ctx, text, kb.column([(button, _open_data(step, interview.id))]), lead=lead)


def _open_data(step: Step, interview_id: int) -> str:
    if STEP_ENTRY[step] == "tips":
        return kb.data("tips", step.value, interview_id)
    return kb.open_step(STEP_ENTRY[step], interview_id)


async def next_command(update: Update, ctx: Ctx) -> None:
    await answered(update, ctx)
    await show_next(update, ctx)


async def status(update: Update, ctx: Ctx) -> None:
    user = await current_user(update, ctx)
    plans = await plans_for_user(ctx.store, user, ctx.now())
    if not plans:
        await say(update, ctx, tj.STATUS_EMPTY)
        return
    blocks = []
    for item in plans:
        lines = [tj.STATUS_HEADER.format(label=tc.esc(item.interview.label))]
        # No time yet: every step waits for the date ("when is it?" is the debrief's reason).
        undated = any(s.reason == "debrief_when" for s in item.steps)
        waiting = tj.STATUS_LINE_UNDATED if undated else tj.STATUS_LINE_WAITING
        for step in item.steps:
            if step.state is StepState.NOT_APPLICABLE:
                continue
            mark, name = tc.STATE_MARKS[step.state], tc.STEP_NAMES[step.step]
            if step.state is not StepState.PENDING:
                lines.append(tj.STATUS_LINE_DONE.format(mark=mark, step=name))
            elif step.due_at is None:
                lines.append(waiting.format(mark=mark, step=name))
            else:
                due = _due_text(step, user.tz, ctx)
                lines.append(tj.STATUS_LINE_PENDING.format(mark=mark, step=name, due=due))
        blocks.append("\n".join(lines))
    for message in status_messages(blocks):
        await say(update, ctx, message)


# Telegram refuses messages over 4096 characters; /status stays well inside, one message per
# group of whole interview blocks.
STATUS_BUDGET = 3500


def status_messages(blocks: list[str], budget: int = STATUS_BUDGET) -> list[str]:
    """Join interview blocks into as few messages as fit `budget` characters each."""
    messages: list[list[str]] = [[]]
    size = 0
    for block in blocks:
        if messages[-1] and size + len(block) + 2 > budget:
            messages.append([])
            size = 0
        messages[-1].append(block)
        size += len(block) + 2
    return ["\n\n".join(group) for group in messages if group]


async def interviews(update: Update, ctx: Ctx) -> None:
    user = await current_user(update, ctx)
    rows = await ctx.store.interviews.all_for(user.id)
    if not rows:
        await say(update, ctx, tj.INTERVIEWS_EMPTY)
        return
    tz = zone(user.tz)
    buttons = []
    for row in sorted(rows, key=lambda r: (r.status != "active", -r.id)):
        when = row.held_at or row.created_at
        mark = "👉 " if row.id == user.current_interview_id else ""
        label = tj.INTERVIEW_BUTTON.format(
            mark=mark, label=row.label, date=when.astimezone(tz).strftime("%-d %b")
        )
        buttons.append((label, kb.data("pick", row.id)))
    await say(update, ctx, tj.INTERVIEWS_HEADER, kb.column(buttons[:20]))


async def pick(update: Update, ctx: Ctx) -> None:
    parts = kb.parse(update.callback_query.data if update.callback_query else None, "pick")
    user = await current_user(update, ctx)
    found = None
    if parts and len(parts) == 1 and parts[0].isdigit():
        found = await ctx.store.interviews.get_owned(user.id, int(parts[0]))
    if found is None:
        await stale_button(update, ctx)
        return
    await answered(update, ctx, found.label)
    async with ctx.store.single() as tx:
        await tx.users.update(user.id, current_interview_id=found.id)
    await say(update, ctx, tc.NOW_WORKING_ON.format(label=tc.esc(found.label)))


async def _owned_step(update: Update, ctx: Ctx, namespace: str) -> tuple[int, Step, str] | None:
    """(interview id, step, label) from "<ns>:<step>:<id>" button data, if it's the user's."""
    parts = kb.parse(update.callback_query.data if update.callback_query else None, namespace)
    if (
        not parts
        or len(parts) != 2
        or parts[0] not in Step.__members__.values()
        or not parts[1].isdigit()
    ):
        return None
    user = await current_user(update, ctx)
    found = await ctx.store.interviews.get_owned(user.id, int(parts[1]))
    return (found.id, Step(parts[0]), found.label) if found else None


async def tips(update: Update, ctx: Ctx) -> None:
    """A step with no conversation: its advice, then Done or Skip."""
    owned = await _owned_step(update, ctx, "tips")
    if owned is None:
        await stale_button(update, ctx)
        return
    interview_id, step, label = owned
    await answered(update, ctx)
    user = await current_user(update, ctx)
    # Whatever its status: the keep-in-touch nudge comes months after a rejection closed it.
    interview = await ctx.store.interviews.get_owned(user.id, interview_id)
    steps = await plan_for(ctx.store, user, interview, ctx.now()) if interview else []
    found = next((s for s in steps if s.step is step), None)
    reason = found.reason if found else step.value
    if interview is not None and _keep_in_touch_due(interview, found, ctx.now()):
        reason = "keep_in_touch"  # the reply is behind them; this is the hello months on
    text = t.STEP_TIPS.format(
        step=tc.STEP_NAMES[step],
        label=tc.esc(label),
        reason=tj.REASONS.get(reason) or tj.REASONS.get(step.value, ""),
    )
    await say(
        update,
        ctx,
        text,
        kb.keyboard(
            [
                [
                    (t.BTN_MARK_DONE, kb.data("done", step.value, interview_id)),
                    (t.BTN_MARK_SKIP, kb.data("skipstep", step.value, interview_id)),
                ]
            ]
        ),
    )


def _keep_in_touch_due(interview: Interview, item: StepPlan | None, now: datetime) -> bool:
    """After a rejection, keep in contact is the hello three months on once the reply is done
    with (sent, skipped, or its week has passed)."""
    if item is None or item.step is not Step.KEEP_CONTACT:
        return False
    if interview.outcome is not Outcome.REJECTED or interview.outcome_at is None:
        return False
    return not item.is_open or now >= interview.outcome_at + FEEDBACK_WITHIN


async def mark(update: Update, ctx: Ctx) -> None:
    query = update.callback_query
    namespace = (query.data or "").split(":", 1)[0] if query else ""
    owned = await _owned_step(update, ctx, namespace)
    if owned is None:
        await stale_button(update, ctx)
        return
    interview_id, step, label = owned
    done = namespace == "done"
    await answered(update, ctx, t.BTN_MARK_DONE if done else t.BTN_MARK_SKIP)
    await mark_step(ctx, interview_id, step, StepState.DONE if done else StepState.SKIPPED)
    template = t.STEP_MARKED_DONE if done else t.STEP_MARKED_SKIPPED
    await say(update, ctx, template.format(step=tc.STEP_NAMES[step], label=tc.esc(label)))
    await show_next(update, ctx)


async def help_command(update: Update, ctx: Ctx) -> None:
    await say(update, ctx, tc.HELP)


async def cancel_idle(update: Update, ctx: Ctx) -> None:
    await say(update, ctx, tc.NOTHING_TO_CANCEL)


async def skip_idle(update: Update, ctx: Ctx) -> None:
    await say(update, ctx, t.NOTHING_TO_SKIP)


_NEXT_TEXT = re.compile(
    r"^\s*(" + "|".join(re.escape(p) for p in t.NEXT_PHRASES) + r")\s*[?!.]*\s*$", re.I
)


async def free_text(update: Update, ctx: Ctx) -> None:
    if _NEXT_TEXT.match(text_of(update).replace("’", "'")):
        await show_next(update, ctx)
    else:
        await say(update, ctx, tc.UNKNOWN_TEXT, kb.column([(tc.BTN_NEXT, kb.data("next", "show"))]))


async def unknown_command(update: Update, ctx: Ctx) -> None:
    await say(update, ctx, tc.UNKNOWN_COMMAND)


async def media(update: Update, ctx: Ctx) -> None:
    await say(update, ctx, tc.UNSUPPORTED_MEDIA)


async def stale_button(update: Update, ctx: Ctx) -> None:
    await answered(update, ctx, notice=tc.STALE_BUTTON)
    await say(update, ctx, tc.STALE_BUTTON)


def handlers() -> Conversation:
    """Actions available at any time (the question pending stays), and the last-resort
    replies for whatever nothing else took."""
    known = "|".join(sorted(KNOWN_COMMANDS))
    return Conversation(
        name="general",
        actions=[
            CommandHandler("help", help_command),
            CommandHandler("next", next_command),
            CallbackQueryHandler(next_command, pattern=r"^next:show$"),
            CommandHandler("status", status),
            CommandHandler("interviews", interviews),
            CallbackQueryHandler(pick, pattern=r"^pick:"),
            CallbackQueryHandler(tips, pattern=r"^tips:"),
            CallbackQueryHandler(mark, pattern=r"^(done|skipstep):"),
        ],
        last_resort=[
            CommandHandler("cancel", cancel_idle),
            CommandHandler("skip", skip_idle),
            MessageHandler(
                filters.COMMAND & ~filters.Regex(rf"^/({known})(@\w+)?(\s|$)"), unknown_command
            ),
            MessageHandler(filters.TEXT & ~filters.COMMAND, free_text),
            MessageHandler(~filters.TEXT, media),
            CallbackQueryHandler(stale_button),
        ],
    )
