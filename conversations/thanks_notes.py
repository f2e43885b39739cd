"""/thanks: the notes, one interviewer at a time, and the buttons under each.

"Sent it" and "Change something" carry the interview and interviewer ids, so they work from
any message, in or out of this conversation (after a review, a restart, a nudge). The ids are
checked against the user who pressed: button data can be forged.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot.rules.coaching import THANKS_DEADLINE, THANKS_TOO_LATE, Step, StepState
from bot.rules.models import Interview, Interviewer
from bot.rules.timing import local_text, zone
from bot.terms import DraftKind
from bot.texts import common as tc
from bot.texts import drafts as td
from bot.texts import thanks as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.changes import ask_address
from conversations.common import (
    answered,
    current_user,
    kept_id,
    mark_step,
    matched_id,
    owned_interview,
    owned_interviewer,
    say,
)
from conversations.general import show_next, stale_button
from conversations.redraft import Target, show
from conversations.thanks_scratch import NS, Q, held, remember, saved_interview

SENT_PATTERN = rf"^{NS}:sent:(?P<iid>[0-9]+):(?P<pid>[0-9]+)$"
CHANGE_PATTERN = rf"^{NS}:change:(?P<iid>[0-9]+):(?P<pid>[0-9]+)$"
SKIP_REST_PATTERN = rf"^{NS}:skiprest:(?P<iid>[0-9]+)$"


def timing_text(held_at: datetime, now: datetime, tz: ZoneInfo) -> str:
    """When to send, by COACHING.md: within 24 h; still fine up to 48 h; late after.

    `held_at` and `now` are aware datetimes; the times shown are in the user's zone `tz`."""
    if now < held_at + THANKS_DEADLINE:
        return t.TIMING_FRESH.format(deadline=local_text(held_at + THANKS_DEADLINE, tz, now))
    if now < held_at + THANKS_TOO_LATE:
        return t.TIMING_LATE.format(too_late=local_text(held_at + THANKS_TOO_LATE, tz, now))
    return t.TIMING_VERY_LATE


async def button_person(update: Update, ctx: Ctx) -> tuple[Interview, Interviewer] | None:
    """(interview, interviewer) named by a "thanks:<action>:<iid>:<pid>" button, if both are
    the user's."""
    return await owned_interviewer(update, ctx, matched_id(ctx, "iid"), matched_id(ctx, "pid"))


async def ensure_done(ctx: Ctx, interview_id: int) -> None:
    """Mark the step done for the interview, unless it already is."""
    steps = await ctx.store.interviews.steps(interview_id)
    if steps.get(Step.THANKS) is not StepState.DONE:
        await mark_step(ctx, interview_id, Step.THANKS, StepState.DONE)


# --- the drafts, one person at a time --------------------------------------------------------
async def next_draft(update: Update, ctx: Ctx, interview: Interview) -> object:
    """Show the note to the next interviewer not yet thanked nor passed over; returns the
    next state (END once everyone is thanked, or everyone left was passed over)."""
    people = await ctx.store.interviewers.for_interview(interview.id)
    unsent = [p for p in people if p.thanks_sent_at is None]
    if not unsent:
        return await _all_sent(update, ctx, interview, people)
    passed = set(ctx.udata.get("thanks_passed", []))
    todo = [p for p in unsent if p.id not in passed]
    if not todo:
        return await _passed_some(update, ctx, interview, people, unsent)
    person = todo[0]
    remember(ctx, interview, person)
    user = await current_user(update, ctx)
    intro = t.INTRO.format(
        index=people.index(person) + 1,
        total=len(people),
        name=tc.esc(person.name),
        timing=timing_text(held(interview), ctx.now(), zone(user.tz)),
    )
    if len(todo) > 1:
        intro = f"{intro}\n{t.INTRO_SKIP_HINT}"
    await say(update, ctx, intro)
    await send_note(update, ctx, interview, person)
    return Q.DRAFT


async def _all_sent(
    update: Update, ctx: Ctx, interview: Interview, people: list[Interviewer]
) -> object:
    await ensure_done(ctx, interview.id)
    names = ", ".join(tc.esc(p.name) for p in people)
    await say(update, ctx, t.ALL_SENT.format(label=tc.esc(interview.label), names=names))
    await show_next(update, ctx)
    return END


async def _passed_some(
    update: Update,
    ctx: Ctx,
    interview: Interview,
    people: list[Interviewer],
    unsent: list[Interviewer],
) -> object:
    text = t.PASSED_SOME.format(
        sent=len(people) - len(unsent),
        total=len(people),
        names=", ".join(tc.esc(p.name) for p in unsent),
    )
    buttons = [
        (t.BTN_SHOW_AGAIN, kb.open_step(NS, interview.id)),
        (t.BTN_SKIP_REST, kb.data(NS, "skiprest", interview.id)),
    ]
    await say(update, ctx, text, kb.keyboard([buttons]))
    return END


async def send_note(update: Update, ctx: Ctx, interview: Interview, person: Interviewer) -> None:
    """The note to `person` with its Sent it / Change something / Review mine buttons."""
    await ask_address(update, ctx, DraftKind.THANK_YOU, interview, person)
    await show(update, ctx, Target(DraftKind.THANK_YOU, interview, person=person))


# --- the buttons and /skip -------------------------------------------------------------------
async def sent(update: Update, ctx: Ctx) -> object:
    """ "Sent it" on any thank-you draft of the user's (SENT_PATTERN)."""
    owned = await button_person(update, ctx)
    if owned is None:
        await stale_button(update, ctx)
        return None
    interview, person = owned
    if person.thanks_sent_at is None:
        await answered(update, ctx, td.BTN_SENT)
        async with ctx.store.transaction() as tx:
            await tx.interviewers.mark_thanked(person.id, ctx.now())
        await say(update, ctx, t.MARKED_SENT.format(name=tc.esc(person.name)))
    else:
        await answered(update, ctx)  # a double tap: the first one already showed the choice
        await say(update, ctx, t.ALREADY_SENT.format(name=tc.esc(person.name)))
    if kept_id(ctx, "thanks_id") != interview.id:
        remember(ctx, interview)
        ctx.udata["thanks_passed"] = []
    return await next_draft(update, ctx, interview)


async def pass_person(update: Update, ctx: Ctx) -> object:
    """/skip on a draft: leave this person for now and go on to the next."""
    interview = await saved_interview(update, ctx)
    if interview is None:
        await say(update, ctx, t.NO_PERSON)
        return END
    person_id = kept_id(ctx, "thanks_person")
    if person_id is not None:
        ctx.udata.setdefault("thanks_passed", []).append(person_id)
    await say(update, ctx, tc.SKIPPED)
    return await next_draft(update, ctx, interview)


async def skip_rest(update: Update, ctx: Ctx) -> object:
    """ "Skip the rest" (SKIP_REST_PATTERN): the step is skipped for that interview."""
    found = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    if found is None:
        await stale_button(update, ctx)
        return None
    await answered(update, ctx, t.BTN_SKIP_REST)
    await mark_step(ctx, found.id, Step.THANKS, StepState.SKIPPED)
    await say(update, ctx, t.REST_SKIPPED)
    await show_next(update, ctx)
    return END
