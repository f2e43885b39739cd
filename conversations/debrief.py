"""/debrief: steps 1–2 (the debrief and the reflection), and step 0 for an upcoming interview.

Each answer is written the moment it is given. The questions run in a fixed order and the
conversation can be left and resumed: it carries on from the first question not yet answered
or skipped. This module is the way in (time zone first if unknown, then resume or start);
the questions are in debrief_questions, their answers in debrief_answers, and what to ask
next in debrief_progress.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler

from bot.rules.coaching import Step
from bot.rules.models import Interview
from bot.rules.parsing import parse_timezone
from bot.rules.timing import local_text, zone
from bot.rules.zones import read_timezone
from bot.texts import common as tc
from bot.texts import debrief as t
from bot.texts import start as ts
from bot.tg.context import Ctx
from bot.tg.dialogue import Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    matched,
    opened_interview_id,
    say,
    text_of,
)
from conversations.debrief_answers import TEXT, answer_states
from conversations.debrief_prefill import ask_confirmation
from conversations.debrief_progress import advance, ask, current, first_open
from conversations.debrief_questions import CHOICE, SAID_WHEN, TZ_BUTTON, choice_keyboard
from conversations.debrief_questions import Q as Q  # the states, for tests and other steps
from conversations.start_places import zone_choices


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask the question of `state` (a Q) again."""
    if state == Q.CHOOSE:
        await _offer_choice(update, ctx)
        return
    if await ask_confirmation(update, ctx, Q(state)):  # "You said …. Right?" still waits
        return
    await ask(update, ctx, Q(state))


async def entry(update: Update, ctx: Ctx) -> object:
    """/debrief or an "open:debrief[:<id>]" button: the time zone first if unknown, then that
    interview's debrief, or a choice between the one in progress and a new one."""
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
    in_progress = await current(ctx)
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
    ctx.udata.pop(SAID_WHEN, None)  # (said of a new interview, not this one)
    if ctx.udata.get("debrief_id") != interview.id:
        ctx.udata["debrief_id"] = interview.id
        ctx.udata["debrief_skipped"] = []
    return await advance(update, ctx, lead=t.RESUME.format(label=tc.esc(interview.label)))


async def _offer_choice(update: Update, ctx: Ctx) -> None:
    interview = await current(ctx)
    label = interview.label if interview else ""
    await say(update, ctx, t.CHOOSE.format(label=tc.esc(label)), choice_keyboard())


async def _start_new(update: Update, ctx: Ctx) -> object:
    # The interview is created by the first answer (or skip): a debrief left before any
    # answer leaves nothing behind for /status, /interviews or /notes to show.
    ctx.udata.pop("debrief_id", None)
    ctx.udata["debrief_skipped"] = []
    return await ask(update, ctx, Q.COMPANY, lead=t.START)


async def choose(update: Update, ctx: Ctx) -> object:
    """Carry on with the debrief in progress, or start a new one."""
    if matched(ctx, "choice") == "new":
        await answered(update, ctx, t.BTN_NEW)
        return await _start_new(update, ctx)
    await answered(update, ctx, t.BTN_CONTINUE)
    interview = await current(ctx)
    if interview is None:
        return await _start_new(update, ctx)
    return await _resume(update, ctx, interview)


async def tz_answer(update: Update, ctx: Ctx) -> object:
    """The time zone, asked before the first debrief: a button, or typed as in /start (a
    city, an abbreviation, a country); where several zones fit ("EST"), buttons to choose."""
    user = await current_user(update, ctx)
    raw = (matched(ctx, "zone") or "") if update.callback_query else text_of(update)
    if update.callback_query:
        name = parse_timezone(raw)
    else:
        found = read_timezone(raw, user.country)
        if found is not None and found.zone is None:
            which = ts.ASK_TZ_WHICH.format(text=tc.esc(raw[:60]))
            await say(update, ctx, which, zone_choices(ctx.now(), found.choices, "debrief"))
            return None
        name = found.zone if found is not None else None
    if name is None:
        await answered(update, ctx)
        await say(update, ctx, ts.BAD_TZ.format(text=tc.esc(raw[:60])))
        return await ask(update, ctx, Q.TZ)
    await answered(update, ctx, name)
    async with ctx.store.single() as tx:
        await tx.users.update(user.id, tz=name)
    local = local_text(ctx.now(), zone(name))
    await say(update, ctx, ts.TZ_SET.format(tz=tc.esc(name), local=local))
    return await entry(update, ctx)


def handlers() -> Conversation:
    """The debrief's conversation: /debrief, "open:debrief" buttons, and its questions."""
    return conversation(
        "debrief",
        commands=["debrief"],
        steps=["debrief", "reflect"],
        entry=entry,
        states={
            Q.TZ: [
                CallbackQueryHandler(tz_answer, pattern=TZ_BUTTON),
                MessageHandler(TEXT, tz_answer),
            ],
            Q.CHOOSE: [CallbackQueryHandler(choose, pattern=CHOICE)],
            **answer_states(),
        },
        reask=reask,
    )
