"""The one error handler: tell the user something went wrong, log the traceback.

The ERROR line names the update, the user and the kind of event, never what they wrote; the
whole update (with its text) goes to DEBUG only, for someone reproducing a bug on purpose.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError
from telegram.ext import ApplicationHandlerStop

from bot.texts import common as tc
from bot.tg.context import Ctx
from bot.tg.logs import summary, user_id_of

log = logging.getLogger(__name__)


def report(update: object, error: BaseException) -> None:
    """Log an error that reached the user as an apology: one ERROR line naming the update (never
    its text) with the traceback; the whole update at DEBUG only."""
    log.error("unhandled error %s", summary(update), exc_info=error)
    if isinstance(update, Update):
        log.debug("the update that failed: %s", update.to_json())


async def on_error(update: object, ctx: Ctx) -> None:
    """PTB's error handler, for what fails outside the dialogue (which answers its own
    failures, see bot/tg/dialogue.py): the guard, jobs, the update fetcher."""
    error = ctx.error
    assert error is not None
    user_id = user_id_of(update)
    # BadRequest is a NetworkError to PTB, but it means we sent something Telegram refuses:
    # our bug, to be logged in full and apologised for like any other.
    if isinstance(error, Forbidden) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    ):
        log.warning("telegram error %s: %s", summary(update), type(error).__name__)
        return
    if update is None and ctx.job is not None:
        log.error("unhandled error in job %s", ctx.job.name, exc_info=error)
        return
    report(update, error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await ctx.bot.send_message(update.effective_chat.id, tc.ERROR)
        except Exception:  # the apology itself failing must not loop back here
            log.warning("could not tell user %s about the error", user_id)
        raise ApplicationHandlerStop  # one reply is enough
