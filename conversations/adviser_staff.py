"""The staff group's side of "Ask an adviser" (issue 17): updates from ADVISER_CHAT_ID.

Registered before the guard (which stops group chats), for every update: those from the staff
group end here, the rest go on. Only a message in a client's topic, or a reply to a client's
copied message (a group without topics), is relayed to that client; /card in a topic posts the
client's card again; anything else is left alone. This is not the dialogue: it works with
store transactions of its own and sends with the bot, and logs what fails.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.storage.adviser import Link
from bot.texts import adviser as t
from bot.tg.context import Ctx
from conversations import adviser_relay as relay

log = logging.getLogger(__name__)


async def _client_of(ctx: Ctx, message: Message) -> Link | None:
    """The client a staff message answers: its topic's, or the copied message's it replies
    to; None for anything else."""
    store, chat_id = ctx.store, message.chat_id
    if message.is_topic_message and message.message_thread_id is not None:
        found = await store.adviser.by_topic(chat_id, message.message_thread_id)
        if found is not None:
            return found
    replied = message.reply_to_message
    if replied is None or replied.message_id == message.message_thread_id:
        return None  # (in a topic, a plain message "replies" to the topic's first message)
    return await store.adviser.by_message(chat_id, replied.message_id)


async def _card(ctx: Ctx, message: Message) -> None:
    """/card: the client's card again, in their topic."""
    link = None
    if message.is_topic_message and message.message_thread_id is not None:
        link = await ctx.store.adviser.by_topic(message.chat_id, message.message_thread_id)
    if link is None:
        await ctx.bot.send_message(
            message.chat_id, t.CARD_ONLY_IN_TOPIC, message_thread_id=message.message_thread_id
        )
        return
    await relay.post_card(ctx.bot, ctx.runtime, link, link.topic_id)


async def _relay(ctx: Ctx, message: Message) -> None:
    sender = message.from_user
    if sender is None or sender.is_bot:
        return  # our own copies and notes, other bots
    text = message.text or ""
    if text.startswith("/"):
        command = text[1:].split()[0].partition("@")[0].lower() if text[1:] else ""
        if command == "card":
            await _card(ctx, message)
        return  # other commands are the staff's own business
    if not (text or message.photo or message.document or message.caption):
        return  # service messages (topic created, members joined), stickers
    link = await _client_of(ctx, message)
    if link is not None:
        await relay.to_client(ctx.bot, ctx.runtime, link, message)


async def staff_update(update: Update, ctx: Ctx) -> None:
    """Take an update from the staff group (and stop it there); let any other pass."""
    staff = ctx.runtime.settings.adviser_chat_id
    chat = update.effective_chat
    if staff is None or chat is None or chat.id != staff:
        return
    try:
        if update.message is not None:
            await _relay(ctx, update.message)
        elif update.callback_query is not None:
            await update.callback_query.answer()
    except Exception:  # the staff get no apology; the error is for the operator's logs
        log.exception("adviser: a staff update failed (update %s)", update.update_id)
    raise ApplicationHandlerStop


def handler() -> TypeHandler[Update, Ctx, None]:
    """The staff group's handler (bot/app/handlers.py registers it before the guard)."""
    return TypeHandler(Update, staff_update)
