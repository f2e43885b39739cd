"""The first handler group: what must be settled before any conversation sees an update.

- Group chats: the bot coaches one person, so it answers once per group and stays quiet.
- The allow-list (if the operator set one): anyone else gets one polite refusal per run and
  nothing is stored about them.
- Edited messages: an answer was already stored from the first version; say so.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.texts import common as tc
from bot.texts import operator as to
from bot.tg.context import Ctx


async def guard(update: Update, ctx: Ctx) -> None:
    """Let a private update from a user we serve through to the dialogue (group 0); stop
    anything else here by raising ApplicationHandlerStop, after at most one reply."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or user is None or user.is_bot:
        raise ApplicationHandlerStop  # channel posts, polls, our own echoes: nothing to do
    if chat.type != ChatType.PRIVATE:
        chat_data = ctx.chat_data
        if chat_data is not None and not chat_data.get("told_private_only"):
            chat_data["told_private_only"] = True
            await ctx.bot.send_message(chat.id, tc.PRIVATE_ONLY)
        if update.callback_query:
            await update.callback_query.answer()
        raise ApplicationHandlerStop
    if not ctx.runtime.settings.may_use(user.id):
        await refuse(update, ctx, user.id)
        raise ApplicationHandlerStop
    if update.edited_message is not None:
        await ctx.bot.send_message(chat.id, tc.EDITED)
        raise ApplicationHandlerStop
    if update.message is None and update.callback_query is None:
        raise ApplicationHandlerStop  # e.g. my_chat_member: nothing to reply to


async def refuse(update: Update, ctx: Ctx, user_id: int) -> None:
    """Say no once; after that, silence (only a pressed button's spinner is stopped).

    Remembered in memory only (bot_data isn't persisted), so that not even a chat id of
    someone outside the allow-list is written to the database.
    """
    if update.callback_query:
        await update.callback_query.answer()
    chat = update.effective_chat
    # PTB made empty user and chat data for this update; drop them so that persistence
    # writes no row for someone we don't serve.
    ctx.application.drop_user_data(user_id)
    if chat is not None:
        ctx.application.drop_chat_data(chat.id)
    refused: set[int] = ctx.bot_data.setdefault("refused_users", set())
    if user_id in refused or chat is None:
        return
    refused.add(user_id)
    await ctx.bot.send_message(chat.id, to.refusal(ctx.runtime.settings))


def handler() -> TypeHandler[Update, Ctx, None]:
    """The guard, for every update (registered in group -1 by bot/app/handlers.py)."""
    return TypeHandler(Update, guard)
