"""The one error handler: tell the user something went wrong, log the traceback."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError

from bot.context import Ctx
from bot.texts import common as tc

log = logging.getLogger(__name__)


async def on_error(update: object, ctx: Ctx) -> None:
    error = ctx.error
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    if isinstance(error, Forbidden | NetworkError):
        log.warning("telegram error for user %s: %s", user_id, type(error).__name__)
        return
    log.error("unhandled error for user %s", user_id, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await ctx.bot.send_message(update.effective_chat.id, tc.ERROR)
        except Exception:  # the apology itself failing must not loop back here
            log.warning("could not tell user %s about the error", user_id)
