"""/thanks: step 4, a thank-you note to each interviewer, one at a time.

The draft's buttons carry the interview and interviewer ids, so "Sent it" and "Change
something" work from any message, in or out of this conversation (after a review, a restart,
a nudge). Only the questions that wait for typed text (a name, the addition) are states.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules import drafts
from bot.rules.coaching import THANKS_DEADLINE, THANKS_TOO_LATE, Step, StepState
from bot.rules.models import Interview, Interviewer
from bot.rules.timing import local_text, zone
from bot.storage.journey import draft_facts
from bot.texts import common as tc
from bot.texts import drafts as td
from bot.texts import thanks as t
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
    too_long,
)
from conversations.debrief import TYPICAL_LENGTH
from conversations.general import show_next, stale_button

NS = "thanks"
# Seed 000: smooth over a rough answer "no longer than one or two sentences".
MAX_SENTENCES = 2
MAX_ADDITION = 320  # two full sentences; more reads as re-arguing the interview
MIN_ADDITION = 8
_SENTENCE_END = re.compile(r"[.!?…]+(?:[\"'”’)\]]*)(?=\s|$)")


class Q(StrEnum):
    NAME = "thanks.name"
    LATE = "thanks.late"
    DRAFT = "thanks.draft"
    CHANGE = "thanks.change"
    MORE = "thanks.more"


def count_sentences(text: str) -> int:
    """Sentences in a short addition: pieces ending in . ! ? (or the end) with a letter."""
    pieces = _SENTENCE_END.split(text.strip())
    return sum(1 for piece in pieces if any(ch.isalpha() for ch in piece))


def addition_problem(text: str) -> str | None:
    """Why an addition can't go into the note as it is (a text to show), or None if fine."""
    cleaned = " ".join(text.split())
    if len(cleaned) < MIN_ADDITION or not any(ch.isalpha() for ch in cleaned):
        return t.BAD_ADDITION_EMPTY
    if len(cleaned) > MAX_ADDITION:
        return t.BAD_ADDITION_LONG.format(length=len(cleaned), limit=MAX_ADDITION)
    sentences = count_sentences(cleaned)
    if sentences > MAX_SENTENCES:
        return t.BAD_ADDITION_SENTENCES.format(count=sentences)
    return None


def timing_text(held_at: datetime, now: datetime, tz: ZoneInfo) -> str:
    """When to send, by COACHING.md: within 24 h; still fine up to 48 h; late after."""
    if now < held_at + THANKS_DEADLINE:
        return t.TIMING_FRESH.format(deadline=local_text(held_at + THANKS_DEADLINE, tz, now))
    if now < held_at + THANKS_TOO_LATE:
        return t.TIMING_LATE.format(too_late=local_text(held_at + THANKS_TOO_LATE, tz, now))
    return t.TIMING_VERY_LATE


# --- loading ---------------------------------------------------------------------------------
async def _interview(ctx: Ctx) -> Interview | None:
    interview_id = ctx.udata.get("thanks_id")
    return await ctx.store.interviews.get(int(interview_id)) if interview_id else None


async def _person(ctx: Ctx) -> Interviewer | None:
    person_id = ctx.udata.get("thanks_person")
    return await ctx.store.interviewers.get(int(person_id)) if person_id else None


async def _owned_person(update: Update, ctx: Ctx) -> tuple[Interview, Interviewer] | None:
    """(interview, interviewer) from "thanks:<action>:<iid>:<pid>", if both are the user's."""
    query = update.callback_query
    parts = kb.parse(query.data if query else None, NS) or []
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    user = await current_user(update, ctx)
    interview = await ctx.store.interviews.get_owned(user.id, int(parts[1]))
    person = await ctx.store.interviewers.get(int(parts[2]))
    if interview is None or person is None or person.interview_id != interview.id:
        return None
    return interview, person


def _held(interview: Interview) -> datetime:
    return interview.held_at or interview.created_at


# --- entry -----------------------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx)
    interview = await interview_for(update, ctx, NS)
    if interview is None:
        return END
    ctx.udata["thanks_id"] = interview.id
    ctx.udata["thanks_passed"] = []
    user = await current_user(update, ctx)
    tz, now = zone(user.tz), ctx.now()
    if interview.held_at is not None and interview.held_at > now:
        when = local_text(interview.held_at - TYPICAL_LENGTH, tz, now)
        await say(update, ctx, t.NOT_YET.format(when=when))
        return END
    people = await ctx.store.interviewers.for_interview(interview.id)
    if people and all(p.thanks_sent_at for p in people):
        await _ensure_done(ctx, interview.id)
        return await _ask_more(update, ctx, interview, people)
    steps = await ctx.store.interviews.steps(interview.id)
    late_ok = interview.id in ctx.udata.get("thanks_late_ok", [])
    if now >= _held(interview) + THANKS_TOO_LATE and steps.get(Step.THANKS) is None and not late_ok:
        return await _ask_late(update, ctx)
    return await _proceed(update, ctx, interview)


async def _proceed(update: Update, ctx: Ctx, interview: Interview) -> object:
    if not await ctx.store.interviewers.for_interview(interview.id):
        return await _ask_name(update, ctx)
    return await _next_draft(update, ctx, interview)


async def _ask_name(update: Update, ctx: Ctx) -> Q:
    await say(update, ctx, t.ASK_NAME, kb.keyboard([[kb.skip_button(NS)]]))
    return Q.NAME


async def _ask_late(update: Update, ctx: Ctx) -> Q:
    buttons = [
        [(t.BTN_LATE_SKIP, kb.data(NS, "late", "skip"))],
        [(t.BTN_LATE_WRITE, kb.data(NS, "late", "go"))],
    ]
    await say(update, ctx, t.LATE, kb.keyboard(buttons))
    return Q.LATE


async def _ask_more(update: Update, ctx: Ctx, interview: Interview, people: list[Interviewer]) -> Q:
    names = ", ".join(tc.esc(p.name) for p in people)
    text = t.ALL_SENT_BEFORE.format(label=tc.esc(interview.label), names=names)
    buttons = [
        (t.BTN_ADD_PERSON, kb.data(NS, "more", "add")),
        (t.BTN_EVERYONE, kb.data(NS, "more", "no")),
    ]
    await say(update, ctx, text, kb.keyboard([buttons]))
    return Q.MORE


async def _ensure_done(ctx: Ctx, interview_id: int) -> None:
    steps = await ctx.store.interviews.steps(interview_id)
    if steps.get(Step.THANKS) is not StepState.DONE:
        await mark_step(ctx, interview_id, Step.THANKS, StepState.DONE)


# --- the drafts, one person at a time --------------------------------------------------------
async def _next_draft(update: Update, ctx: Ctx, interview: Interview) -> object:
    people = await ctx.store.interviewers.for_interview(interview.id)
    unsent = [p for p in people if p.thanks_sent_at is None]
    if not unsent:
        await _ensure_done(ctx, interview.id)
        names = ", ".join(tc.esc(p.name) for p in people)
        await say(update, ctx, t.ALL_SENT.format(label=tc.esc(interview.label), names=names))
        await show_next(update, ctx)
        return END
    passed = set(ctx.udata.get("thanks_passed", []))
    todo = [p for p in unsent if p.id not in passed]
    if not todo:
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
    person = todo[0]
    ctx.udata["thanks_id"] = interview.id
    ctx.udata["thanks_person"] = person.id
    user = await current_user(update, ctx)
    intro = t.INTRO.format(
        index=people.index(person) + 1,
        total=len(people),
        name=tc.esc(person.name),
        timing=timing_text(_held(interview), ctx.now(), zone(user.tz)),
    )
    if len(todo) > 1:
        intro = f"{intro}\n{t.INTRO_SKIP_HINT}"
    await say(update, ctx, intro)
    await _send_note(update, ctx, interview, person)
    return Q.DRAFT


async def _send_note(update: Update, ctx: Ctx, interview: Interview, person: Interviewer) -> None:
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, interview)
    await send_draft(
        update,
        ctx,
        drafts.thank_you(facts, person),
        sent=kb.data(NS, "sent", interview.id, person.id),
        change=kb.data(NS, "change", interview.id, person.id),
        review=kb.data("review", drafts.DraftKind.THANK_YOU, interview.id, person.id),
    )


async def sent(update: Update, ctx: Ctx) -> object:
    """ "Sent it" on any thank-you draft of the user's."""
    owned = await _owned_person(update, ctx)
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
    if ctx.udata.get("thanks_id") != interview.id:
        ctx.udata["thanks_id"] = interview.id
        ctx.udata["thanks_passed"] = []
    return await _next_draft(update, ctx, interview)


async def pass_person(update: Update, ctx: Ctx) -> object:
    """/skip on a draft: leave this person for now and go on to the next."""
    interview = await _interview(ctx)
    if interview is None:
        await say(update, ctx, t.NO_PERSON)
        return END
    person_id = ctx.udata.get("thanks_person")
    if person_id is not None:
        ctx.udata.setdefault("thanks_passed", []).append(int(person_id))
    await say(update, ctx, tc.SKIPPED)
    return await _next_draft(update, ctx, interview)


async def skip_rest(update: Update, ctx: Ctx) -> object:
    query = update.callback_query
    parts = kb.parse(query.data if query else None, NS) or []
    user = await current_user(update, ctx)
    found = None
    if len(parts) == 2 and parts[1].isdigit():
        found = await ctx.store.interviews.get_owned(user.id, int(parts[1]))
    if found is None:
        await stale_button(update, ctx)
        return None
    await answered(update, ctx, t.BTN_SKIP_REST)
    await mark_step(ctx, found.id, Step.THANKS, StepState.SKIPPED)
    await say(update, ctx, t.REST_SKIPPED)
    await show_next(update, ctx)
    return END


# --- changing a note: one forgotten point or one smoothed answer ---------------------------
async def change(update: Update, ctx: Ctx) -> object:
    owned = await _owned_person(update, ctx)
    if owned is None:
        await stale_button(update, ctx)
        return None
    interview, person = owned
    await answered(update, ctx, td.BTN_CHANGE)
    ctx.udata["thanks_id"] = interview.id
    ctx.udata["thanks_person"] = person.id
    return await _ask_change(update, ctx, interview, person)


async def _ask_change(update: Update, ctx: Ctx, interview: Interview, person: Interviewer) -> Q:
    parts = [t.ASK_CHANGE.format(name=tc.esc(person.name))]
    material = []
    if interview.not_landed:
        material.append(t.MATERIAL_NOT_LANDED.format(text=tc.esc(interview.not_landed[:200])))
    if interview.forgot_to_say:
        material.append(t.MATERIAL_FORGOT.format(text=tc.esc(interview.forgot_to_say[:200])))
    if material:
        parts.append(t.CHANGE_MATERIAL.format(lines="\n".join(material)))
    buttons = [(t.BTN_KEEP, kb.data(NS, "keep"))]
    if person.extra_point:
        parts.append(t.CHANGE_CURRENT.format(text=tc.esc(person.extra_point)))
        buttons.append((t.BTN_REMOVE, kb.data(NS, "clear")))
    await say(update, ctx, "\n\n".join(parts), kb.keyboard([buttons]))
    return Q.CHANGE


async def change_answer(update: Update, ctx: Ctx) -> object:
    problem = addition_problem(text_of(update))
    if problem is not None:
        await say(update, ctx, problem)
        return None
    return await _set_addition(update, ctx, " ".join(text_of(update).split()), t.ADDITION_SAVED)


async def keep(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, t.BTN_KEEP)
    return await _redraft(update, ctx, t.ADDITION_KEPT)


async def clear(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, t.BTN_REMOVE)
    return await _set_addition(update, ctx, None, t.ADDITION_REMOVED)


async def _set_addition(update: Update, ctx: Ctx, text: str | None, lead: str) -> object:
    person = await _person(ctx)
    if person is None:
        await say(update, ctx, t.NO_PERSON)
        return END
    async with ctx.store.single() as tx:
        await tx.interviewers.set_extra_point(person.id, text)
    return await _redraft(update, ctx, lead)


async def _redraft(update: Update, ctx: Ctx, lead: str) -> object:
    interview, person = await _interview(ctx), await _person(ctx)
    if interview is None or person is None:
        await say(update, ctx, t.NO_PERSON)
        return END
    await say(update, ctx, lead)
    await _send_note(update, ctx, interview, person)
    return Q.DRAFT


# --- the other answers -----------------------------------------------------------------------
async def name_answer(update: Update, ctx: Ctx) -> object:
    if await too_long(update, ctx, 200):
        return None
    interview = await _interview(ctx)
    if interview is None:
        await say(update, ctx, t.NO_PERSON)
        return END
    name = " ".join(text_of(update).split())
    async with ctx.store.transaction() as tx:
        await tx.interviewers.add(interview.id, name)
        # A new person means the step is open again until they're thanked too.
        if (await tx.interviews.steps(interview.id)).get(Step.THANKS) is StepState.DONE:
            await tx.interviews.set_step(interview.id, Step.THANKS, StepState.PENDING)
    await say(update, ctx, t.NAME_ADDED.format(name=tc.esc(name)))
    return await _next_draft(update, ctx, interview)


async def skip_name(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, tc.BTN_SKIP)
    interview = await _interview(ctx)
    if interview is None:
        return END
    if await ctx.store.interviewers.for_interview(interview.id):
        return await _next_draft(update, ctx, interview)  # came from "Add someone"
    await mark_step(ctx, interview.id, Step.THANKS, StepState.SKIPPED)
    await say(update, ctx, t.NAME_SKIPPED)
    return END


async def late_answer(update: Update, ctx: Ctx) -> object:
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS) or []
    interview = await _interview(ctx)
    if interview is None:
        await answered(update, ctx)
        return END
    if parts == ["late", "go"]:
        await answered(update, ctx, t.BTN_LATE_WRITE)
        ctx.udata.setdefault("thanks_late_ok", []).append(interview.id)
        return await _proceed(update, ctx, interview)
    await answered(update, ctx, t.BTN_LATE_SKIP)
    await mark_step(ctx, interview.id, Step.THANKS, StepState.SKIPPED)
    button = (t.BTN_FOLLOWUP, kb.open_step("followup", interview.id))
    await say(update, ctx, t.LATE_SKIPPED, kb.column([button]))
    return END


async def more_answer(update: Update, ctx: Ctx) -> object:
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS) or []
    if parts == ["more", "add"]:
        await answered(update, ctx, t.BTN_ADD_PERSON)
        return await _ask_name(update, ctx)
    await answered(update, ctx, t.BTN_EVERYONE)
    await show_next(update, ctx)
    return END


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    interview, person = await _interview(ctx), await _person(ctx)
    if state == Q.NAME:
        await _ask_name(update, ctx)
    elif state == Q.LATE:
        await _ask_late(update, ctx)
    elif interview is None:
        await say(update, ctx, t.NO_PERSON)
    elif state == Q.MORE:
        people = await ctx.store.interviewers.for_interview(interview.id)
        await _ask_more(update, ctx, interview, people)
    elif person is None:
        await say(update, ctx, t.NO_PERSON)
    elif state == Q.CHANGE:
        await _ask_change(update, ctx, interview, person)
    else:
        await say(update, ctx, t.DRAFT_HINT.format(name=tc.esc(person.name)))


def handlers() -> Conversation:
    text = filters.TEXT & ~filters.COMMAND
    skip = [CommandHandler("skip", skip_name), CallbackQueryHandler(skip_name, rf"^{NS}:skip$")]
    states: dict[StrEnum, list[Any]] = {
        Q.NAME: [MessageHandler(text, name_answer), *skip],
        Q.LATE: [CallbackQueryHandler(late_answer, pattern=rf"^{NS}:late:(skip|go)$")],
        Q.DRAFT: [CommandHandler("skip", pass_person)],
        Q.CHANGE: [
            MessageHandler(text, change_answer),
            CallbackQueryHandler(keep, pattern=rf"^{NS}:keep$"),
            CommandHandler("skip", keep),
            CallbackQueryHandler(clear, pattern=rf"^{NS}:clear$"),
        ],
        Q.MORE: [CallbackQueryHandler(more_answer, pattern=rf"^{NS}:more:(add|no)$")],
    }
    # Buttons that carry their ids work from any state, after a restart or from a nudge.
    anywhere = [
        CallbackQueryHandler(sent, pattern=rf"^{NS}:sent:\d+:\d+$"),
        CallbackQueryHandler(change, pattern=rf"^{NS}:change:\d+:\d+$"),
    ]
    passive = [CallbackQueryHandler(skip_rest, pattern=rf"^{NS}:skiprest:\d+$")]
    return conversation(
        NS,
        commands=["thanks"],
        steps=["thanks"],
        entry=entry,
        states=states,
        reask=reask,
        extra_entry_points=anywhere,
        buttons=passive,
    )
