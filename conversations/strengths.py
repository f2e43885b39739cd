"""The two or three strengths the user picks for the referee briefings (issue 14), from
buttons: kept with the interview, shown in every briefing for it. Passive buttons: they work
from the message they are on, after a restart too, and are checked against the user."""

from __future__ import annotations

from telegram import Update

from bot.rules.briefing import MAX_STRENGTHS
from bot.rules.models import Interview
from bot.rules.numbers import whole_number
from bot.terms import DraftKind
from bot.texts import common as tc
from bot.texts import redraft as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations.common import answered, matched, matched_id, owned_interview, say
from conversations.redraft import NS, show, target_of

TOGGLE = rf"^{NS}:str:(?P<iid>[0-9]+):(?P<who>[0-9]+):(?P<n>[0-9])$"
DONE = rf"^{NS}:strdone:(?P<iid>[0-9]+):(?P<who>[0-9]+)$"


def picked(interview: Interview) -> list[str]:
    """The strengths picked so far for `interview`, in the order picked."""
    return [s for s in (interview.strengths or "").split("\n") if s.strip()]


async def ask_strengths(update: Update, ctx: Ctx, interview: Interview, referee_id: int) -> None:
    """The strengths as buttons (up to three), then Done, which shows the briefing again."""
    buttons = [
        (name, kb.data(NS, "str", interview.id, referee_id, n))
        for n, name in enumerate(t.STRENGTHS)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(t.BTN_DONE, kb.data(NS, "strdone", interview.id, referee_id))])
    text = t.ASK_STRENGTHS.format(label=tc.esc(interview.label))
    await say(update, ctx, text, kb.keyboard(rows))


async def toggle(update: Update, ctx: Ctx) -> object:
    """A strength tapped (TOGGLE): added, or dropped when tapped again."""
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    n = whole_number(matched(ctx, "n"), 0, len(t.STRENGTHS) - 1)
    if interview is None or n is None:
        await answered(update, ctx, notice=t.GONE)
        return None
    chosen = picked(interview)
    name = t.STRENGTHS[n]
    if name in chosen:
        chosen.remove(name)
    elif len(chosen) >= MAX_STRENGTHS:
        await answered(update, ctx, notice=t.PICKED_FULL)
        return None
    else:
        chosen.append(name)
    await answered(update, ctx, notice=_picked_text(chosen))
    async with ctx.store.single() as tx:
        await tx.interviews.update(interview.id, strengths="\n".join(chosen) or None)
    return None


def _picked_text(chosen: list[str]) -> str:
    return t.PICKED.format(items=", ".join(chosen)) if chosen else t.PICKED_NONE


async def done(update: Update, ctx: Ctx) -> object:
    """Done (DONE): the briefing again, with the strengths picked."""
    target = await target_of(update, ctx, DraftKind.REFEREE_BRIEFING, matched_id(ctx, "iid"))
    if target is None:
        await answered(update, ctx, notice=t.GONE)
        await say(update, ctx, t.GONE)
        return None
    await answered(update, ctx, _picked_text(picked(target.interview)))
    await show(update, ctx, target)
    return None


OPEN = rf"^{NS}:strengths:(?P<iid>[0-9]+):(?P<who>[0-9]+)$"


async def open_picker(update: Update, ctx: Ctx) -> object:
    """ "Pick the strengths" under Change something (OPEN): the buttons."""
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    who = matched_id(ctx, "who")
    if interview is None or who is None:
        await answered(update, ctx, notice=t.GONE)
        await say(update, ctx, t.GONE)
        return None
    await answered(update, ctx, t.BTN_STRENGTHS)
    await ask_strengths(update, ctx, interview, who)
    return None
