"""/outcome: steps 8–10, the outcome and the keep-in-contact path that follows it.

Offer, rejected, next round, withdrawn or still waiting: each is stored the moment it's chosen
and leads to its own path (seed 004 "Keep In Contact"). A next round becomes a new interview
record, linked to the first, with its own steps. The buttons carry the interview id, so they
work from any message; the only question that waits for typed text is the next round's date.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules import drafts
from bot.rules.coaching import (
    FEEDBACK_AFTER,
    FEEDBACK_WITHIN,
    KEEP_IN_TOUCH_AFTER,
    MAX_FOLLOWUPS,
    Outcome,
    Step,
    StepState,
    followup_due,
    is_finished,
    open_steps,
)
from bot.rules.models import Interview
from bot.rules.parsing import parse_when
from bot.rules.timing import local_text, zone
from bot.storage.journey import draft_facts, facts_for, plan_for
from bot.texts import common as tc
from bot.texts import drafts as td
from bot.texts import outcome as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    interview_for,
    mark_step,
    say,
    send_draft,
    text_of,
)
from conversations.debrief import TYPICAL_LENGTH
from conversations.general import stale_button

NS = "outcome"
_OUTCOMES = "|".join(o.value for o in Outcome)
# parse_when prefers the past ("Friday" = last Friday); these words mean the user meant it.
_PAST_WORDS = re.compile(r"\b(ago|yesterday|last|earlier|today|this morning|just)\b", re.I)
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)


class Q(StrEnum):
    CHOOSE = "outcome.choose"
    WHEN = "outcome.when"


def next_round_time(text: str, tz: ZoneInfo, now: datetime) -> datetime | None:
    """When the next round is: usually still to come, so a weekday or a date without a year
    that `parse_when` placed in the past is rolled forward (a week, or a year)."""
    moment = parse_when(text, tz, now)
    if moment is None or moment >= now or _PAST_WORDS.search(text):
        return moment
    local = moment.astimezone(tz)
    if _WEEKDAY.search(text):
        while local < now:
            local += timedelta(days=7)  # wall-clock arithmetic in the user's zone
        return local.astimezone(UTC)
    if now - moment <= timedelta(days=7):
        return moment  # "10am" that has passed: most likely it already happened
    try:
        rolled = local.replace(year=local.year + 1)
    except ValueError:  # 29 February
        return moment
    return rolled.astimezone(UTC) if rolled - now <= timedelta(days=366) else moment


def _done_buttons(interview_id: int) -> InlineKeyboardMarkup:
    return kb.keyboard(
        [
            [
                (t.BTN_DONE, kb.data(NS, "done", interview_id)),
                (t.BTN_CHANGE, kb.open_step(NS, interview_id)),
            ]
        ]
    )


async def _owned(update: Update, ctx: Ctx, size: int) -> tuple[Interview, list[str]] | None:
    """The interview in "outcome:<action>:<id>[:<arg>]" data, if the user owns it."""
    query = update.callback_query
    parts = kb.parse(query.data if query else None, NS) or []
    if len(parts) != size or not parts[1].isdigit():
        return None
    user = await current_user(update, ctx)
    found = await ctx.store.interviews.get_owned(user.id, int(parts[1]))
    return (found, parts) if found else None


async def _say_closed(update: Update, ctx: Ctx, interview: Interview) -> None:
    outcome = (
        t.OUTCOME_NAMES[interview.outcome] if interview.outcome else tc.STEP_NAMES[Step.OUTCOME]
    )
    await say(update, ctx, t.CLOSED.format(label=tc.esc(interview.label), outcome=outcome))


# --- entry: the question ---------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx)
    interview = await interview_for(update, ctx, NS)
    if interview is None:
        return END
    if interview.status == "closed":
        await _say_closed(update, ctx, interview)
        return END
    if interview.held_at is not None and interview.held_at > ctx.now():
        await say(update, ctx, t.NOT_YET_HELD)
        return END
    ctx.udata["outcome_id"] = interview.id
    return await _ask(update, ctx, interview)


async def _ask(update: Update, ctx: Ctx, interview: Interview) -> Q:
    text = t.ASK.format(label=tc.esc(interview.label))
    if interview.outcome is not None and interview.outcome_at is not None:
        user = await current_user(update, ctx)
        when = local_text(interview.outcome_at, zone(user.tz), ctx.now())
        last = t.ASK_LAST.format(outcome=t.OUTCOME_NAMES[interview.outcome], when=when)
        text = f"{text}\n{last}"

    def button(outcome: Outcome) -> tuple[str, str]:
        return (t.BUTTONS[outcome], kb.data(NS, "set", interview.id, outcome.value))

    rows = [
        [button(Outcome.OFFER), button(Outcome.REJECTED)],
        [button(Outcome.NEXT_ROUND), button(Outcome.WITHDRAWN)],
        [button(Outcome.WAITING)],
    ]
    await say(update, ctx, text, kb.keyboard(rows))
    return Q.CHOOSE


async def choose(update: Update, ctx: Ctx) -> object:
    """An outcome button, from this question or any earlier one of the user's."""
    owned = await _owned(update, ctx, 3)
    if owned is None or owned[1][2] not in Outcome.__members__.values():
        await stale_button(update, ctx)
        return None
    interview, parts = owned
    outcome = Outcome(parts[2])
    if interview.status == "closed":
        await answered(update, ctx)
        await _say_closed(update, ctx, interview)
        return END
    await answered(update, ctx, t.BUTTONS[outcome])
    if interview.outcome is not outcome:
        # Choosing the same outcome again shows its path again, keeping the original time
        # (the feedback window and the keep-in-touch nudge count from it).
        async with ctx.store.transaction() as tx:
            await tx.interviews.update(interview.id, outcome=outcome, outcome_at=ctx.now())
        refreshed = await ctx.store.interviews.get(interview.id)
        assert refreshed is not None
        interview = refreshed
    ctx.udata["outcome_id"] = interview.id
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
            return await _next_round(update, ctx, interview)
    raise AssertionError(outcome)


# --- the paths -------------------------------------------------------------------------------
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
            change=None,
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
        change=None,
        review=kb.data("review", drafts.DraftKind.REJECTION_REPLY, interview.id),
    )
    if facts.interviewers:
        await say(update, ctx, t.LINKEDIN_NOW)
        await _linkedin_notes(update, ctx, facts)
    later = (at + KEEP_IN_TOUCH_AFTER).astimezone(tz).strftime("%-d %b %Y")
    await say(update, ctx, t.REJECTED_END.format(keep_in_touch=later), _done_buttons(interview.id))
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
                change=None,
                review=kb.data("review", drafts.DraftKind.REFEREE_THANKS, interview.id, referee.id),
            )
        number = 2
    if facts.interviewers:
        await say(update, ctx, t.CONNECT_INTERVIEWERS.format(n=number))
        await _linkedin_notes(update, ctx, facts)
    await say(update, ctx, t.OFFER_END, _done_buttons(interview.id))
    return END


async def _withdrawn(update: Update, ctx: Ctx, interview: Interview) -> object:
    role = tc.esc(f"the {interview.role} role") if interview.role else t.THE_ROLE
    await say(update, ctx, t.WITHDRAWN.format(role=role), _done_buttons(interview.id))
    return END


async def _next_round(update: Update, ctx: Ctx, interview: Interview) -> object:
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        new = await tx.interviews.create(
            user.id,
            parent_id=interview.id,
            round=interview.round + 1,
            company=interview.company,
            role=interview.role,
            logged_at=ctx.now(),
        )
        await tx.interviews.update(interview.id, status="closed")  # `new` is current now
    ctx.udata["outcome_next_id"] = new.id
    await say(update, ctx, t.NEXT_ROUND.format(round=new.round))
    return await _ask_when(update, ctx, new)


async def _ask_when(update: Update, ctx: Ctx, new: Interview) -> Q:
    await say(update, ctx, t.ASK_WHEN.format(round=new.round), kb.keyboard([[kb.skip_button(NS)]]))
    return Q.WHEN


async def _next_interview(ctx: Ctx) -> Interview | None:
    new_id = ctx.udata.get("outcome_next_id")
    return await ctx.store.interviews.get(int(new_id)) if new_id else None


async def when_answer(update: Update, ctx: Ctx) -> object:
    new = await _next_interview(ctx)
    if new is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return END
    user = await current_user(update, ctx)
    tz, now = zone(user.tz), ctx.now()
    moment = next_round_time(text_of(update), tz, now)
    if moment is None:
        await say(update, ctx, t.BAD_WHEN.format(text=tc.esc(text_of(update)[:60])))
        return None
    # Like the debrief: T is when the interview ends, so a time still to come is its start.
    held_at = moment + TYPICAL_LENGTH if moment > now else moment
    async with ctx.store.transaction() as tx:
        await tx.interviews.update(new.id, held_at=held_at)
    debrief = kb.column([(t.BTN_DEBRIEF.format(round=new.round), kb.open_step("debrief", new.id))])
    when = local_text(moment, tz, now)
    if moment > now:
        await say(update, ctx, t.UPCOMING.format(round=new.round, when=when), debrief)
    else:
        await say(update, ctx, t.ALREADY_HAPPENED.format(round=new.round, when=when), debrief)
    return END


async def skip_when(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, tc.BTN_SKIP)
    new = await _next_interview(ctx)
    if new is None:
        return END
    debrief = kb.column([(t.BTN_DEBRIEF.format(round=new.round), kb.open_step("debrief", new.id))])
    await say(update, ctx, t.UPCOMING_NO_WHEN.format(round=new.round), debrief)
    return END


# --- keep in contact: done -------------------------------------------------------------------
async def sent(update: Update, ctx: Ctx) -> object:
    """ "Sent it" on a rejection reply, LinkedIn note or referee thanks: shown in place.

    The rejection reply is the heart of keeping in contact after a "no": once it's sent the
    step is done, so its "thank them" nudge doesn't come after all.
    """
    owned = await _owned(update, ctx, 3)
    if owned is None:
        await stale_button(update, ctx)
        return None
    await answered(update, ctx, td.BTN_SENT)
    interview, parts = owned
    if parts[2] == "reply" and interview.outcome is Outcome.REJECTED:
        await mark_step(ctx, interview.id, Step.KEEP_CONTACT, StepState.DONE)
    return None


async def _still_open(update: Update, ctx: Ctx) -> tuple[Interview | None, object]:
    """The active interview of a Done / Wrap button, or None after saying why not, with the
    state to return then (a stale button leaves the question as it was; a closed one ends)."""
    owned = await _owned(update, ctx, 2)
    if owned is None:
        await stale_button(update, ctx)
        return None, None
    interview = owned[0]
    if interview.status == "closed":
        await answered(update, ctx)
        await _say_closed(update, ctx, interview)
        return None, END
    return interview, None


async def done(update: Update, ctx: Ctx) -> object:
    interview, otherwise = await _still_open(update, ctx)
    if interview is None:
        return otherwise
    await answered(update, ctx, t.BTN_DONE)
    await mark_step(ctx, interview.id, Step.KEEP_CONTACT, StepState.DONE)
    user = await current_user(update, ctx)
    steps = await plan_for(ctx.store, user, interview, ctx.now())
    label = tc.esc(interview.label)
    if is_finished(steps):
        await _close(ctx, interview, [])
        await say(update, ctx, _finished(interview).format(label=label))
    elif interview.outcome is Outcome.WITHDRAWN:
        # Nothing else is worth doing for an application the user withdrew.
        await _close(ctx, interview, [s.step for s in open_steps(steps)], StepState.NOT_APPLICABLE)
        await say(update, ctx, t.WITHDRAWN_CLOSED.format(label=label))
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
    await say(update, ctx, _finished(interview).format(label=tc.esc(interview.label)))
    return END


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


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    if state == Q.WHEN:
        new = await _next_interview(ctx)
        if new is not None:
            await _ask_when(update, ctx, new)
            return
    interview_id = ctx.udata.get("outcome_id")
    interview = await ctx.store.interviews.get(int(interview_id)) if interview_id else None
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return
    await _ask(update, ctx, interview)


def handlers() -> Conversation:
    text = filters.TEXT & ~filters.COMMAND
    states: dict[StrEnum, list[Any]] = {
        # The outcome buttons are handled anywhere (below); here only the catch-all re-asks.
        Q.CHOOSE: [],
        Q.WHEN: [
            MessageHandler(text, when_answer),
            CommandHandler("skip", skip_when),
            CallbackQueryHandler(skip_when, pattern=rf"^{NS}:skip$"),
        ],
    }
    # Buttons that carry their ids work from any state, after a restart or from a nudge.
    anywhere = [CallbackQueryHandler(choose, pattern=rf"^{NS}:set:\d+:({_OUTCOMES})$")]
    passive = [
        CallbackQueryHandler(sent, pattern=rf"^{NS}:sent:\d+:(reply|li|ref)$"),
        CallbackQueryHandler(done, pattern=rf"^{NS}:done:\d+$"),
        CallbackQueryHandler(wrap, pattern=rf"^{NS}:wrap:\d+$"),
    ]
    return conversation(
        NS,
        commands=["outcome"],
        steps=["outcome"],
        entry=entry,
        states=states,
        reask=reask,
        extra_entry_points=anywhere,
        buttons=passive,
    )
