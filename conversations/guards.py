"""The first handler group: what must be settled before any conversation sees an update.

- Group chats: the bot coaches one person, so it answers once per group and stays quiet.
- Edited messages: an answer was already stored from the first version; say so.
- Every private update: make sure the user has a row (once per process per user).
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.context import Ctx
from bot.texts import common as tc


async def guard(update: Update, ctx: Ctx) -> None:
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
    if user.id not in ctx.runtime.known_users:
        async with ctx.store.transaction() as tx:
            await tx.users.ensure(user.id, chat.id, user.first_name)
        ctx.runtime.known_users.add(user.id)
    if update.edited_message is not None:
        await ctx.bot.send_message(chat.id, tc.EDITED)
        raise ApplicationHandlerStop
    if update.message is None and update.callback_query is None:
        raise ApplicationHandlerStop  # e.g. my_chat_member: nothing to reply to


def handler() -> TypeHandler[Update, Ctx, None]:
    return TypeHandler(Update, guard)
