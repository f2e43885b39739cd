"""Where to go next: the buttons under a reply that would otherwise end the conversation
(issue 15: /status, /settings' "Saved.", /interviews and /contact ended without a next step)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.texts import common as tc
from bot.tg import keyboards as kb

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
