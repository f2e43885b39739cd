"""/adviser: write to the organisation's advisers (issue 17), with the client's consent.

The first time, the client is told plainly what is shared and asked to agree (their first name
and messages; a summary of their interviews and steps only if they choose). While the step's
WRITING question is pending, their text, photos and documents are copied to the staff group
once the update is committed (conversations/adviser_relay.py). `/adviser stop` ends sharing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.rules.office_hours import next_opening
from bot.storage.adviser import Consent
from bot.texts import adviser as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations import adviser_relay as relay
from conversations.common import answered, conversation, joined, matched, outbox, say

NS = "adviser"


class A(StrEnum):
    CONSENT = "adviser.consent"
    WRITING = "adviser.writing"


def _user_id(update: Update) -> int:
    user = update.effective_user
    assert user is not None
    return user.id


def _hours_note(ctx: Ctx) -> str | None:
    """When to expect an answer, outside office hours; None inside them."""
    settings = ctx.runtime.settings
    opening = next_opening(settings.adviser_hours, settings.adviser_zone, ctx.now())
    return t.after_hours(settings, opening) if opening is not None else None


async def ask_consent(update: Update, ctx: Ctx) -> object:
    """Say what would be shared, and ask."""
    buttons = [
        [(t.BTN_SHARE, kb.data(NS, "share", "message"))],
        [(t.BTN_SHARE_SUMMARY, kb.data(NS, "share", "summary"))],
        [(t.BTN_NOT_NOW, kb.data(NS, "no"))],
    ]
    await say(update, ctx, t.consent_text(ctx.runtime.settings), kb.keyboard(buttons))
    return A.CONSENT


async def adviser(update: Update, ctx: Ctx) -> object:
    """/adviser (or its button): ask for consent once, then take the client's message;
    `/adviser stop` ends sharing."""
    await answered(update, ctx)
    if not relay.configured(ctx.runtime.settings):
        await say(update, ctx, t.NOT_SET_UP)
        return END
    if [arg.lower() for arg in ctx.args or []] == ["stop"]:
        return await stop(update, ctx)
    link = await ctx.store.adviser.get(_user_id(update))
    if link is None or link.consent is None:
        return await ask_consent(update, ctx)
    return await writing(update, ctx)


async def writing(update: Update, ctx: Ctx) -> object:
    """Ask for the message (a new sitting: its first message is acknowledged)."""
    async with ctx.store.single() as tx:
        await tx.adviser.new_sitting(_user_id(update))
    await say(update, ctx, joined(t.WRITE, _hours_note(ctx)))
    return A.WRITING


async def stop(update: Update, ctx: Ctx) -> object:
    """/adviser stop: nothing more is shared; the staff are told in the client's topic."""
    link = await ctx.store.adviser.get(_user_id(update))
    if link is None or link.consent is None:
        await say(update, ctx, t.NOT_SHARING)
        return END
    async with ctx.store.single() as tx:
        stopped = await tx.adviser.consent(link.user_id, None)
    first_name = update.effective_user.first_name if update.effective_user else ""
    note = t.staff(t.STOPPED_STAFF, first_name)
    outbox(ctx).later(lambda: relay.tell_staff(ctx.bot, stopped, note))
    await say(update, ctx, t.STOPPED)
    return END


async def agree(update: Update, ctx: Ctx) -> object:
    """Yes: record what the client agreed to share, and take their message."""
    what: Consent = "summary" if matched(ctx, "what") == "summary" else "message"
    await answered(update, ctx, t.BTN_SHARE_SUMMARY if what == "summary" else t.BTN_SHARE)
    async with ctx.store.single() as tx:
        await tx.adviser.consent(_user_id(update), what)
    return await writing(update, ctx)


async def decline(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, t.BTN_NOT_NOW)
    await say(update, ctx, t.DECLINED)
    return END


async def write(update: Update, ctx: Ctx) -> object:
    """A message for the advisers: copied to the staff group once the update is committed;
    the first of a sitting is acknowledged once it is there (a failure is always told)."""
    message = update.message
    user_id = _user_id(update)
    link = await ctx.store.adviser.get(user_id)
    if message is None or link is None or link.consent is None:
        return await ask_consent(update, ctx)
    async with ctx.store.single() as tx:  # committed with the update: a crash loses none
        queued = await tx.adviser.queue(user_id, message.chat_id, message.message_id)
    bot, runtime = ctx.bot, ctx.runtime
    outbox(ctx).later(lambda: relay.pass_on(bot, runtime, queued))
    return None


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    if state == A.CONSENT:
        await ask_consent(update, ctx)
    else:
        await say(update, ctx, t.WRITE)


def handlers() -> Conversation:
    """/adviser, its "Ask an adviser" buttons and the Reply button under an adviser's answer."""
    return conversation(
        NS,
        commands=["adviser"],
        steps=[NS],
        entry=adviser,
        extra_entry_points=[CallbackQueryHandler(adviser, pattern=rf"^{relay.REPLY}$")],
        states={
            A.CONSENT: [
                CallbackQueryHandler(agree, pattern=rf"^{NS}:share:(?P<what>message|summary)$"),
                CallbackQueryHandler(decline, pattern=rf"^{NS}:no$"),
            ],
            A.WRITING: [
                MessageHandler(
                    (filters.TEXT & ~filters.COMMAND) | filters.PHOTO | filters.Document.ALL,
                    write,
                )
            ],
        },
        reask=reask,
    )


async def forgetting(update: Update, ctx: Ctx) -> None:
    """Before /forget deletes the client's rows (the adviser link with them): queue a note
    telling the staff group that the client's data is gone."""
    link = await ctx.store.adviser.get(_user_id(update))
    if link is None or link.staff_chat_id is None:
        return
    first_name = update.effective_user.first_name if update.effective_user else ""
    note = t.staff(t.FORGOTTEN, first_name, link.number)
    outbox(ctx).later(lambda: relay.tell_staff(ctx.bot, link, note))
