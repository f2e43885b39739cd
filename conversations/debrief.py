"""/debrief: steps 1–2 (the debrief and the reflection), and step 0 for an upcoming interview.

Each answer is written the moment it is given. The questions run in a fixed order and the
conversation can be left and resumed: it carries on from the first question not yet answered
or skipped.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules.coaching import Step, StepState
from bot.rules.models import Interview
from bot.rules.parsing import parse_email, parse_reply_by, parse_timezone, parse_when
from bot.rules.timing import local_text, zone
from bot.texts import common as tc
from bot.texts import debrief as t
from bot.texts import start as ts
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    joined,
    mark_step,
    opened_interview_id,
    say,
    text_of,
    too_long,
)
from conversations.debrief_questions import NS, ORDER, TEXT_FIELDS, Q, question, skip_row
from conversations.general import show_next

TYPICAL_LENGTH = timedelta(hours=1)  # *choice*: an upcoming interview ends an hour after it starts


async def ask(
    update: Update, ctx: Ctx, q: Q, *, lead: str | None = None, name: str | None = None
) -> Q:
    """Ask question `q` (after `lead`, see `say`); `name`: the interviewer the email is for."""
    if q is Q.EMAIL and name is None:
        interviewer = await ctx.store.interviewers.get(int(ctx.udata.get("debrief_person", 0)))
        name = interviewer.name if interviewer else ""
    text, markup = question(q, name or "")
    await say(update, ctx, text, markup, lead=lead)
    return q


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    if state == Q.CHOOSE:
        await _offer_choice(update, ctx)
        return
    await ask(update, ctx, Q(state))


def _skipped(ctx: Ctx) -> set[str]:
    return set(ctx.udata.get("debrief_skipped", []))


async def _interview(ctx: Ctx) -> Interview | None:
    interview_id = ctx.udata.get("debrief_id")
    return await ctx.store.interviews.get(int(interview_id)) if interview_id else None


async def first_open(ctx: Ctx, interview: Interview, after: Q | None = None) -> Q | None:
    """The first question neither answered nor skipped; None when the debrief is complete.

    `after`: the question just answered. Every question before it was answered or skipped
    when it was asked (they go in order), so the scan starts there; that spares the
    interviewers query on every answer after the interviewer question.
    """
    skipped = _skipped(ctx)
    answered_q = {
        Q.COMPANY: interview.company is not None,
        Q.ROLE: interview.role is not None,
        Q.WHEN: interview.held_at is not None,
        Q.INTERVIEWER: None,  # a query: only asked for when the scan gets there
        Q.NEXT_STAGE: interview.next_stage is not None or interview.asked_next_stage is not None,
        Q.REPLY_BY: interview.reply_by is not None or interview.reply_text is not None,
        Q.PROCESS: interview.process_info is not None,
        Q.RATING: interview.rating is not None,
        Q.WENT_WELL: interview.went_well is not None,
        Q.NOT_LANDED: interview.not_landed is not None,
    }
    for q in ORDER[ORDER.index(after) :] if after in ORDER else ORDER:
        if q.value in skipped:
            continue
        done = answered_q[q]
        if done is None:
            done = bool(await ctx.store.interviewers.for_interview(interview.id))
        if not done:
            return q
    return None


# --- entry -----------------------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx)
    user = await current_user(update, ctx)
    if user.tz is None:
        return await ask(update, ctx, Q.TZ)
    # An "open:debrief:<id>" button (from /next or a nudge) resumes that interview.
    wanted = opened_interview_id(update, ctx)
    if wanted is not None:
        chosen = await ctx.store.interviews.get_owned(user.id, wanted)
        if chosen is not None and await _unfinished(ctx, chosen):
            return await _resume(update, ctx, chosen)
    in_progress = await _interview(ctx)
    if in_progress is not None and await _unfinished(ctx, in_progress):
        await _offer_choice(update, ctx)
        return Q.CHOOSE
    return await _start_new(update, ctx)


async def _unfinished(ctx: Ctx, interview: Interview) -> bool:
    """Active, reflection not yet done, and a question left to ask."""
    if interview.status != "active":
        return False
    steps = await ctx.store.interviews.steps(interview.id)
    return steps.get(Step.REFLECT) is None and await first_open(ctx, interview) is not None


async def _resume(update: Update, ctx: Ctx, interview: Interview) -> object:
    if ctx.udata.get("debrief_id") != interview.id:
        ctx.udata["debrief_id"] = interview.id
        ctx.udata["debrief_skipped"] = []
    return await _advance(update, ctx, lead=t.RESUME.format(label=tc.esc(interview.label)))


async def _offer_choice(update: Update, ctx: Ctx) -> None:
    interview = await _interview(ctx)
    label = interview.label if interview else ""
    await say(
        update,
        ctx,
        t.CHOOSE.format(label=tc.esc(label)),
        kb.keyboard(
            [
                [
                    (t.BTN_CONTINUE, kb.data(NS, "resume")),
                    (t.BTN_NEW, kb.data(NS, "new")),
                ]
            ]
        ),
    )


async def _start_new(update: Update, ctx: Ctx) -> object:
    # The interview is created by the first answer (or skip): a debrief left before any
    # answer leaves nothing behind for /status, /interviews or /notes to show.
    ctx.udata.pop("debrief_id", None)
    ctx.udata["debrief_skipped"] = []
    return await ask(update, ctx, Q.COMPANY, lead=t.START)


async def _interview_id(update: Update, ctx: Ctx) -> int:
    """The interview being debriefed, created (and made current) on the first answer."""
    interview_id = ctx.udata.get("debrief_id")
    if interview_id:
        return int(interview_id)
    return (await _create(update, ctx)).id


async def _create(update: Update, ctx: Ctx, **values: Any) -> Interview:
    """The interview record, with the first answer in it; it becomes the current one (a
    trigger, see migration 004)."""
    assert update.effective_user is not None  # the guard has stored the user already
    async with ctx.store.single() as store:
        interview = await store.interviews.create(
            update.effective_user.id, logged_at=ctx.now(), **values
        )
    ctx.udata["debrief_id"] = interview.id
    return interview


async def choose(update: Update, ctx: Ctx) -> object:
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS) or []
    if parts == ["new"]:
        await answered(update, ctx, t.BTN_NEW)
        return await _start_new(update, ctx)
    await answered(update, ctx, t.BTN_CONTINUE)
    interview = await _interview(ctx)
    if interview is None:
        return await _start_new(update, ctx)
    return await _resume(update, ctx, interview)


async def tz_answer(update: Update, ctx: Ctx) -> object:
    query = update.callback_query
    parts = kb.parse(query.data if query else None, NS) or []
    raw = parts[1] if query and len(parts) == 2 else text_of(update)
    name = parse_timezone(raw)
    if name is None:
        await answered(update, ctx)
        await say(update, ctx, ts.BAD_TZ.format(text=tc.esc(raw[:60])))
        return await ask(update, ctx, Q.TZ)
    await answered(update, ctx, name)
    user = await current_user(update, ctx)
    async with ctx.store.single() as tx:
        await tx.users.update(user.id, tz=name)
    await say(
        update, ctx, ts.TZ_SET.format(tz=tc.esc(name), local=local_text(ctx.now(), zone(name)))
    )
    return await entry(update, ctx)


# --- moving on -------------------------------------------------------------------------------
async def _advance(
    update: Update,
    ctx: Ctx,
    interview: Interview | None = None,
    after: Q | None = None,
    *,
    lead: str | None = None,
) -> object:
    """Ask the next open question. `interview`: as just saved (spares reading it again);
    `after`: the question just answered (see `first_open`); `lead`: see `say`."""
    if interview is None:
        interview = await _interview(ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW, lead=lead)
        return END
    q = await first_open(ctx, interview, after)
    past_people = q is None or ORDER.index(q) > ORDER.index(Q.INTERVIEWER)
    if past_people and interview.held_at and interview.held_at > ctx.now():
        return await _upcoming(update, ctx, interview, lead)
    debrief_done = q is None or ORDER.index(q) > ORDER.index(Q.PROCESS)
    if debrief_done and Step.DEBRIEF not in await ctx.store.interviews.steps(interview.id):
        await mark_step(ctx, interview.id, Step.DEBRIEF, StepState.DONE)
    if q is None:
        return await _finish(update, ctx, interview, lead)
    return await ask(update, ctx, q, lead=lead)


async def _upcoming(
    update: Update, ctx: Ctx, interview: Interview, lead: str | None = None
) -> object:
    user = await current_user(update, ctx)
    assert interview.held_at is not None
    when = local_text(interview.held_at - TYPICAL_LENGTH, zone(user.tz), ctx.now())
    await say(update, ctx, t.UPCOMING.format(when=when), lead=lead)
    return END


async def _finish(
    update: Update, ctx: Ctx, interview: Interview, lead: str | None = None
) -> object:
    await mark_step(ctx, interview.id, Step.REFLECT, StepState.DONE)
    ctx.udata.pop("debrief_skipped", None)
    await show_next(update, ctx, lead=joined(lead, t.DONE.format(label=tc.esc(interview.label))))
    return END


async def _save(update: Update, ctx: Ctx, **values: Any) -> Interview | None:
    """Write an answer the moment it is given; returns the interview as it now stands."""
    interview_id = ctx.udata.get("debrief_id")
    if not interview_id:
        return await _create(update, ctx, **values)
    async with ctx.store.single() as store:  # one statement: UPDATE ... RETURNING
        return await store.interviews.update(int(interview_id), **values)


def skipper(q: Q) -> Any:
    """/skip or the Skip button at question `q`: leave it empty and go on. (One handler per
    question, so the question needn't be kept in user data as well as in the state.)"""

    async def skip(update: Update, ctx: Ctx) -> object:
        await answered(update, ctx, tc.BTN_SKIP)
        if q is Q.COMPANY and not ctx.udata.get("debrief_id"):
            await _interview_id(update, ctx)  # skipping the first question starts the record
        interview = await _interview(ctx)
        if interview is None:
            return END
        ctx.udata.setdefault("debrief_skipped", []).append(q.value)
        return await _advance(update, ctx)

    return skip


# --- answers ---------------------------------------------------------------------------------
def text_answer(q: Q) -> Any:
    async def handle(update: Update, ctx: Ctx) -> object:
        if await too_long(update, ctx):
            return None
        saved = await _save(update, ctx, **{TEXT_FIELDS[q]: text_of(update)})
        return await _advance(update, ctx, saved, after=q)

    return handle


async def when_answer(update: Update, ctx: Ctx) -> object:
    user = await current_user(update, ctx)
    tz = zone(user.tz)
    if update.callback_query:
        await answered(update, ctx, t.BTN_JUST_NOW)
        moment = ctx.now()
    else:
        parsed = parse_when(text_of(update), tz, ctx.now())
        if parsed is None:
            await say(update, ctx, t.BAD_WHEN.format(text=tc.esc(text_of(update)[:60])))
            return None
        moment = parsed
    # T is when the interview ended: a future time is its start, so add a typical length.
    held_at = moment + TYPICAL_LENGTH if moment > ctx.now() else moment
    saved = await _save(update, ctx, held_at=held_at)
    lead = t.WHEN_SET.format(when=local_text(moment, tz, ctx.now()))
    return await _advance(update, ctx, saved, after=Q.WHEN, lead=lead)


async def interviewer_answer(update: Update, ctx: Ctx) -> object:
    if await too_long(update, ctx, 200):
        return None
    interview_id = int(ctx.udata["debrief_id"])
    async with ctx.store.single() as tx:
        person = await tx.interviewers.add(interview_id, text_of(update))
    ctx.udata["debrief_person"] = person.id
    return await ask(update, ctx, Q.EMAIL, name=person.name)


async def email_answer(update: Update, ctx: Ctx) -> object:
    email = parse_email(text_of(update))
    if email is None:
        await say(update, ctx, t.BAD_EMAIL, kb.keyboard([skip_row()]))
        return None
    async with ctx.store.single() as tx:
        await tx.interviewers.set_email(int(ctx.udata["debrief_person"]), email)
    return await _interviewers_so_far(update, ctx)


async def email_skip(update: Update, ctx: Ctx) -> object:
    """/skip or the Skip button at the email question: no email, on to "anyone else?"."""
    await answered(update, ctx, tc.BTN_SKIP)
    return await _interviewers_so_far(update, ctx)


async def _interviewers_so_far(update: Update, ctx: Ctx) -> object:
    people = await ctx.store.interviewers.for_interview(int(ctx.udata["debrief_id"]))
    names = ", ".join(tc.esc(p.name) for p in people)
    return await ask(update, ctx, Q.MORE, lead=t.INTERVIEWERS_SO_FAR.format(names=names))


async def more_answer(update: Update, ctx: Ctx) -> object:
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS) or []
    if parts == ["more", "yes"]:
        await answered(update, ctx, t.BTN_ADD_INTERVIEWER)
        return await ask(update, ctx, Q.INTERVIEWER)
    await answered(update, ctx, t.BTN_NO_MORE)
    return await _advance(update, ctx)


async def didnt_ask(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, t.BTN_DIDNT_ASK)
    saved = await _save(update, ctx, asked_next_stage=False)
    return await _advance(update, ctx, saved, after=Q.NEXT_STAGE, lead=t.DIDNT_ASK_TIP)


async def next_stage_answer(update: Update, ctx: Ctx) -> object:
    if await too_long(update, ctx):
        return None
    saved = await _save(update, ctx, next_stage=text_of(update), asked_next_stage=True)
    return await _advance(update, ctx, saved, after=Q.NEXT_STAGE)


async def reply_by_answer(update: Update, ctx: Ctx) -> object:
    user = await current_user(update, ctx)
    tz = zone(user.tz)
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS)
    raw = parts[1] if parts and len(parts) == 2 else text_of(update)
    if update.callback_query:
        await answered(update, ctx, raw if raw != "none" else t.BTN_NOT_SAID)
    if await too_long(update, ctx, 200):
        return None
    # "Within a week" counts from the interview, when we know it and it's over.
    interview = await _interview(ctx)
    held_at = interview.held_at if interview else None
    anchor = held_at if held_at is not None and held_at <= ctx.now() else ctx.now()
    result = parse_reply_by(raw, tz, anchor)
    if result is None:
        await say(update, ctx, t.BAD_REPLY_BY.format(text=tc.esc(raw[:60])))
        return None
    if result is False:
        saved = await _save(update, ctx, reply_by=None, reply_text="not said")
        lead = t.REPLY_BY_NONE
    else:
        saved = await _save(update, ctx, reply_by=result, reply_text=raw)
        lead = t.REPLY_BY_SET.format(date=result.strftime("%a %-d %b"))
    return await _advance(update, ctx, saved, after=Q.REPLY_BY, lead=lead)


async def nothing_mentioned(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, t.BTN_NOTHING_MENTIONED)
    saved = await _save(update, ctx, process_info="")
    return await _advance(update, ctx, saved, after=Q.PROCESS)


async def rating_answer(update: Update, ctx: Ctx) -> object:
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS) or []
    raw = parts[1] if len(parts) == 2 else text_of(update)
    if not raw.isdigit() or not 1 <= int(raw) <= 5:
        await answered(update, ctx)
        return await ask(update, ctx, Q.RATING)
    rating = int(raw)
    await answered(update, ctx, raw)
    saved = await _save(update, ctx, rating=rating)
    reply = t.RATING_LOW if rating <= 2 else t.RATING_MID if rating == 3 else t.RATING_HIGH
    return await _advance(update, ctx, saved, after=Q.RATING, lead=reply)


def handlers() -> Conversation:
    text = filters.TEXT & ~filters.COMMAND

    def with_skip(q: Q, *handlers: Any) -> list[Any]:
        skip = skipper(q)
        return [
            *handlers,
            CommandHandler("skip", skip),
            CallbackQueryHandler(skip, pattern=rf"^{NS}:skip$"),
        ]

    states: dict[StrEnum, list[Any]] = {
        Q.TZ: [
            CallbackQueryHandler(tz_answer, pattern=rf"^{NS}:tz:"),
            MessageHandler(text, tz_answer),
        ],
        Q.CHOOSE: [CallbackQueryHandler(choose, pattern=rf"^{NS}:(resume|new)$")],
        Q.WHEN: with_skip(
            Q.WHEN,
            CallbackQueryHandler(when_answer, pattern=rf"^{NS}:now$"),
            MessageHandler(text, when_answer),
        ),
        Q.INTERVIEWER: with_skip(Q.INTERVIEWER, MessageHandler(text, interviewer_answer)),
        Q.EMAIL: [
            MessageHandler(text, email_answer),
            CommandHandler("skip", email_skip),
            CallbackQueryHandler(email_skip, pattern=rf"^{NS}:skip$"),
        ],
        Q.MORE: [CallbackQueryHandler(more_answer, pattern=rf"^{NS}:more:(yes|no)$")],
        Q.NEXT_STAGE: with_skip(
            Q.NEXT_STAGE,
            CallbackQueryHandler(didnt_ask, pattern=rf"^{NS}:didnt_ask$"),
            MessageHandler(text, next_stage_answer),
        ),
        Q.REPLY_BY: with_skip(
            Q.REPLY_BY,
            CallbackQueryHandler(reply_by_answer, pattern=rf"^{NS}:reply:"),
            MessageHandler(text, reply_by_answer),
        ),
        Q.PROCESS: with_skip(
            Q.PROCESS,
            CallbackQueryHandler(nothing_mentioned, pattern=rf"^{NS}:nothing$"),
            MessageHandler(text, text_answer(Q.PROCESS)),
        ),
        Q.RATING: with_skip(
            Q.RATING,
            CallbackQueryHandler(rating_answer, pattern=rf"^{NS}:rate:"),
            MessageHandler(text, rating_answer),
        ),
    }
    for q in (Q.COMPANY, Q.ROLE, Q.WENT_WELL, Q.NOT_LANDED):
        states[q] = with_skip(q, MessageHandler(text, text_answer(q)))
    return conversation(
        "debrief",
        commands=["debrief"],
        steps=["debrief", "reflect"],
        entry=entry,
        states=states,
        reask=reask,
    )
