"""Answers the next-stage answer already holds, confirmed instead of asked again (issue 15).

"They'll get back to me in two weeks, possibly a second round with a technical test": the
reply-by question becomes "You said they'll reply in two weeks: by Mon 7 Dec. Right?" and the
process question "You mentioned second round; technical test…", each with Yes and Change
(which asks the question as before). What was read waits in the step's scratch data until
confirmed; a typed answer or the question's own buttons still answer it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.rules.dates import day_label
from bot.rules.lateness import still_to_come
from bot.rules.models import Interview
from bot.rules.stage_reading import read_stage
from bot.rules.timing import zone
from bot.texts import common as tc
from bot.texts import debrief as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import Handler
from conversations.common import answered, current_user, matched, say
from conversations.debrief_progress import advance, ask, current, debrief_id, first_open, save
from conversations.debrief_questions import NS, Q

_READ = "debrief_read"  # scratch data: {"reply_by": ISO date, "words": ..., "process": ...}
CONFIRM = rf"^{NS}:(?P<what>yes|change):(?P<q>reply|process)$"
_KEYS = {Q.REPLY_BY: "reply", Q.PROCESS: "process"}


async def remember_reading(update: Update, ctx: Ctx, interview: Interview, text: str) -> None:
    """Read the next-stage answer `text` and keep what it says for the later questions (the
    reply-by date counted from the interview once it is over, else from now)."""
    user = await current_user(update, ctx)
    now = ctx.now()
    anchor = interview.held_at if interview.held_at and interview.held_at <= now else now
    reading = read_stage(text, zone(user.tz), anchor, user.holidays)
    found: dict[str, str | int] = {"iid": interview.id}
    if reading.reply_by is not None and reading.reply_words:
        found |= {"reply_by": reading.reply_by.isoformat(), "words": reading.reply_words}
    if reading.process:
        found["process"] = reading.process
    ctx.udata[_READ] = found


def _read(ctx: Ctx) -> dict[str, Any]:
    """What was read from this debrief's next-stage answer ({} if none, or another's)."""
    read = ctx.udata.get(_READ)
    if not isinstance(read, dict) or read.get("iid") != debrief_id(ctx):
        return {}
    return read


def waiting_reading(ctx: Ctx, q: Q | str | None) -> str | None:
    """What was read for question `q` and waits at its confirmation (HTML: the reply-by day,
    e.g. "Mon 7 Dec", or the process), or None when `q` asks no confirmation."""
    read = _read(ctx)
    if q == Q.REPLY_BY and isinstance(read.get("reply_by"), str):
        return day_label(date.fromisoformat(read["reply_by"]))
    if q == Q.PROCESS and isinstance(read.get("process"), str):
        return tc.esc(read["process"])
    return None


def _confirmation(ctx: Ctx, q: Q) -> tuple[str, list[list[kb.Button]]] | None:
    read = _read(ctx)
    if not read or q not in _KEYS:
        return None
    change = (t.BTN_CHANGE_ANSWER, kb.data(NS, "change", _KEYS[q]))
    if q is Q.REPLY_BY and isinstance(read.get("reply_by"), str):
        day = day_label(date.fromisoformat(read["reply_by"]))
        text = t.CONFIRM_REPLY_BY.format(words=tc.esc(str(read.get("words"))), date=day)
        return text, [[(t.BTN_YES_RIGHT, kb.data(NS, "yes", "reply")), change]]
    if q is Q.PROCESS and isinstance(read.get("process"), str):
        text = t.CONFIRM_PROCESS.format(process=tc.esc(read["process"]))
        yes = (t.BTN_THATS_IT, kb.data(NS, "yes", "process"))
        # "Nothing mentioned" stays: nothing more than what the next stage said.
        nothing = (t.BTN_NOTHING_MENTIONED, kb.data(NS, "nothing"))
        return text, [[yes, change], [nothing]]
    return None


async def ask_confirmation(update: Update, ctx: Ctx, q: Q) -> bool:
    """Ask again the confirmation of what was read for question `q`, if one waits (after
    "what's next?", or on resuming); False when none does (the question is asked as usual)."""
    interview = await current(ctx)
    found = _confirmation(ctx, q)
    if found is None or interview is None or still_to_come(interview.held_at, ctx.now()):
        return False  # (not asked as a confirmation before it is held: see advance_read)
    await say(update, ctx, found[0], kb.keyboard(found[1]))
    return True


async def advance_read(
    update: Update, ctx: Ctx, interview: Interview | None, after: Q, *, lead: str | None = None
) -> object:
    """Like `advance`, but a question the next-stage answer already answered is asked as a
    confirmation of what was read."""
    if interview is not None and not (interview.held_at and interview.held_at > ctx.now()):
        q = await first_open(ctx, interview, after)
        found = _confirmation(ctx, q) if q is not None else None
        if q is not None and found is not None:
            await say(update, ctx, found[0], kb.keyboard(found[1]), lead=lead)
            return q
    return await advance(update, ctx, interview, after=after, lead=lead)


async def confirmed(update: Update, ctx: Ctx) -> object:
    """Yes (what was read is right: saved) or Change (the question as it was asked before)."""
    q = Q.REPLY_BY if matched(ctx, "q") == "reply" else Q.PROCESS
    read = _read(ctx)
    if matched(ctx, "what") == "change" or not read:
        await answered(update, ctx, t.BTN_CHANGE_ANSWER)
        # What was read for it is set aside: asked again, the question is asked as usual.
        key = "reply_by" if q is Q.REPLY_BY else "process"
        ctx.udata[_READ] = {k: v for k, v in read.items() if k != key}
        return await ask(update, ctx, q)
    if q is Q.REPLY_BY and isinstance(read.get("reply_by"), str):
        await answered(update, ctx, t.BTN_YES_RIGHT)
        day = date.fromisoformat(read["reply_by"])
        saved = await save(update, ctx, reply_by=day, reply_text=str(read.get("words")))
        lead = t.REPLY_BY_SET.format(date=day_label(day))
        return await advance_read(update, ctx, saved, Q.REPLY_BY, lead=lead)
    if q is Q.PROCESS and isinstance(read.get("process"), str):
        await answered(update, ctx, t.BTN_THATS_IT)
        saved = await save(update, ctx, process_info=read["process"])
        return await advance_read(update, ctx, saved, Q.PROCESS)
    await answered(update, ctx)
    return await ask(update, ctx, q)


def confirm_handlers() -> list[Handler]:
    """The Yes / Change buttons, waiting at the reply-by and process questions."""
    return [CallbackQueryHandler(confirmed, pattern=CONFIRM)]
