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
from bot.rules.nudges import Quiet
from bot.rules.timing import zone
from bot.storage.journey import draft_facts, facts_for
from bot.texts import common as tc
from bot.texts import outcome as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import current_user, joined, say
from conversations.outcome_bundle import Bundled, say_bundle, say_draft
from conversations.outcome_common import NS, done_buttons, done_rows
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
        when = Quiet.for_user(user).due_text(due, ctx.now())  # when its nudge comes
        plan = t.WAITING_FOLLOWUP.format(when=when)
    button = (t.BTN_FOLLOWUP, kb.open_step("followup", interview.id))
    await say(update, ctx, f"{t.WAITING}\n{plan}", kb.column([button]))
    return END


def _linkedin_notes(facts: drafts.DraftFacts) -> list[Bundled]:
    interview_id = facts.interview.id
    return [
        Bundled(
            drafts.linkedin_note(facts, person),
            change_data(drafts.DraftKind.LINKEDIN, interview_id, person.id),
        )
        for person in facts.interviewers
    ]


async def _rejected(update: Update, ctx: Ctx, interview: Interview) -> object:
    """Two messages: the sympathy, when to reply and the reply; then the LinkedIn notes and
    the keep-in-touch plan (the reply's nudge is the keep-in-contact step's, due after 24 h)."""
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, interview)
    tz, now, quiet = zone(user.tz), ctx.now(), Quiet.for_user(user)
    at = interview.outcome_at or now
    when = t.REPLY_WHEN.format(
        after=quiet.due_text(at + FEEDBACK_AFTER, now),
        by=quiet.by_text(at + FEEDBACK_WITHIN, now),
    )
    await say_draft(
        update,
        ctx,
        joined(t.REJECTED, when),
        drafts.rejection_reply(facts),
        kb.data(NS, "sent", interview.id, "reply"),
        change_data(drafts.DraftKind.REJECTION_REPLY, interview.id),
        kb.data("review", drafts.DraftKind.REJECTION_REPLY, interview.id),
    )
    notes = _linkedin_notes(facts)
    later = (at + KEEP_IN_TOUCH_AFTER).astimezone(tz).strftime("%-d %b %Y")
    await say_bundle(
        update,
        ctx,
        [t.LINKEDIN_NOW] if notes else [],
        notes,
        [t.REJECTED_END.format(keep_in_touch=later)],
        done_rows(interview.id, ctx.runtime.settings),
    )
    return END


async def _offer(update: Update, ctx: Ctx, interview: Interview) -> object:
    """One or two messages: the referees' thanks (when there are referees), then the notes to
    the interviewers and the closing words."""
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, interview)
    # Thank the referees briefed for this interview; if none were, all of them (the employer
    # may have called any).
    briefed = await ctx.store.referees.briefed_ids(interview.id)
    referees = [r for r in facts.referees if r.id in briefed] or list(facts.referees)
    thanks = [
        Bundled(
            drafts.referee_thanks(facts, referee),
            change_data(drafts.DraftKind.REFEREE_THANKS, interview.id, referee.id),
            kb.data("review", drafts.DraftKind.REFEREE_THANKS, interview.id, referee.id),
        )
        for referee in referees
    ]
    lead = [t.OFFER]
    if thanks:
        await say_bundle(update, ctx, [t.OFFER, t.THANK_REFEREES], thanks, [])
        lead = []
    notes = _linkedin_notes(facts)
    if notes:
        lead.append(t.CONNECT_INTERVIEWERS.format(n=2 if thanks else 1))
    tail = done_rows(interview.id, ctx.runtime.settings)
    await say_bundle(update, ctx, lead, notes, [t.OFFER_END], tail)
    return END


async def _withdrawn(update: Update, ctx: Ctx, interview: Interview) -> object:
    role = tc.esc(f"the {interview.role} role") if interview.role else t.THE_ROLE
    await say(
        update, ctx, t.WITHDRAWN.format(role=role), done_buttons(interview.id, ctx.runtime.settings)
    )
    return END
