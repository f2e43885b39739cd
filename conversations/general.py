"""Always-available actions: /help, /next (and "what's next?"), /status, /interviews, and
the buttons that mark a step done or skipped. Also the last-resort replies for anything
no conversation took: unknown commands, stray text, stickers, expired buttons.

The actions live in siblings: general_next (/next, /status), general_steps (a step's advice,
Done and Skip), general_replies (the last-resort replies); this module registers them and
holds /interviews.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.rules.timing import zone
from bot.texts import journey as tj
from bot.texts import outcome as to
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import Conversation
from conversations.common import answered, current_user, say
from conversations.endings import INTERVIEWS_DATA, NEXT_DATA, STATUS_DATA, onward
from conversations.general_history import day_of
from conversations.general_next import next_command, show_next, status, status_messages
from conversations.general_replies import (
    cancel_idle,
    free_text,
    help_command,
    media,
    skip_idle,
    stale_button,
    unknown_command,
)
from conversations.general_steps import MARK_PATTERN, TIPS_PATTERN, mark, tips

# Other steps reach these through this module.
__all__ = ["handlers", "show_next", "stale_button", "status_messages"]

INTERVIEWS_MAX = 20  # buttons in /interviews (the newest; Telegram allows 100)


async def interviews(update: Update, ctx: Ctx) -> None:
    """/interviews (or its button): the user's interviews (active first, newest first), each
    a button that makes it the current one; closed ones marked, with their outcome."""
    await answered(update, ctx)
    user = await current_user(update, ctx)
    rows = await ctx.store.interviews.all_for(user.id)
    if not rows:
        await say(update, ctx, tj.INTERVIEWS_EMPTY)
        return
    tz = zone(user.tz)
    buttons = []
    for row in sorted(rows, key=lambda r: (r.status != "active", -r.id))[:INTERVIEWS_MAX]:
        fields = {"label": kb.interview_label(row.label), "date": day_of(row, tz)}
        if row.status == "active":
            mark = "👉 " if row.id == user.current_interview_id else ""
            label = tj.INTERVIEW_BUTTON.format(mark=mark, **fields)
        else:
            outcome = to.OUTCOME_NAMES[row.outcome] if row.outcome else tj.HISTORY_CLOSED
            label = tj.INTERVIEW_BUTTON_CLOSED.format(outcome=outcome, **fields)
        # "pick:<id>" opens the interview's card and makes it current (conversations/edit.py).
        buttons.append([(label, kb.data("pick", row.id))])
    await say(update, ctx, tj.INTERVIEWS_HEADER, onward(NEXT_DATA, STATUS_DATA, above=buttons))


def handlers() -> Conversation:
    """Actions available at any time (the question pending stays), and the last-resort
    replies for whatever nothing else took."""
    return Conversation(
        name="general",
        actions=[
            CommandHandler("help", help_command),
            CommandHandler("next", next_command),
            CallbackQueryHandler(next_command, pattern=r"^next:show$"),
            CommandHandler("status", status),
            CallbackQueryHandler(status, pattern=rf"^{STATUS_DATA}$"),
            CommandHandler("interviews", interviews),
            CallbackQueryHandler(interviews, pattern=rf"^{INTERVIEWS_DATA}$"),
            CallbackQueryHandler(tips, pattern=TIPS_PATTERN),
            CallbackQueryHandler(mark, pattern=MARK_PATTERN),
        ],
        last_resort=[
            CommandHandler("cancel", cancel_idle),
            CommandHandler("skip", skip_idle),
            MessageHandler(filters.COMMAND, unknown_command),  # (the known ones were taken)
            MessageHandler(filters.TEXT & ~filters.COMMAND, free_text),
            MessageHandler(~filters.TEXT, media),
            CallbackQueryHandler(stale_button),
        ],
    )
