"""What "undo" (and a correction) may reach when no question is pending (issue 15): only
what the user just did. A finished debrief's last answer can be taken back right after it was
given, not once anything else happened (opening a card, /status, a day later); on a card just
shown with nothing changed, "undo" says so under the card's own buttons.

"Just did" is read from the dialogue: while an update is handled, `ctx.pending.update_id` is
still the id of the user's previous update, and the debrief and the card note the update
that finished or showed them (scratch keys `FINISHED`, `CARD_SHOWN`).
"""

from __future__ import annotations

from telegram import Update

from bot.texts import edit as t
from bot.tg.context import Ctx
from conversations.common import owned_interview, say
from conversations.debrief_progress import FINISHED
from conversations.edit_card import CARD_SHOWN, show_card
from conversations.endings import INTERVIEWS_DATA, onward
from conversations.resume import reask_pending


def _previous(ctx: Ctx) -> int | None:
    """The id of the update handled for the user before this one (None: none known)."""
    return ctx.pending.update_id if ctx.pending else None


def debrief_reachable(ctx: Ctx) -> bool:
    """Whether the debrief's answers may be taken back: one of its questions is pending, or it
    finished with the user's previous update (nothing done since)."""
    if ctx.pending is None or ctx.pending.name != "debrief":
        return False
    if ctx.pending.state is not None:
        return True
    previous = _previous(ctx)
    return previous is not None and ctx.udata.get(FINISHED) == previous


async def nothing_to_undo(update: Update, ctx: Ctx) -> None:
    """Nothing to take back: said, then the question pending asked again; on a card just shown,
    the card again with its buttons; else the way to the interviews' cards."""
    if ctx.pending is not None and ctx.pending.state is not None:
        await say(update, ctx, t.NOTHING_TO_UNDO_HERE)
        await reask_pending(update, ctx)
        return
    shown = ctx.udata.get(CARD_SHOWN)
    previous = _previous(ctx)
    if isinstance(shown, dict) and previous is not None and shown.get("update") == previous:
        iid = shown.get("iid")
        interview = await owned_interview(update, ctx, iid if isinstance(iid, int) else None)
        if interview is not None:
            await show_card(update, ctx, interview, lead=t.NOTHING_TO_UNDO_ON_CARD)
            return
    await say(update, ctx, t.NOTHING_TO_UNDO, onward(INTERVIEWS_DATA))
