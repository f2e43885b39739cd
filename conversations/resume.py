"""Where the user left off: the question pending, asked again when they come back.

Issue 15: quitting `afterview chat` mid-question and starting again showed "Welcome back! What
would you like to do?" and the half-answered question was gone from view. /start (which the
terminal sends when it opens) is an action now, so the question pending stays pending, and
a returning user sees it again.
"""

from __future__ import annotations

from enum import StrEnum

from telegram import Update

from bot.tg.context import Ctx
from bot.tg.dialogue import Conversation, Dialogue


def _pending(ctx: Ctx) -> tuple[Conversation, StrEnum] | None:
    """The step and state of the question pending for this update's user, from the
    application's dialogue (None when nothing is pending or this version lacks its state)."""
    pending = ctx.pending
    if pending is None or pending.name is None or pending.state is None:
        return None
    for group in ctx.application.handlers.values():
        for handler in group:
            step = (
                handler.conversations.get(pending.name) if isinstance(handler, Dialogue) else None
            )
            if step is None:
                continue
            state = next((s for s in step.states if str(s) == pending.state), None)
            return (step, state) if state is not None and step.reask is not None else None
    return None


def pending_name(ctx: Ctx) -> str | None:
    """The name of the step whose question is pending (None when none is)."""
    found = _pending(ctx)
    return found[0].name if found is not None else None


async def reask_pending(update: Update, ctx: Ctx) -> bool:
    """Ask the pending question again, as its step's catch-all would; False when nothing is
    pending, having said nothing."""
    found = _pending(ctx)
    if found is None or found[0].reask is None:
        return False
    await found[0].reask(update, ctx, found[1])
    return True
