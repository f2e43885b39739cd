"""/contact (anyone) and /stats (the operator's admins): about the service, not the journey.

Both are info commands: they answer at any time and leave a conversation in progress as it is.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.texts import operator as t
from bot.tg.context import Ctx
from bot.tg.dialogue import Conversation
from conversations.common import say
from conversations.endings import NEXT_DATA, onward


async def contact(update: Update, ctx: Ctx) -> None:
    """/contact: who runs the service and how to reach them."""
    await say(update, ctx, t.contact_text(ctx.runtime.settings), onward(NEXT_DATA))


async def stats(update: Update, ctx: Ctx) -> None:
    """/stats: the service's figures, for the operator's admins only."""
    user = update.effective_user
    # Checked on every call, not by hiding the command: anyone can type /stats.
    if user is None or user.id not in ctx.runtime.settings.admin_user_ids:
        await say(update, ctx, t.STATS_ADMINS_ONLY)
        return
    figures = await ctx.store.stats.gather()
    await say(update, ctx, t.render_stats(figures, ctx.now()))


def handlers() -> Conversation:
    """/contact and /stats: available at any time."""
    return Conversation(
        name="operator",
        actions=[CommandHandler("contact", contact), CommandHandler("stats", stats)],
    )
