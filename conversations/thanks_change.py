"""/thanks: changing a note, with one forgotten point or one smoothed-over answer.

Seed 000: the note may smooth over a rough answer "no longer than one or two sentences"; the
addition is checked for that before it goes into the note.
"""

from __future__ import annotations

import re

from telegram import Update

from bot.rules.models import Interview, Interviewer
from bot.rules.points import is_change_request
from bot.terms import DraftKind
from bot.texts import common as tc
from bot.texts import drafts as td
from bot.texts import thanks as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import answered, say, text_of
from conversations.general import stale_button
from conversations.redraft import Target, change_menu
from conversations.thanks_notes import button_person, send_note
from conversations.thanks_scratch import NS, Q, remember, saved_person

MAX_SENTENCES = 2
MAX_ADDITION = 320  # two full sentences; more reads as re-arguing the interview
MIN_ADDITION = 8
MATERIAL_MAX = 200  # characters of each debrief answer shown as material
_SENTENCE_END = re.compile(r"[.!?…]+(?:[\"'”’)\]]*)(?=\s|$)")


def count_sentences(text: str) -> int:
    """Sentences in a short addition: pieces ending in . ! ? (or the end) with a letter."""
    pieces = _SENTENCE_END.split(text.strip())
    return sum(1 for piece in pieces if any(ch.isalpha() for ch in piece))


def addition_problem(text: str) -> str | None:
    """Why an addition can't go into the note as it is (a text to show), or None if fine."""
    cleaned = " ".join(text.split())
    if len(cleaned) < MIN_ADDITION or not any(ch.isalpha() for ch in cleaned):
        return t.BAD_ADDITION_EMPTY
    if len(cleaned) > MAX_ADDITION:
        return t.BAD_ADDITION_LONG.format(length=len(cleaned), limit=MAX_ADDITION)
    sentences = count_sentences(cleaned)
    if sentences > MAX_SENTENCES:
        return t.BAD_ADDITION_SENTENCES.format(count=sentences)
    return None


async def change(update: Update, ctx: Ctx) -> object:
    """ "Change something" under any thank-you draft of the user's (CHANGE_PATTERN)."""
    owned = await button_person(update, ctx)
    if owned is None:
        await stale_button(update, ctx)
        return None
    interview, person = owned
    await answered(update, ctx, td.BTN_CHANGE)
    remember(ctx, interview, person)
    return await ask_change(update, ctx, interview, person)


async def ask_change(update: Update, ctx: Ctx, interview: Interview, person: Interviewer) -> Q:
    """Ask what to add to the note to `person`, with the debrief's rough answers as material."""
    parts = [t.ASK_CHANGE.format(name=tc.esc(person.name))]
    material = []
    if interview.not_landed:
        material.append(t.MATERIAL_NOT_LANDED.format(text=_material(interview.not_landed)))
    if interview.forgot_to_say:
        material.append(t.MATERIAL_FORGOT.format(text=_material(interview.forgot_to_say)))
    if material:
        parts.append(t.CHANGE_MATERIAL.format(lines="\n".join(material)))
    buttons = [(t.BTN_KEEP, kb.data(NS, "keep"))]
    if person.extra_point:
        parts.append(t.CHANGE_CURRENT.format(text=tc.esc(person.extra_point)))
        buttons.append((t.BTN_REMOVE, kb.data(NS, "clear")))
    await say(update, ctx, "\n\n".join(parts), kb.keyboard([buttons]))
    return Q.CHANGE


def _material(text: str) -> str:
    return tc.esc(text[:MATERIAL_MAX])


async def change_answer(update: Update, ctx: Ctx) -> object:
    """The addition, typed: checked, stored, and the note shown again."""
    if is_change_request(text_of(update)):
        owned = await saved_person(update, ctx)
        if owned is not None:
            await say(update, ctx, t.CHANGE_REQUEST)
            await change_menu(update, ctx, Target(DraftKind.THANK_YOU, owned[0], person=owned[1]))
            return None
    problem = addition_problem(text_of(update))
    if problem is not None:
        await say(update, ctx, problem)
        return None
    return await _set_addition(update, ctx, " ".join(text_of(update).split()), t.ADDITION_SAVED)


async def keep(update: Update, ctx: Ctx) -> object:
    """Keep the note as it is (button or /skip)."""
    await answered(update, ctx, t.BTN_KEEP)
    return await _redraft(update, ctx, t.ADDITION_KEPT)


async def clear(update: Update, ctx: Ctx) -> object:
    """Remove the addition from the note."""
    await answered(update, ctx, t.BTN_REMOVE)
    return await _set_addition(update, ctx, None, t.ADDITION_REMOVED)


async def _set_addition(update: Update, ctx: Ctx, text: str | None, lead: str) -> object:
    owned = await saved_person(update, ctx)
    if owned is None:
        await say(update, ctx, t.NO_PERSON)
        return END
    async with ctx.store.single() as tx:
        await tx.interviewers.set_extra_point(owned[1].id, text)
    return await _redraft(update, ctx, lead)


async def _redraft(update: Update, ctx: Ctx, lead: str) -> object:
    owned = await saved_person(update, ctx)
    if owned is None:
        await say(update, ctx, t.NO_PERSON)
        return END
    await say(update, ctx, lead)
    await send_note(update, ctx, *owned)
    return Q.DRAFT
