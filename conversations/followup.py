"""/followup: step 7, when to follow up and why, and the draft once it's due.

Before the due date it says to wait; on or after it, it gives the draft. "Sent it" records the
follow-up (at most two; the button carries which one, so a double tap or an old button never
records a third). After two it says, kindly, to move on. The only question is the employer's
timeline, asked when the debrief didn't get it, because the due date depends on it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules import drafts
from bot.rules.coaching import FINAL_OUTCOMES, MAX_FOLLOWUPS, Facts, followup_due
from bot.rules.dates import day_label
from bot.rules.models import Interview
from bot.rules.nudges import Quiet
from bot.rules.numbers import whole_number
from bot.rules.timelines import reply_by_choices
from bot.rules.timing import local_text, zone
from bot.storage.journey import draft_facts, facts_for
from bot.texts import common as tc
from bot.texts import debrief as tdb
from bot.texts import drafts as td
from bot.texts import followup as t
from bot.texts import outcome as to
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    interview_for,
    matched,
    matched_id,
    owned_interview,
    say,
    send_draft,
    stored_interview,
    text_of,
    too_long,
)
from conversations.debrief_questions import reply_label
from conversations.general import stale_button
from conversations.redraft import change_data

NS = "followup"
_FOLLOWUP_ID = "followup_id"  # scratch data: the interview the question is about


class Q(StrEnum):
    REPLY_BY = "followup.reply_by"


def heard_back(interview_id: int) -> InlineKeyboardMarkup:
    """The "I heard back" button, which opens the outcome of this interview."""
    return kb.column([(t.BTN_HEARD_BACK, kb.open_step("outcome", interview_id))])


async def _interview(update: Update, ctx: Ctx) -> Interview | None:
    """The interview the pending question is about (kept in the step's scratch data)."""
    return await stored_interview(update, ctx, _FOLLOWUP_ID)


# --- entry -----------------------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    """/followup or an "open:followup" button: the timeline question if it's unknown, else
    when to follow up (and the draft once it's due)."""
    await answered(update, ctx)
    interview = await interview_for(update, ctx, NS)
    if interview is None:
        return END
    ctx.udata[_FOLLOWUP_ID] = interview.id
    if interview.held_at is not None and interview.held_at > ctx.now():
        await say(update, ctx, t.NOT_YET_HELD)
        return END
    if interview.outcome in FINAL_OUTCOMES:
        outcome = to.OUTCOME_NAMES[interview.outcome]
        await say(update, ctx, t.ALREADY_HEARD.format(outcome=outcome))
        return END
    unknown = interview.reply_by is None and interview.reply_text is None
    if unknown and interview.id not in ctx.udata.get("followup_no_timeline", []):
        return await _ask_reply_by(update, ctx)
    return await show(update, ctx, interview)


async def _ask_reply_by(update: Update, ctx: Ctx) -> Q:
    buttons = [
        [
            (tdb.BTN_WITHIN_WEEK, kb.data(NS, "reply", "in a week")),
            (tdb.BTN_TWO_WEEKS, kb.data(NS, "reply", "in 2 weeks")),
        ],
        [(tdb.BTN_NOT_SAID, kb.data(NS, "reply", "none"))],
        [kb.skip_button(NS)],
    ]
    await say(update, ctx, t.ASK_REPLY_BY, kb.keyboard(buttons))
    return Q.REPLY_BY


async def reply_by_answer(update: Update, ctx: Ctx) -> object:
    """The employer's timeline, typed or a button ("followup:reply:<when>"): stored, then
    when to follow up; asked again if unreadable."""
    interview = await _interview(update, ctx)
    if interview is None:
        await answered(update, ctx)
        await say(update, ctx, tc.NO_INTERVIEW)
        return END
    user = await current_user(update, ctx)
    raw = matched(ctx, "when") or text_of(update)  # a button's words, or the user's
    if update.callback_query is None and await too_long(update, ctx, 200):
        return None
    result = reply_by_choices(raw, zone(user.tz), ctx.now(), user.holidays)
    if result is not False and len(result) != 1:
        await answered(update, ctx)  # a forged button: nothing to show as chosen
        await _unsure(update, ctx, raw, result)
        return None
    await answered(update, ctx, reply_label(raw))
    values: dict[str, Any] = {"reply_by": None, "reply_text": "not said"}
    if result is not False:
        values = {"reply_by": result[0], "reply_text": raw}
    async with ctx.store.transaction() as tx:
        await tx.interviews.update(interview.id, **values)
    refreshed = await ctx.store.interviews.get(interview.id)
    assert refreshed is not None
    return await show(update, ctx, refreshed)


async def _unsure(update: Update, ctx: Ctx, raw: str, found: list[date]) -> None:
    """Asked again: which of two readings was meant (a button each), or a hint if none."""
    shown = tc.esc(raw[:60])
    if not found:
        await say(update, ctx, t.BAD_REPLY_BY.format(text=shown))
        return
    rows = [[(day_label(d), kb.data(NS, "reply", d.isoformat()))] for d in found]
    rows.append([kb.skip_button(NS)])
    await say(update, ctx, tdb.WHICH_REPLY_BY.format(text=shown), kb.keyboard(rows))


async def skip_reply_by(update: Update, ctx: Ctx) -> object:
    """Skip: go on with the no-timeline rule, and don't ask again for this interview."""
    await answered(update, ctx, tc.BTN_SKIP)
    interview = await _interview(update, ctx)
    if interview is None:
        return END
    ctx.udata.setdefault("followup_no_timeline", []).append(interview.id)
    return await show(update, ctx, interview)


# --- when, why, and the draft ----------------------------------------------------------------
def _why(facts: Facts, reason: str) -> str:
    tz, sent = facts.tz, sorted(facts.followups_sent)
    if reason == "followup_timeline" and facts.reply_by is not None:
        return t.WHY_TIMELINE.format(reply_by=facts.reply_by.strftime("%a %-d %b"))
    if reason in ("second_followup", "move_on") and sent:
        return t.WHY_SECOND.format(last=local_text(sent[-1], tz).rsplit(" ", 1)[0])
    return t.WHY_NO_TIMELINE


async def show(update: Update, ctx: Ctx, interview: Interview) -> object:
    """When the next follow-up is due and why; the draft if it's due now."""
    user = await current_user(update, ctx)
    facts = await facts_for(ctx.store, user, interview)
    now = ctx.now()
    count = len(facts.followups_sent)
    if count >= MAX_FOLLOWUPS:
        await say(update, ctx, t.MOVE_ON, heard_back(interview.id))
        return END
    due, reason = followup_due(facts)
    why = _why(facts, reason)
    if now < due:
        when = Quiet.for_user(user).due_text(due, now)  # when its nudge comes
        await say(update, ctx, t.WAIT.format(why=why, when=when), heard_back(interview.id))
        return END
    when = local_text(due, facts.tz, now)
    template = t.DUE if count == 0 else t.DUE_SECOND
    await say(update, ctx, template.format(when=when, why=why), heard_back(interview.id))
    number = count + 1
    draft = drafts.follow_up(await draft_facts(ctx.store, user, interview), number)
    await send_draft(
        update,
        ctx,
        draft,
        sent=kb.data(NS, "sent", interview.id, number),
        change=change_data(drafts.DraftKind.FOLLOW_UP, interview.id, number),
        review=kb.data("review", drafts.DraftKind.FOLLOW_UP, interview.id),
    )
    return END


async def sent(update: Update, ctx: Ctx) -> object:
    """ "Sent it" on follow-up number N: recorded once, and only as the next one due."""
    number = whole_number(matched(ctx, "number"), 1, MAX_FOLLOWUPS)
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    if interview is None or number is None:
        await stale_button(update, ctx)
        return None
    user = await current_user(update, ctx)
    now = ctx.now()
    async with ctx.store.transaction() as tx:
        already = len(await tx.interviews.followups(interview.id))
        if already == number - 1:
            await tx.interviews.add_followup(interview.id, now)
    if already != number - 1:
        await answered(update, ctx)  # a double tap: the first one already showed the choice
        await say(update, ctx, t.ALREADY_NOTED)
        return await show(update, ctx, interview)
    await answered(update, ctx, td.BTN_SENT)
    if number >= MAX_FOLLOWUPS:
        await say(update, ctx, t.MOVE_ON, heard_back(interview.id))
        return END
    facts = await facts_for(ctx.store, user, interview)
    due, _ = followup_due(facts)
    text = t.NOTED_FIRST.format(
        sent=local_text(now, facts.tz, now), when=Quiet.for_user(user).due_text(due, now)
    )
    await say(update, ctx, text, heard_back(interview.id))
    return END


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask the timeline question again (the step's only question)."""
    await _ask_reply_by(update, ctx)


def handlers() -> Conversation:
    """The follow-up step's handlers (registered in bot/app/handlers.py)."""
    text = filters.TEXT & ~filters.COMMAND
    states: dict[StrEnum, list[Any]] = {
        Q.REPLY_BY: [
            CallbackQueryHandler(reply_by_answer, pattern=rf"^{NS}:reply:(?P<when>[a-z0-9 -]+)$"),
            MessageHandler(text, reply_by_answer),
            CommandHandler("skip", skip_reply_by),
            CallbackQueryHandler(skip_reply_by, pattern=rf"^{NS}:skip$"),
        ],
    }
    # Buttons that carry their ids work from any state, after a restart or from a nudge.
    anywhere = [
        CallbackQueryHandler(sent, pattern=rf"^{NS}:sent:(?P<iid>[0-9]+):(?P<number>[0-9]+)$")
    ]
    return conversation(
        NS,
        commands=["followup"],
        steps=["followup"],
        entry=entry,
        states=states,
        reask=reask,
        extra_entry_points=anywhere,
    )
