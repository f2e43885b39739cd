"""/referees: the states, the overview of a user's referees, and the questions asked again.

Shared by the overview's buttons (conversations/referees.py) and the questions that add a
referee (conversations/referees_adding.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.rules.models import Interview, Referee
from bot.texts import common as tc
from bot.texts import referees as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import current_user, say, stored_interview

NS = "referees"
LABEL_NAME_MAX = 24  # keep button labels on one line
# Scratch data (ctx.udata): the interview the overview is for, and the referee being added.
INTERVIEW_KEY = "referees_id"
NEW_KEY = "referees_new"


class R(StrEnum):
    OVERVIEW = "referees.overview"
    NAME = "referees.name"
    CONTACT = "referees.contact"
    RELATIONSHIP = "referees.relationship"
    PERMISSION = "referees.permission"


# --- rendering -------------------------------------------------------------------------------
def _short(name: str) -> str:
    return kb.shorten(name, LABEL_NAME_MAX)


def _who(ref: Referee) -> str:
    if ref.relationship:
        return t.WHO_WITH_RELATIONSHIP.format(
            name=tc.esc(ref.name), relationship=tc.esc(ref.relationship)
        )
    return t.WHO.format(name=tc.esc(ref.name))


def _buttons(interview: Interview, ref: Referee, done: bool) -> list[tuple[str, str]]:
    """A referee's row of buttons: Brief (unless briefed), Asked (unless permission given)."""
    row = []
    if not done:
        # The interview id rides along: an older overview may be for another interview.
        brief_data = kb.data(NS, "brief", ref.id, interview.id)
        row.append((t.BTN_BRIEF.format(name=_short(ref.name)), brief_data))
    if not ref.permission:
        row.append((t.BTN_ASKED.format(name=_short(ref.name)), kb.data(NS, "perm", ref.id)))
    return row


def overview(
    interview: Interview, referees: Sequence[Referee], briefed: set[int]
) -> tuple[str, InlineKeyboardMarkup]:
    """The list of referees for this interview (briefed, urgent) and its buttons.

    `briefed`: ids of the referees already briefed for this interview."""
    lines = [t.OVERVIEW_HEADER.format(label=tc.esc(interview.label))]
    rows: list[list[tuple[str, str]]] = []
    for ref in referees:
        done = ref.id in briefed
        lines.append((t.LINE_BRIEFED if done else t.LINE_TO_BRIEF).format(who=_who(ref)))
        if not ref.permission:
            lines.append(t.LINE_NO_PERMISSION)
        row = _buttons(interview, ref, done)
        if row:
            rows.append(row)
    all_done = bool(referees) and all(r.id in briefed for r in referees)
    lines.append(t.OVERVIEW_ALL_BRIEFED if all_done else t.OVERVIEW_TIP)
    rows.append([(t.BTN_ADD, kb.data(NS, "add")), (t.BTN_LATER, kb.data(NS, "later"))])
    return "\n".join(lines), kb.keyboard(rows)


# --- the interview and the referees ----------------------------------------------------------
async def interview_of(update: Update, ctx: Ctx) -> Interview | None:
    """The interview the overview is for (kept in the scratch data), if still the user's."""
    return await stored_interview(update, ctx, INTERVIEW_KEY)


async def referee_of(update: Update, ctx: Ctx, referee_id: object) -> Referee | None:
    """The user's referee with this id (a row id from button data or the scratch data), or
    None when there is no id or it names no referee of theirs."""
    if not isinstance(referee_id, int):
        return None
    user = await current_user(update, ctx)
    return await ctx.store.referees.get_owned(user.id, referee_id)


# --- the overview and the questions ----------------------------------------------------------
async def show_overview(update: Update, ctx: Ctx, prefix: str | None = None) -> object:
    """Show the overview (after `prefix`, a paragraph of its own) and return its state; with
    no referee yet, ask for a name instead; with the interview gone, say so and end."""
    interview = await interview_of(update, ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return END
    user = await current_user(update, ctx)
    referees = await ctx.store.referees.for_user(user.id)
    if not referees:
        return await ask(update, ctx, R.NAME)
    text, markup = overview(interview, referees, await ctx.store.referees.briefed_ids(interview.id))
    await say(update, ctx, f"{prefix}\n\n{text}" if prefix else text, markup)
    return R.OVERVIEW


def skip_keyboard() -> InlineKeyboardMarkup:
    """The Skip button under a referee's contact or relationship question."""
    return kb.keyboard([[(t.BTN_SKIP, kb.data(NS, "skip"))]])


async def ask(update: Update, ctx: Ctx, state: R) -> object:
    """Ask the question of `state` about the referee being added; returns the state (or the
    overview's, when that referee is gone)."""
    skip = [(t.BTN_SKIP, kb.data(NS, "skip"))]
    if state is R.NAME:
        await say(update, ctx, t.ASK_NAME, kb.keyboard([skip]))
        return state
    referee = await referee_of(update, ctx, ctx.udata.get(NEW_KEY))
    if referee is None:
        return await show_overview(update, ctx, t.GONE)
    name = tc.esc(referee.name)
    if state is R.CONTACT:
        await say(update, ctx, t.ASK_CONTACT.format(name=name), kb.keyboard([skip]))
    elif state is R.RELATIONSHIP:
        await say(update, ctx, t.ASK_RELATIONSHIP.format(name=name), kb.keyboard([skip]))
    else:
        yes_no = [
            (t.BTN_YES, kb.data(NS, "asked", "yes")),
            (t.BTN_NOT_YET, kb.data(NS, "asked", "no")),
        ]
        await say(update, ctx, t.ASK_PERMISSION.format(name=name), kb.keyboard([yes_no]))
    return state


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask the question pending in `state` again (the catch-all's second half)."""
    if state == R.OVERVIEW:
        await show_overview(update, ctx, t.REASK_OVERVIEW)
    else:
        await ask(update, ctx, R(state))
