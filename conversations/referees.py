"""/referees: step 6. Referees are added once and reused for every interview of the user.

Per interview: a briefing draft per referee ("Sent it" records it), and a referee whose
permission was never asked is flagged as urgent with a button to record that it's been asked.
When every referee is briefed for the interview, the step is done. Referee changes move the
coaching rules (Facts.referee_without_permission): the repository touches every active
interview of the user, whose nudges then follow before the update commits.

Here: the way in and the overview's buttons. The overview itself and the questions are in
conversations/referees_view.py; adding a referee in conversations/referees_adding.py.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.rules import drafts
from bot.rules.coaching import Step, StepState
from bot.storage.journey import draft_facts
from bot.texts import common as tc
from bot.texts import drafts as td
from bot.texts import referees as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.changes import ask_address
from conversations.common import (
    answered,
    conversation,
    current_user,
    interview_for,
    mark_step,
    matched_id,
    owned_interview,
    say,
    send_draft,
)
from conversations.general import show_next, stale_button
from conversations.redraft import change_data
from conversations.referees_adding import (
    detail_answer,
    name_answer,
    name_skip,
    permission_answer,
    skip_step,
)
from conversations.referees_view import (
    INTERVIEW_KEY,
    NS,
    R,
    ask,
    reask,
    referee_of,
    show_overview,
)
from conversations.strengths import ask_strengths

# Button data: referee ids (rid) and interview ids (iid) are row ids, checked against the
# owner before use. Data of an older shape of these buttons (or garbled, in plain letters and
# digits) gets the list as it stands; anything else under "referees:" is no button of ours.
BRIEF = rf"^{NS}:brief:(?P<rid>[0-9]+):(?P<iid>[0-9]+)$"
PERMISSION_ASKED = rf"^{NS}:perm:(?P<rid>[0-9]+)$"
SENT = rf"^{NS}:sent:(?P<iid>[0-9]+):(?P<rid>[0-9]+)$"
UNFIT_OVERVIEW_BUTTON = rf"^{NS}:(?:brief|perm):[0-9a-z:]*$"
UNFIT_SENT_BUTTON = rf"^{NS}:sent:[0-9a-z:]*$"


async def entry(update: Update, ctx: Ctx) -> object:
    """/referees or an "open:referees" button: the overview, or the first referee's name."""
    await answered(update, ctx)
    interview = await interview_for(update, ctx, "referees")
    if interview is None:
        return END
    ctx.udata[INTERVIEW_KEY] = interview.id
    user = await current_user(update, ctx)
    if not await ctx.store.referees.for_user(user.id):
        await say(update, ctx, t.INTRO_NONE.format(label=tc.esc(interview.label)))
        return await ask(update, ctx, R.NAME)
    return await show_overview(update, ctx)


async def unfit(update: Update, ctx: Ctx) -> object:
    """A referee button whose data no longer fits: the list as it stands."""
    await answered(update, ctx)
    return await show_overview(update, ctx, t.GONE)


async def brief(update: Update, ctx: Ctx) -> object:
    """Brief (on an overview): the briefing draft for that referee and that interview."""
    referee_id, interview_id = matched_id(ctx, "rid"), matched_id(ctx, "iid")
    if referee_id is None or interview_id is None:
        await stale_button(update, ctx)  # not a row id: forged
        return None
    referee = await referee_of(update, ctx, referee_id)
    interview = await owned_interview(update, ctx, interview_id)
    if interview is not None:
        ctx.udata[INTERVIEW_KEY] = interview.id
    if referee is None or interview is None:
        return await unfit(update, ctx)
    # No edit of the overview: its buttons stay, to brief the next referee from it.
    await answered(update, ctx)
    if not referee.permission:
        await say(update, ctx, t.URGENT.format(name=tc.esc(referee.name)))
    await ask_address(update, ctx, drafts.DraftKind.REFEREE_BRIEFING, interview, referee)
    if interview.strengths is None:
        await ask_strengths(update, ctx, interview, referee.id)
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, interview)
    await send_draft(
        update,
        ctx,
        drafts.referee_briefing(facts, referee),
        sent=kb.data(NS, "sent", interview.id, referee.id),
        change=change_data(drafts.DraftKind.REFEREE_BRIEFING, interview.id, referee.id),
        review=kb.data("review", drafts.DraftKind.REFEREE_BRIEFING.value, interview.id, referee.id),
    )
    return None


async def briefed(update: Update, ctx: Ctx) -> object:
    """ "Sent it" under a briefing: works in the conversation and after it ended."""
    interview_id, referee_id = matched_id(ctx, "iid"), matched_id(ctx, "rid")
    if interview_id is None or referee_id is None:
        await stale_button(update, ctx)  # not a row id: forged
        return None
    interview = await owned_interview(update, ctx, interview_id)
    referee = await referee_of(update, ctx, referee_id)
    if interview is None or referee is None:
        return await unfit(update, ctx)
    await answered(update, ctx, td.BTN_SENT)
    ctx.udata[INTERVIEW_KEY] = interview.id
    async with ctx.store.transaction() as tx:
        await tx.referees.mark_briefed(interview.id, referee.id)
    done_ids = await ctx.store.referees.briefed_ids(interview.id)
    user = await current_user(update, ctx)
    everyone = await ctx.store.referees.for_user(user.id)
    message = t.BRIEFED.format(name=tc.esc(referee.name))
    if all(r.id in done_ids for r in everyone):
        await mark_step(ctx, interview.id, Step.REFEREES, StepState.DONE)
        asking = [tc.esc(r.name) for r in everyone if not r.permission]
        label = tc.esc(interview.label)
        done = (
            t.ALL_BRIEFED_ASKING.format(label=label, names=", ".join(asking))
            if asking
            else t.ALL_BRIEFED.format(label=label)
        )
        await say(update, ctx, f"{message}\n{done}")
        await show_next(update, ctx)
        return END
    return await show_overview(update, ctx, message)


async def permission_asked(update: Update, ctx: Ctx) -> object:
    """ "Asked X now" (on an overview): the referee's permission is recorded."""
    referee_id = matched_id(ctx, "rid")
    if referee_id is None:
        await stale_button(update, ctx)  # not a row id: forged
        return None
    referee = await referee_of(update, ctx, referee_id)
    if referee is None:
        return await unfit(update, ctx)
    await answered(update, ctx, t.BTN_ASKED.format(name=referee.name))
    async with ctx.store.transaction() as tx:
        await tx.referees.update(referee.id, permission=True)
    return await show_overview(update, ctx, t.PERMISSION_NOTED.format(name=tc.esc(referee.name)))


async def add(update: Update, ctx: Ctx) -> object:
    """Add a referee: ask for the name."""
    await answered(update, ctx, t.BTN_ADD)
    return await ask(update, ctx, R.NAME)


async def later(update: Update, ctx: Ctx) -> object:
    """Done for now: the step stays open."""
    await answered(update, ctx, t.BTN_LATER)
    await say(update, ctx, t.LATER)
    return END


def _states() -> dict[StrEnum, list[Any]]:
    text = filters.TEXT & ~filters.COMMAND

    def answer_or_skip(callback: Any) -> list[Any]:
        return [
            MessageHandler(text, callback),
            CommandHandler("skip", callback),
            CallbackQueryHandler(callback, pattern=rf"^{NS}:skip$"),
        ]

    return {
        R.OVERVIEW: [
            CallbackQueryHandler(brief, pattern=BRIEF),
            CallbackQueryHandler(permission_asked, pattern=PERMISSION_ASKED),
            CallbackQueryHandler(unfit, pattern=UNFIT_OVERVIEW_BUTTON),
            CallbackQueryHandler(add, pattern=rf"^{NS}:add$"),
            CallbackQueryHandler(later, pattern=rf"^{NS}:later$"),
            CommandHandler("skip", skip_step),
        ],
        R.NAME: [
            MessageHandler(text, name_answer),
            CommandHandler("skip", name_skip),
            CallbackQueryHandler(name_skip, pattern=rf"^{NS}:skip$"),
        ],
        R.CONTACT: answer_or_skip(detail_answer("contact", R.RELATIONSHIP)),
        R.RELATIONSHIP: answer_or_skip(detail_answer("relationship", R.PERMISSION)),
        R.PERMISSION: [
            CallbackQueryHandler(permission_answer, pattern=rf"^{NS}:asked:(?P<answer>yes|no)$"),
            MessageHandler(text, permission_answer),
            CommandHandler("skip", permission_answer),
        ],
    }


def handlers() -> Conversation:
    """The /referees step: the overview's buttons and the questions that add a referee."""
    return conversation(
        NS,
        commands=["referees"],
        steps=["referees"],
        entry=entry,
        states=_states(),
        reask=reask,
        # "Sent it" under a briefing still counts after the conversation has ended.
        extra_entry_points=[
            CallbackQueryHandler(briefed, pattern=SENT),
            CallbackQueryHandler(unfit, pattern=UNFIT_SENT_BUTTON),
        ],
    )
