"""The user's data: /calendar (due dates as an .ics file), /export (everything as JSON) and
/forget (delete everything, after a confirmation).

/forget is a conversation, so starting it ends any conversation in progress; after the
deletion the user's in-memory data is dropped too, so nothing left in memory points at a
deleted row.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC
from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.rules import icsfile
from bot.rules.models import Interview
from bot.storage.journey import plan_for
from bot.texts import common as tc
from bot.texts import privacy as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.adviser import forgetting
from conversations.common import (
    answered,
    conversation,
    current_user,
    matched_id,
    outbox,
    owned_interview,
    say,
)
from conversations.general import stale_button

NS = "forget"
CALENDAR = "calendar"


class F(StrEnum):
    CONFIRM = "forget.confirm"


# --- /calendar -------------------------------------------------------------------------------
async def _calendar_interview(update: Update, ctx: Ctx) -> Interview | None:
    """The picked (owned) interview, the current one, the only one, or None after asking."""
    if update.callback_query is not None:
        return await owned_interview(update, ctx, matched_id(ctx, "iid"))
    user = await current_user(update, ctx)
    active = await ctx.store.interviews.active(user.id)
    current = next((i for i in active if i.id == user.current_interview_id), None)
    if current is not None or len(active) == 1:
        return current or active[0]
    if not active:
        await say(update, ctx, tc.NO_INTERVIEW)
        return None
    buttons = [(kb.interview_label(i.label), kb.data(CALENDAR, i.id)) for i in active]
    await say(update, ctx, t.CALENDAR_PICK, kb.column(buttons[:20]))
    return None


async def calendar(update: Update, ctx: Ctx) -> None:
    """/calendar, or a pick of its interview: the interview's due dates as an .ics file."""
    interview = await _calendar_interview(update, ctx)
    if interview is None:
        if update.callback_query:
            await stale_button(update, ctx)  # forged, stale or someone else's
        return
    await answered(update, ctx, interview.label if update.callback_query else None)
    user = await current_user(update, ctx)
    now = ctx.now()
    steps = await plan_for(ctx.store, user, interview, now)
    events = icsfile.events(interview.id, interview.label, steps, now)
    label = tc.esc(interview.label)
    if not events:
        await say(update, ctx, t.CALENDAR_EMPTY.format(label=label))
        return
    data = icsfile.to_ics(events, now.astimezone(UTC))
    outbox(ctx).document(
        data,
        f"afterview-{interview.id}.ics",
        t.CALENDAR_CAPTION.format(label=label, count=tc.counted(len(events), "event")),
    )


# --- /export ---------------------------------------------------------------------------------
async def export(update: Update, ctx: Ctx) -> None:
    """/export: every row stored about the user, as a JSON file."""
    user = await current_user(update, ctx)
    chat = update.effective_chat
    assert chat is not None
    tables = await ctx.store.privacy.export(user.id, chat.id)
    payload = {
        "exported_at": ctx.now().astimezone(UTC).isoformat(timespec="seconds"),
        "user_id": user.id,
        "tables": tables,
    }
    data = json.dumps(payload, indent=2, ensure_ascii=False, default=str).encode()
    rows = sum(len(r) for r in tables.values())
    outbox(ctx).document(data, "afterview-export.json", t.EXPORT_CAPTION.format(rows=rows))


# --- /forget ---------------------------------------------------------------------------------
async def forget(update: Update, ctx: Ctx) -> object:
    """/forget: say what would be deleted, and ask to confirm."""
    await answered(update, ctx)
    user = await current_user(update, ctx)
    interviews = await ctx.store.interviews.all_for(user.id)
    referees = await ctx.store.referees.for_user(user.id)
    await say(
        update,
        ctx,
        t.FORGET_ASK.format(
            interviews=tc.counted(len(interviews), "interview"),
            referees=tc.counted(len(referees), "referee"),
        ),
        kb.keyboard(
            [
                [(t.BTN_FORGET_YES, kb.data(NS, "yes"))],
                [(t.BTN_FORGET_NO, kb.data(NS, "no"))],
            ]
        ),
    )
    return F.CONFIRM


async def confirm(update: Update, ctx: Ctx) -> object:
    """Yes, delete: every row of the user goes, their conversation included."""
    await answered(update, ctx, t.BTN_FORGET_YES)
    user = await current_user(update, ctx)
    chat = update.effective_chat
    assert chat is not None
    await forgetting(update, ctx)  # the advisers' staff group is told, if it knew them
    async with ctx.store.transaction() as tx:
        await tx.privacy.delete(user.id, chat.id)
    assert ctx.pending is not None
    ctx.pending.forgotten = True  # the dialogue must not write their conversation back
    await say(update, ctx, t.FORGET_DONE)
    return END


async def keep(update: Update, ctx: Ctx) -> object:
    """No (or /skip): nothing is deleted."""
    await answered(update, ctx, t.BTN_FORGET_NO)
    await say(update, ctx, t.FORGET_KEPT)
    return END


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """The confirmation, asked again."""
    await forget(update, ctx)


def handlers() -> Conversation:
    """/forget asks before it deletes; /calendar and /export answer at any time."""
    forgetting = conversation(
        NS,
        commands=["forget"],
        steps=[],
        entry=forget,
        states={
            F.CONFIRM: [
                CallbackQueryHandler(confirm, pattern=rf"^{NS}:yes$"),
                CallbackQueryHandler(keep, pattern=rf"^{NS}:no$"),
                CommandHandler("skip", keep),
            ]
        },
        reask=reask,
    )
    actions = [
        CommandHandler("calendar", calendar),
        CallbackQueryHandler(calendar, pattern=rf"^{CALENDAR}:(?P<iid>[0-9]+)$"),
        CommandHandler("export", export),
    ]
    return replace(forgetting, actions=actions)
