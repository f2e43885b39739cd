"""What the /outcome step's modules share: its name and states, the interview a button or the
step's scratch data names, and the reply for an interview already wrapped up."""

from __future__ import annotations

from enum import StrEnum

from telegram import InlineKeyboardMarkup, Update

from bot.rules.coaching import Step
from bot.rules.models import Interview
from bot.rules.timing import local_text, zone
from bot.settings import Settings
from bot.texts import common as tc
from bot.texts import outcome as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations.adviser_relay import ask_rows
from conversations.common import current_user, matched_id, owned_interview, say
from conversations.edit_card import field_data
from conversations.endings import NEXT_DATA, onward

NS = "outcome"


class Q(StrEnum):
    """The step's questions: the outcome, and when the next round is."""

    CHOOSE = "outcome.choose"
    WHEN = "outcome.when"


async def button_interview(update: Update, ctx: Ctx) -> Interview | None:
    """The user's interview named by the pressed button's `iid` group; None when the id is
    missing, forged (not a row id) or not theirs."""
    return await owned_interview(update, ctx, matched_id(ctx, "iid"))


async def say_closed(update: Update, ctx: Ctx, interview: Interview) -> None:
    """Tell the user this interview is wrapped up already (with its outcome, if known)."""
    outcome = (
        t.OUTCOME_NAMES[interview.outcome] if interview.outcome else tc.STEP_NAMES[Step.OUTCOME]
    )
    await say(update, ctx, t.CLOSED.format(label=tc.esc(interview.label), outcome=outcome))


async def say_not_yet_held(update: Update, ctx: Ctx, interview: Interview) -> None:
    """Tell the user this interview is still to come, with where to go next: what's next
    (preparing for it), or its date changed when it has in fact happened."""
    assert interview.held_at is not None
    user = await current_user(update, ctx)
    when = local_text(interview.held_at, zone(user.tz), ctx.now())
    text = t.NOT_YET_HELD.format(label=tc.esc(interview.label), when=when)
    fix = [(t.BTN_HAPPENED, field_data(interview.id, "when"))]
    await say(update, ctx, text, onward(NEXT_DATA, above=[fix]))


def done_rows(interview_id: int, settings: Settings) -> list[list[kb.Button]]:
    """Done ✓ (keeping in contact is over) and Change the outcome, under a path's last words;
    and "Ask an adviser" when the organisation has advisers (after an outcome is when a
    person most often wants one)."""
    row = [(t.BTN_DONE, kb.data(NS, "done", interview_id))]
    row.append((t.BTN_CHANGE, kb.open_step(NS, interview_id)))
    return [row, *ask_rows(settings)]


def done_buttons(interview_id: int, settings: Settings) -> InlineKeyboardMarkup:
    """`done_rows` as a keyboard."""
    return kb.keyboard(done_rows(interview_id, settings))
