"""/outcome: steps 8–10, the outcome and the keep-in-contact path that follows it.

Offer, rejected, next round, withdrawn or still waiting: each is stored the moment it's chosen
and leads to its own path (seed 004 "Keep In Contact", `conversations.outcome_paths`). A next
round becomes a new interview record, linked to the first, with its own steps
(`conversations.outcome_next_round`). The buttons carry the interview id, so they work from any
message (`conversations.outcome_done` for Sent it / Done / Wrap); the only question that waits
for typed text is the next round's date.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules.coaching import Outcome
from bot.rules.models import Interview
from bot.rules.timing import local_text, zone
from bot.texts import common as tc
from bot.texts import outcome as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    interview_for,
    matched,
    say,
    stored_interview,
)
from conversations.general import stale_button
from conversations.outcome_common import (
    NS,
    Q,
    button_interview,
    say_closed,
    say_not_yet_held,
)
from conversations.outcome_done import done, sent, wrap
from conversations.outcome_next_round import reask_when, skip_when, when_answer
from conversations.outcome_paths import follow_path

_BY_VALUE = {o.value: o for o in Outcome}
_OUTCOMES = "|".join(re.escape(value) for value in _BY_VALUE)
_OUTCOME_ID = "outcome_id"  # scratch data: the interview the question is about


# --- entry: the question ---------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    """/outcome or an "open:outcome" button: ask the outcome of the user's interview, unless
    it is wrapped up already or still to come."""
    await answered(update, ctx)
    interview = await interview_for(update, ctx, NS)
    if interview is None:
        return END
    if interview.status == "closed":
        await say_closed(update, ctx, interview)
        return END
    if interview.held_at is not None and interview.held_at > ctx.now():
        await say_not_yet_held(update, ctx, interview)
        return END
    ctx.udata[_OUTCOME_ID] = interview.id
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
    """An outcome button ("outcome:set:<iid>:<outcome>"), from this question or any earlier
    one of the user's: stores the outcome and shows its path."""
    interview = await button_interview(update, ctx)
    outcome = _BY_VALUE.get(matched(ctx, "outcome") or "")
    if interview is None or outcome is None:
        await stale_button(update, ctx)
        return None
    if interview.status == "closed":
        await answered(update, ctx)
        await say_closed(update, ctx, interview)
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
    ctx.udata[_OUTCOME_ID] = interview.id
    return await follow_path(update, ctx, interview, outcome)


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask the pending question again: when the next round is, or else the outcome."""
    if state == Q.WHEN and await reask_when(update, ctx):
        return
    interview = await stored_interview(update, ctx, _OUTCOME_ID)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return
    await _ask(update, ctx, interview)


def handlers() -> Conversation:
    """The outcome step's handlers (registered in bot/app/handlers.py)."""
    text = filters.TEXT & ~filters.COMMAND
    iid = r"(?P<iid>[0-9]+)"
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
    anywhere = [CallbackQueryHandler(choose, pattern=rf"^{NS}:set:{iid}:(?P<outcome>{_OUTCOMES})$")]
    passive = [
        CallbackQueryHandler(sent, pattern=rf"^{NS}:sent:{iid}:(?P<kind>reply|li|ref)$"),
        CallbackQueryHandler(done, pattern=rf"^{NS}:done:{iid}$"),
        CallbackQueryHandler(wrap, pattern=rf"^{NS}:wrap:{iid}$"),
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
