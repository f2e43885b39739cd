"""A next round: a new interview record linked to the first, and the one question that waits
for typed text, when the round is."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from bot.rules.dates import parse_when
from bot.rules.models import Interview
from bot.rules.rounds import notes_to_show, test_to_revise
from bot.rules.timing import TYPICAL_LENGTH, local_text, zone
from bot.terms import Step, StepState
from bot.texts import common as tc
from bot.texts import outcome as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import (
    answered,
    current_user,
    owned_interview,
    say,
    stored_interview,
    text_of,
)
from conversations.outcome_common import NS, Q

# parse_when prefers the past ("Friday" = last Friday); these words mean the user meant it.
_PAST_WORDS = re.compile(r"\b(ago|yesterday|last|earlier|today|this morning|just)\b", re.I)
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)
_NEXT_ID = "outcome_next_id"  # scratch data: the new round's interview id


def next_round_time(text: str, tz: ZoneInfo, now: datetime) -> datetime | None:
    """When the next round is (UTC), from the user's words read in their zone `tz`; None if
    unreadable. Usually still to come, so a weekday or a date without a year that
    `parse_when` placed in the past is rolled forward (a week, or a year)."""
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


async def start_next_round(update: Update, ctx: Ctx, interview: Interview) -> object:
    """Create the next round (the first one closes: the new one is current) and ask when
    it is; returns `Q.WHEN`."""
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
        # The company's pages were followed for round 1: no second "follow them" step.
        await tx.interviews.set_step(new.id, Step.SOCIAL, StepState.NOT_APPLICABLE)
    ctx.udata[_NEXT_ID] = new.id
    await say(update, ctx, t.NEXT_ROUND.format(round=new.round))
    return await _ask_when(update, ctx, new)


async def _ask_when(update: Update, ctx: Ctx, new: Interview) -> Q:
    await say(update, ctx, t.ASK_WHEN.format(round=new.round), kb.keyboard([[kb.skip_button(NS)]]))
    return Q.WHEN


async def reask_when(update: Update, ctx: Ctx) -> bool:
    """Ask again when the next round is; False when there is no next round to ask about."""
    new = await stored_interview(update, ctx, _NEXT_ID)
    if new is None:
        return False
    await _ask_when(update, ctx, new)
    return True


def _debrief_button(new: Interview) -> InlineKeyboardMarkup:
    return kb.column([(t.BTN_DEBRIEF.format(round=new.round), kb.open_step("debrief", new.id))])


async def when_answer(update: Update, ctx: Ctx) -> object:
    """The next round's date and time, typed: stored, or asked again if unreadable."""
    new = await stored_interview(update, ctx, _NEXT_ID)
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
    when = local_text(moment, tz, now)
    if moment <= now:
        text = t.ALREADY_HAPPENED.format(round=new.round, when=when)
        await say(update, ctx, text, _debrief_button(new))
        return END
    await say(update, ctx, t.UPCOMING.format(round=new.round, when=when, previous=new.round - 1))
    await _preparation(update, ctx, new)
    return END


async def _preparation(update: Update, ctx: Ctx, new: Interview) -> None:
    """The earlier round's notes, and its test as a revision step, with the debrief button."""
    earlier = await owned_interview(update, ctx, new.parent_id)
    previous = new.round - 1
    parts = []
    if earlier is not None:
        notes = notes_to_show(await ctx.store.notes.for_interview(earlier.id))
        lines = "\n".join(t.PREP_NOTE_LINE.format(text=tc.esc(n)) for n in notes)
        parts.append(
            t.PREP_NOTES.format(previous=previous, notes=lines)
            if notes
            else t.PREP_NO_NOTES.format(previous=previous)
        )
        if earlier.forgot_to_say and earlier.forgot_to_say.strip():
            parts.append(t.PREP_FORGOT.format(text=tc.esc(earlier.forgot_to_say.strip())))
        test = test_to_revise(earlier)
        if test is not None:
            parts.append(t.PREP_REVISE.format(previous=previous, test=tc.esc(test)))
    await say(
        update,
        ctx,
        "\n\n".join(parts) or t.PREP_NO_NOTES.format(previous=previous),
        _debrief_button(new),
    )


async def skip_when(update: Update, ctx: Ctx) -> object:
    """Skip (button or /skip): the next round's date stays unknown."""
    await answered(update, ctx, tc.BTN_SKIP)
    new = await stored_interview(update, ctx, _NEXT_ID)
    if new is None:
        return END
    await say(update, ctx, t.UPCOMING_NO_WHEN.format(round=new.round))
    await _preparation(update, ctx, new)
    return END
