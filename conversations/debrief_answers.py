"""The debrief's answers: one handler per way of answering each question (typed, a button,
/skip), and the table of which handlers wait at which question.

Each answer is saved at once (conversations/debrief_progress.py), which then asks the next
open question.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.rules.dates import day_label, unstamp, when_choices
from bot.rules.numbers import whole_number
from bot.rules.parsing import is_name
from bot.rules.timelines import reply_by_choices
from bot.rules.timing import TYPICAL_LENGTH, local_text, zone
from bot.texts import common as tc
from bot.texts import debrief as t
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Handler
from conversations.common import (
    Callback,
    answered,
    current_user,
    matched,
    say,
    text_of,
    too_long,
)
from conversations.debrief_people import (
    email_answer,
    email_skip,
    interviewer_answer,
    more_answer,
    more_typed,
)
from conversations.debrief_prefill import advance_read, confirm_handlers, remember_reading
from conversations.debrief_progress import (
    advance,
    ask,
    current,
    ensure_id,
    save,
)
from conversations.debrief_questions import (
    AT,
    DIDNT_ASK,
    MORE,
    NOTHING,
    NOW,
    RATE,
    REPLY,
    SAID_WHEN,
    SKIP,
    TEXT_FIELDS,
    Q,
    reply_keyboard,
    reply_label,
    when_keyboard,
)

TEXT = filters.TEXT & ~filters.COMMAND


def skipper(q: Q) -> Callback:
    """/skip or the Skip button at question `q`: leave it empty and go on. (One handler per
    question, so the question needn't be kept in user data as well as in the state.)"""

    async def skip(update: Update, ctx: Ctx) -> object:
        await answered(update, ctx, tc.BTN_SKIP)
        if q is Q.COMPANY:
            await ensure_id(update, ctx)  # skipping the first question starts the record
        if await current(ctx) is None:
            return END
        ctx.udata.setdefault("debrief_skipped", []).append(q.value)
        if q is Q.WHEN:
            ctx.udata.pop(SAID_WHEN, None)
        return await advance(update, ctx)

    return skip


def text_answer(q: Q) -> Callback:
    """A typed answer to question `q`, stored as it is in the column TEXT_FIELDS[q]."""

    async def handle(update: Update, ctx: Ctx) -> object:
        if await too_long(update, ctx):
            return None
        if q in (Q.COMPANY, Q.ROLE) and not is_name(text_of(update)):
            await say(update, ctx, tc.NO_LETTERS)
            ctx.ask_again = True
            return None
        saved = await save(update, ctx, **{TEXT_FIELDS[q]: text_of(update)})
        return await advance(update, ctx, saved, after=q)

    return handle


async def when_answer(update: Update, ctx: Ctx) -> object:
    """When the interview was: "Just now", a candidate's button, or typed in the user's time
    zone (a phrase that reads two ways is asked about with a button for each). A time still
    to come is its start: it is stored as its end (TYPICAL_LENGTH later)."""
    user = await current_user(update, ctx)
    tz = zone(user.tz)
    ctx.udata.pop(SAID_WHEN, None)  # (answered: what was said is no longer offered)
    if update.callback_query:
        picked = matched(ctx, "at")  # a candidate's button, else "Just now"
        moment = unstamp(picked, tz, ctx.now()) if picked else ctx.now()
        if moment is None:  # forged, or over a year off
            await answered(update, ctx)
            return await ask(update, ctx, Q.WHEN)
        await answered(update, ctx, day_label(moment, tz) if picked else t.BTN_JUST_NOW)
    else:
        moment = await _typed_when(update, ctx, tz, user.holidays)
    if moment is None:
        return None
    # T is when the interview ended: a future time is its start, so add a typical length.
    held_at = moment + TYPICAL_LENGTH if moment > ctx.now() else moment
    saved = await save(update, ctx, held_at=held_at)
    lead = t.WHEN_SET.format(when=local_text(moment, tz, ctx.now()))
    return await advance(update, ctx, saved, after=Q.WHEN, lead=lead)


async def _typed_when(
    update: Update, ctx: Ctx, tz: ZoneInfo, country: str | None
) -> datetime | None:
    """The moment typed (read in zone `tz`, dates in `country`'s order), or None once the
    user has been asked again (unreadable) or asked which reading they meant."""
    raw = text_of(update)
    found = when_choices(raw, tz, ctx.now(), country)
    if len(found) == 1:
        return found[0]
    if not found:
        await say(update, ctx, t.BAD_WHEN.format(text=tc.esc(raw[:60])))
    else:
        which = t.WHICH_WHEN.format(text=tc.esc(raw[:60]))
        await say(update, ctx, which, when_keyboard(found, tz))
    return None


# --- what happens next ------------------------------------------------------------------------
async def didnt_ask(update: Update, ctx: Ctx) -> object:
    """They didn't ask about the next stage: saved as such, with a tip for next time."""
    await answered(update, ctx, t.BTN_DIDNT_ASK)
    saved = await save(update, ctx, asked_next_stage=False)
    return await advance(update, ctx, saved, after=Q.NEXT_STAGE, lead=t.DIDNT_ASK_TIP)


async def next_stage_answer(update: Update, ctx: Ctx) -> object:
    """What they said the next stage is (typed)."""
    if await too_long(update, ctx):
        return None
    saved = await save(update, ctx, next_stage=text_of(update), asked_next_stage=True)
    if saved is not None:
        await remember_reading(update, ctx, saved, text_of(update))
    return await advance_read(update, ctx, saved, Q.NEXT_STAGE)


async def reply_by_answer(update: Update, ctx: Ctx) -> object:
    """When they'll reply: a button (REPLY_CHOICES, or a candidate date) or typed, read in the
    user's time zone; "within a week" counts from the interview when it is over, else from
    now. A phrase that reads two ways is asked about with a button for each date."""
    raw = (matched(ctx, "reply") or "") if update.callback_query else text_of(update)
    if update.callback_query:
        await answered(update, ctx, reply_label(raw))
    if await too_long(update, ctx, 200):
        return None
    user = await current_user(update, ctx)
    interview = await current(ctx)
    held_at = interview.held_at if interview else None
    anchor = held_at if held_at is not None and held_at <= ctx.now() else ctx.now()
    result = reply_by_choices(raw, zone(user.tz), anchor, user.holidays)
    if result is not False and len(result) != 1:
        shown = tc.esc(raw[:60])
        if result:
            await say(update, ctx, t.WHICH_REPLY_BY.format(text=shown), reply_keyboard(result))
        else:
            await say(update, ctx, t.BAD_REPLY_BY.format(text=shown))
        return None
    if result is False:
        saved = await save(update, ctx, reply_by=None, reply_text="not said")
        lead = t.REPLY_BY_NONE
    else:
        saved = await save(update, ctx, reply_by=result[0], reply_text=raw)
        lead = t.REPLY_BY_SET.format(date=result[0].strftime("%a %-d %b"))
    return await advance_read(update, ctx, saved, Q.REPLY_BY, lead=lead)


async def nothing_mentioned(update: Update, ctx: Ctx) -> object:
    """Nothing said about the process: saved as empty, so it isn't asked again."""
    await answered(update, ctx, t.BTN_NOTHING_MENTIONED)
    saved = await save(update, ctx, process_info="")
    return await advance(update, ctx, saved, after=Q.PROCESS)


# --- the reflection ---------------------------------------------------------------------------
async def rating_answer(update: Update, ctx: Ctx) -> object:
    """How it went, 1 to 5 (a button, its number typed, or words the dialogue read as one:
    "so-so" comes with the button's data); anything else asks again."""
    raw = matched(ctx, "rating") or text_of(update)
    rating = whole_number(raw, 1, 5)
    if rating is None:
        await answered(update, ctx)
        # Typed words not read as a rating: say so, rather than ask again without a word.
        typed = text_of(update) if update.message is not None else ""
        lead = t.RATING_UNCLEAR.format(text=tc.esc(typed[:60])) if typed else None
        return await ask(update, ctx, Q.RATING, lead=lead)
    await answered(update, ctx, str(rating))
    saved = await save(update, ctx, rating=rating)
    reply = t.RATING_LOW if rating <= 2 else t.RATING_MID if rating == 3 else t.RATING_HIGH
    return await advance(update, ctx, saved, after=Q.RATING, lead=reply)


# --- which handlers wait at which question ----------------------------------------------------
def _with_skip(q: Q, *handlers: Handler) -> list[Handler]:
    skip = skipper(q)
    return [*handlers, CommandHandler("skip", skip), CallbackQueryHandler(skip, pattern=SKIP)]


def _reply_by() -> list[Handler]:
    return [
        CallbackQueryHandler(reply_by_answer, pattern=REPLY),
        MessageHandler(TEXT, reply_by_answer),
    ]


def answer_states() -> dict[StrEnum, Sequence[Handler]]:
    """The handlers of every question from the company to what didn't land."""
    states: dict[StrEnum, Sequence[Handler]] = {
        Q.WHEN: _with_skip(
            Q.WHEN,
            CallbackQueryHandler(when_answer, pattern=NOW),
            CallbackQueryHandler(when_answer, pattern=AT),
            MessageHandler(TEXT, when_answer),
        ),
        Q.INTERVIEWER: _with_skip(Q.INTERVIEWER, MessageHandler(TEXT, interviewer_answer)),
        Q.EMAIL: [
            MessageHandler(TEXT, email_answer),
            CommandHandler("skip", email_skip),
            CallbackQueryHandler(email_skip, pattern=SKIP),
        ],
        Q.MORE: [CallbackQueryHandler(more_answer, pattern=MORE), MessageHandler(TEXT, more_typed)],
        Q.NEXT_STAGE: _with_skip(
            Q.NEXT_STAGE,
            CallbackQueryHandler(didnt_ask, pattern=DIDNT_ASK),
            MessageHandler(TEXT, next_stage_answer),
        ),
        Q.REPLY_BY: _with_skip(Q.REPLY_BY, *confirm_handlers(), *_reply_by()),
        Q.PROCESS: _with_skip(
            Q.PROCESS,
            *confirm_handlers(),
            CallbackQueryHandler(nothing_mentioned, pattern=NOTHING),
            MessageHandler(TEXT, text_answer(Q.PROCESS)),
        ),
        Q.RATING: _with_skip(
            Q.RATING,
            CallbackQueryHandler(rating_answer, pattern=RATE),
            MessageHandler(TEXT, rating_answer),
        ),
    }
    for q in (Q.COMPANY, Q.ROLE, Q.WHERE, Q.WENT_WELL, Q.NOT_LANDED):
        states[q] = _with_skip(q, MessageHandler(TEXT, text_answer(q)))
    return states
