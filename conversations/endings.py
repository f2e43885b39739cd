"""Where to go next: the buttons under a reply that would otherwise end the conversation
(issue 15: /status, /settings' "Saved.", /interviews and /contact ended without a next step)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.texts import common as tc
from bot.tg import keyboards as kb
from bot.tg.context import Ctx

NEXT_DATA = "next:show"  # conversations.general: /next
STATUS_DATA = "status:show"  # conversations.general: /status
INTERVIEWS_DATA = "interviews:show"  # conversations.general: /interviews

_LABELS = {
    NEXT_DATA: tc.BTN_NEXT,
    STATUS_DATA: tc.BTN_STATUS,
    INTERVIEWS_DATA: tc.BTN_INTERVIEWS,
}


def onward_rows(*targets: str) -> list[list[kb.Button]]:
    """One row of buttons to the places named (NEXT_DATA, STATUS_DATA, INTERVIEWS_DATA);
    What's next? alone when none are named."""
    return [[(_LABELS[data], data) for data in targets or (NEXT_DATA,)]]


def onward(*targets: str, above: Sequence[Sequence[kb.Button]] = ()) -> InlineKeyboardMarkup:
    """`onward_rows` as a keyboard, below the rows `above`."""
    return kb.keyboard([*above, *onward_rows(*targets)])


async def nothing_active(ctx: Ctx, user_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """What a step says with no interview to apply to: none told yet, or every one wrapped
    up (then not "you haven't told me": /interviews still opens them)."""
    debrief = [(tc.BTN_DEBRIEF, kb.open_step("debrief"))]
    if not await ctx.store.interviews.all_for(user_id):
        return tc.NO_INTERVIEW, kb.column(debrief)
    return tc.ALL_WRAPPED_UP, onward(INTERVIEWS_DATA, above=[debrief])
