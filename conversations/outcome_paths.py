"""The path each outcome leads to (seed 004 "Keep In Contact"): still waiting, rejected, offer,
withdrawn; a next round goes on in `conversations.outcome_next_round`."""

from __future__ import annotations

from telegram import Update

from bot.rules import drafts
from bot.rules.coaching import (
    FEEDBACK_AFTER,
    FEEDBACK_WITHIN,
    KEEP_IN_TOUCH_AFTER,
    MAX_FOLLOWUPS,
    Outcome,
    followup_due,
)
from bot.rules.models import Interview
from bot.rules.timing import local_text, zone
from bot.storage.journey import draft_facts, facts_for
from bot.texts import common as tc
from bot.texts import outcome as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import current_user, say, send_draft
from conversations.outcome_common import NS, done_buttons
from conversations.outcome_next_round import start_next_round
from conversations.redraft import change_data


async def follow_path(update: Update, ctx: Ctx, interview: Interview, outcome: Outcome) -> object:
    """Show the path of the outcome just stored; returns the step's next state."""
    match outcome:
        case Outcome.WAITING:
            return await _waiting(update, ctx, interview)
        case Outcome.REJECTED:
            return await _rejected(update, ctx, interview)
        case Outcome.OFFER:
            return await _offer(update, ctx, interview)
        case Outcome.WITHDRAWN:
            return await _withdrawn(update, ctx, interview)
        case Outcome.NEXT_ROUND:
            return await start_next_round(update, ctx, interview)
    raise AssertionError(outcome)


async def _waiting(update: Update, ctx: Ctx, interview: Interview) -> object:
    user = await current_user(update, ctx)
    facts = await facts_for(ctx.store, user, interview)
    if len(facts.followups_sent) >= MAX_FOLLOWUPS:
        plan = t.WAITING_FOLLOWED_UP
    else:
        due, _ = followup_due(facts)
        plan = t.WAITING_FOLLOWUP.format(when=local_text(due, facts.tz, ctx.now()))
    button = (t.BTN_FOLLOWUP, kb.open_step("followup", interview.id))
    await say(update, ctx, f"{t.WAITING}\n{plan}", kb.column([button]))
    return END


async def _linkedin_notes(update: Update, ctx: Ctx, facts: drafts.DraftFacts) -> None:
    interview_id = facts.interview.id
    for person in facts.interviewers:
        await send_draft(
            update,
            ctx,
            drafts.linkedin_note(facts, person),
            sent=kb.data(NS, "sent", interview_id, "li"),
            change=change_data(drafts.DraftKind.LINKEDIN, interview_id, person.id),
            review=kb.data("review", drafts.DraftKind.LINKEDIN, interview_id, person.id),
        )


async def _rejected(update: Update, ctx: Ctx, interview: Interview) -> object:
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, interview)
    tz, now = zone(user.tz), ctx.now()
    at = interview.outcome_at or now
    await say(update, ctx, t.REJECTED)
    when = t.REPLY_WHEN.format(
        after=local_text(at + FEEDBACK_AFTER, tz, now),
        by=local_text(at + FEEDBACK_WITHIN, tz, now),
    )
    await say(update, ctx, when)
    await send_draft(
        update,
        ctx,
        drafts.rejection_reply(facts),
        sent=kb.data(NS, "sent", interview.id, "reply"),
        change=change_data(drafts.DraftKind.REJECTION_REPLY, interview.id),
        review=kb.data("review", drafts.DraftKind.REJECTION_REPLY, interview.id),
    )
    if facts.interviewers:
        await say(update, ctx, t.LINKEDIN_NOW)
        await _linkedin_notes(update, ctx, facts)
    later = (at + KEEP_IN_TOUCH_AFTER).astimezone(tz).strftime("%-d %b %Y")
    await say(
        update,
        ctx,
        t.REJECTED_END.format(keep_in_touch=later),
        done_buttons(interview.id, ctx.runtime.settings),
    )
    return END


async def _offer(update: Update, ctx: Ctx, interview: Interview) -> object:
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, interview)
    await say(update, ctx, t.OFFER)
    # Thank the referees briefed for this interview; if none were, all of them (the employer
    # may have called any).
    briefed = await ctx.store.referees.briefed_ids(interview.id)
    referees = [r for r in facts.referees if r.id in briefed] or list(facts.referees)
    number = 1
    if referees:
        await say(update, ctx, t.THANK_REFEREES)
        for referee in referees:
            await send_draft(
                update,
                ctx,
                drafts.referee_thanks(facts, referee),
                sent=kb.data(NS, "sent", interview.id, "ref"),
                change=change_data(drafts.DraftKind.REFEREE_THANKS, interview.id, referee.id),
                review=kb.data("review", drafts.DraftKind.REFEREE_THANKS, interview.id, referee.id),
            )
        number = 2
    if facts.interviewers:
        await say(update, ctx, t.CONNECT_INTERVIEWERS.format(n=number))
        await _linkedin_notes(update, ctx, facts)
    await say(update, ctx, t.OFFER_END, done_buttons(interview.id, ctx.runtime.settings))
    return END


async def _withdrawn(update: Update, ctx: Ctx, interview: Interview) -> object:
    role = tc.esc(f"the {interview.role} role") if interview.role else t.THE_ROLE
    await say(
        update, ctx, t.WITHDRAWN.format(role=role), done_buttons(interview.id, ctx.runtime.settings)
    )
    return END
