"""/notes: step 3. Any number of messages until Done, each stored the moment it arrives.

Entering again later shows how many notes exist and lets the user add more or read them back.
Done with at least one note marks the step done, then asks once (skippable) for the one thing
they forgot to say: the thank-you draft can add it (`interviews.forgot_to_say`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler
from telegram.ext import filters as f

from bot.rules.coaching import Step, StepState
from bot.rules.intents import read_deletion
from bot.rules.models import Interview
from bot.rules.parsing import MAX_TEXT
from bot.texts import common as tc
from bot.texts import intents as ti
from bot.texts import notes as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from bot.tg.limits import pack
from conversations.common import (
    answered,
    conversation,
    interview_for,
    mark_step,
    matched,
    say,
    stored_interview,
    text_of,
    too_long,
)
from conversations.general import show_next

NS = "notes"
FORGOT_LIMIT = 500  # "one point, in a sentence or two"
# Reading back, a note is shown in slices and pages are cut by their HTML length: Telegram
# counts 4096 characters after parsing, so measuring the escaped HTML keeps well inside it.
SLICE = 600
PAGE_BUDGET = 3500


class N(StrEnum):
    COLLECT = "notes.collect"
    FORGOT = "notes.forgot"


# --- pure helpers ----------------------------------------------------------------------------
def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut a long note into parts of at most `limit` characters, at a line break or space
    when there is one, so that nothing the user wrote is refused or lost."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = max(rest.rfind("\n", 0, limit + 1), rest.rfind(" ", 0, limit + 1))
        if cut <= limit // 2:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def pages(lines: list[str], budget: int = PAGE_BUDGET) -> list[list[str]]:
    """Group HTML lines into messages of at most `budget` characters each."""
    return pack(lines, budget, "\n")


def note_lines(bodies: list[str]) -> list[str]:
    """The notes as numbered HTML lines, a long note cut into slices of its own lines."""
    lines = []
    for n, body in enumerate(bodies, start=1):
        for i, piece in enumerate(split_text(body, SLICE)):
            text = tc.esc(piece)
            lines.append(t.NOTE_LINE.format(n=n, body=text) if i == 0 else text)
    return lines


# --- keyboards and questions -----------------------------------------------------------------
def _collect_keyboard(count: int) -> InlineKeyboardMarkup:
    if count == 0:
        return kb.keyboard([[(t.BTN_SKIP, kb.data(NS, "skip"))]])
    return kb.keyboard([[(t.BTN_DONE, kb.data(NS, "done")), (t.BTN_READ, kb.data(NS, "read"))]])


async def _interview(update: Update, ctx: Ctx) -> Interview | None:
    """The interview these notes are for (kept in the scratch data), if still the user's."""
    return await stored_interview(update, ctx, "notes_id")


async def _lost(update: Update, ctx: Ctx) -> object:
    await say(update, ctx, tc.NO_INTERVIEW)
    return END


async def _count(ctx: Ctx, interview: Interview) -> int:
    return len(await ctx.store.notes.for_interview(interview.id))


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask the question pending in `state` again (the catch-all's second half)."""
    interview = await _interview(update, ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
    elif state == N.FORGOT:
        await _ask_forgot(update, ctx)
    else:
        count = await _count(ctx, interview)
        await say(update, ctx, t.REASK if count else t.REASK_EMPTY, _collect_keyboard(count))


async def _ask_forgot(update: Update, ctx: Ctx) -> None:
    await say(update, ctx, t.ASK_FORGOT, kb.keyboard([[(t.BTN_NOTHING, kb.data(NS, "nothing"))]]))


# --- entry -----------------------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    """/notes or an "open:notes" button: collect notes for the interview."""
    await answered(update, ctx)
    interview = await interview_for(update, ctx, "notes")
    if interview is None:
        return END
    ctx.udata["notes_id"] = interview.id
    count = await _count(ctx, interview)
    label = tc.esc(interview.label)
    if count == 0:
        await say(update, ctx, t.INTRO.format(label=label), _collect_keyboard(0))
    else:
        text = t.INTRO_MORE.format(label=label, count=t.count_text(count))
        await say(update, ctx, text, _collect_keyboard(count))
    return N.COLLECT


# --- collecting ------------------------------------------------------------------------------
async def add_note(update: Update, ctx: Ctx) -> object:
    """A note: stored at once (cut into parts when longer than we store in one row)."""
    interview = await _interview(update, ctx)
    if interview is None:
        return await _lost(update, ctx)
    numbers = read_deletion(text_of(update))
    if numbers is not None:  # "delete 3 and 4": an edit of the list, not a note
        await _delete(update, ctx, interview, numbers)
        return None
    parts = split_text(text_of(update))
    if not parts:
        await reask(update, ctx, N.COLLECT)
        return None
    first = await _count(ctx, interview) == 0
    async with ctx.store.transaction() as tx:
        for part in parts:
            await tx.notes.add(interview.id, part)
    if first:
        # Written notes are the step done, whether or not Done is tapped.
        await mark_step(ctx, interview.id, Step.NOTES, StepState.DONE)
    count = await _count(ctx, interview)
    if len(parts) == 1:
        text = t.SAVED.format(count=t.count_text(count))
    else:
        text = t.SAVED_PARTS.format(parts=len(parts), count=t.count_text(count))
    await say(update, ctx, text, _collect_keyboard(count))
    return None


async def _delete(update: Update, ctx: Ctx, interview: Interview, numbers: tuple[int, ...]) -> None:
    """Delete the notes with these numbers, as Read them back numbers them (all or none)."""
    notes = await ctx.store.notes.for_interview(interview.id)
    which = ti.note_numbers(numbers)
    if max(numbers) > len(notes):
        text = ti.NOTES_NO_SUCH.format(count=t.count_text(len(notes)), which=which)
        text = text if notes else ti.NOTES_NONE_YET.format(which=which)
        await say(update, ctx, text, _collect_keyboard(len(notes)))
        return
    async with ctx.store.transaction() as tx:
        await tx.notes.delete(interview.id, [notes[n - 1].id for n in numbers])
    left = len(notes) - len(numbers)
    text = ti.NOTES_DELETED.format(which=which, count=t.count_text(left))
    text = text if left else ti.NOTES_ALL_DELETED.format(which=which)
    await say(update, ctx, text, _collect_keyboard(left))


async def read_back(update: Update, ctx: Ctx) -> object:
    """Read mine: the notes so far, in as many messages as they need."""
    await answered(update, ctx)
    interview = await _interview(update, ctx)
    if interview is None:
        return await _lost(update, ctx)
    notes = await ctx.store.notes.for_interview(interview.id)
    if not notes:
        await say(update, ctx, t.READ_EMPTY, _collect_keyboard(0))
        return None
    chunks = pages(note_lines([n.body for n in notes]))
    for i, chunk in enumerate(chunks):
        header = t.READ_HEADER.format(label=tc.esc(interview.label)) if i == 0 else None
        await say(update, ctx, "\n".join([header or t.READ_CONTINUED, *chunk]))
    await say(update, ctx, t.READ_FOOTER, _collect_keyboard(len(notes)))
    return None


async def done(update: Update, ctx: Ctx) -> object:
    """Done, or /skip: with notes the step is done; without any, Done asks for one and
    Skip marks the step skipped."""
    skipping = update.callback_query is None or matched(ctx, "action") == "skip"
    interview = await _interview(update, ctx)
    if interview is None:
        await answered(update, ctx)
        return await _lost(update, ctx)
    count = await _count(ctx, interview)
    label = tc.esc(interview.label)
    if count == 0 and not skipping:
        await answered(update, ctx)
        await say(update, ctx, t.DONE_EMPTY, _collect_keyboard(0))
        return None
    if count == 0:
        await answered(update, ctx, t.BTN_SKIP)
        await mark_step(ctx, interview.id, Step.NOTES, StepState.SKIPPED)
        await say(update, ctx, t.SKIPPED.format(label=label))
        await show_next(update, ctx)
        return END
    await answered(update, ctx, t.BTN_DONE)
    await mark_step(ctx, interview.id, Step.NOTES, StepState.DONE)
    await say(update, ctx, t.DONE.format(label=label, count=t.count_text(count)))
    asked: list[int] = ctx.udata.setdefault("notes_forgot_asked", [])
    if interview.forgot_to_say is None and interview.id not in asked:
        asked.append(interview.id)  # asked once per interview, whatever the answer
        await _ask_forgot(update, ctx)
        return N.FORGOT
    await show_next(update, ctx)
    return END


# --- the one thing they forgot to say --------------------------------------------------------
async def forgot_answer(update: Update, ctx: Ctx) -> object:
    """The one thing they forgot to say: kept for the thank-you draft."""
    if await too_long(update, ctx, FORGOT_LIMIT):
        return None
    interview = await _interview(update, ctx)
    if interview is None:
        return await _lost(update, ctx)
    async with ctx.store.transaction() as tx:
        await tx.interviews.update(interview.id, forgot_to_say=text_of(update))
    await say(update, ctx, t.FORGOT_SAVED)
    await show_next(update, ctx)
    return END


async def forgot_skip(update: Update, ctx: Ctx) -> object:
    """Nothing forgotten (or /skip): on to what's next."""
    await answered(update, ctx, t.BTN_NOTHING)
    await show_next(update, ctx)
    return END


def handlers() -> Conversation:
    """The /notes step: collecting notes, then the one thing they forgot to say."""
    text = f.TEXT & ~f.COMMAND
    states: dict[StrEnum, list[Any]] = {
        N.COLLECT: [
            MessageHandler(text, add_note),
            CallbackQueryHandler(read_back, pattern=rf"^{NS}:read$"),
            CallbackQueryHandler(done, pattern=rf"^{NS}:(?P<action>done|skip)$"),
            CommandHandler("skip", done),
        ],
        N.FORGOT: [
            MessageHandler(text, forgot_answer),
            CallbackQueryHandler(forgot_skip, pattern=rf"^{NS}:nothing$"),
            CommandHandler("skip", forgot_skip),
        ],
    }
    return conversation(
        NS, commands=["notes"], steps=["notes"], entry=entry, states=states, reask=reask
    )
