"""Undo and correct the last answer: /undo or "undo" takes it back and asks its question again;
`correct_last` (called for "oops, it was Tom and Priya") puts the corrected answer in its place.

Where the last answer is remembered. Nowhere new, for the debrief: the dialogue already stores
which question is pending (table `conversations`), the debrief asks its questions in a fixed
order and writes each answer the moment it is given, and the questions skipped are in its
scratch data. So the last answer is the nearest question before the pending one that holds an
answer or was skipped (at the interviewer questions: the newest interviewer, or their email).
Read from the stored facts, it can't fall out of step with them: an answer changed on the card,
or a crash between saving an answer and replying, leaves no undo record pointing at a value
that is no longer there, and the debrief needed no change. A change made on the card replaces a
value the facts alone can't give back, so the card keeps the columns it overwrote (scratch key
"edit_undo", conversations/edit_ask.py); in /notes the last answer is the newest note. The step
whose question is pending (`ctx.pending.name`) says which of these applies.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler

from bot.rules.models import Interview
from bot.rules.parsing import parse_email
from bot.rules.people import read_people
from bot.texts import common as tc
from bot.texts import edit as t
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import say, stored_interview
from conversations.debrief_prefill import advance_read, waiting_reading
from conversations.debrief_progress import advance, ask, current, skipped
from conversations.debrief_questions import ORDER, Q
from conversations.edit_ask import E, apply_text, show_after, target, where, write
from conversations.edit_fields import FIELDS, Where, read, shown, snapshot
from conversations.endings import INTERVIEWS_DATA, onward
from conversations.people import add_people
from conversations.resume import reask_pending
from conversations.undo_scope import debrief_reachable, nothing_to_undo

# The debrief's questions as fields of the card (their columns, how they read and show).
AS_FIELD: dict[Q, str] = {
    Q.COMPANY: "company",
    Q.ROLE: "role",
    Q.WHEN: "when",
    Q.WHERE: "place",
    Q.NEXT_STAGE: "next",
    Q.REPLY_BY: "reply",
    Q.PROCESS: "process",
    Q.RATING: "rating",
    Q.WENT_WELL: "well",
    Q.NOT_LANDED: "landed",
}
_ALSO = re.compile(r"\b(too|also|as well|another|plus)\b", re.I)  # adds to what was read


@dataclass(frozen=True)
class Last:
    """The debrief's last answer: to question `q`, what it was (`old`, HTML) and how it is
    taken back (`how`: "skip", "columns", "person" or "email"; `person`: whose)."""

    q: Q
    old: str
    how: str
    person: int | None = None


async def _last_person(ctx: Ctx, interview: Interview, pending: str | None) -> Last | None:
    person = await ctx.store.edits.last_interviewer(interview.id)
    if person is None:
        return None
    if pending == Q.MORE and person.email:  # the last answer was their email
        return Last(Q.EMAIL, tc.esc(person.email), "email", person.id)
    return Last(Q.INTERVIEWER, tc.esc(person.name), "person", person.id)


async def last_debrief(ctx: Ctx, interview: Interview, place: Where) -> Last | None:
    """The debrief's last answer (see the module docstring), its value shown as at `place`
    (`where`); None when there is none."""
    pending = ctx.pending.state if ctx.pending else None
    if pending in (Q.EMAIL, Q.MORE):
        return await _last_person(ctx, interview, pending)
    if pending in (Q.TZ, Q.CHOOSE):
        return None
    values = [q.value for q in ORDER]
    end = values.index(pending) if pending in values else len(ORDER)
    for q in reversed(ORDER[:end]):
        if q.value in skipped(ctx):
            return Last(q, t.SKIPPED, "skip")
        if q is Q.INTERVIEWER:
            found = await _last_person(ctx, interview, pending)
            if found is not None:
                return found
            continue
        old = snapshot(AS_FIELD[q], interview)
        if any(v is not None for v in old.values()):
            return Last(q, shown(AS_FIELD[q], old, place.tz, place.now), "columns")
    return None


async def _take_back(ctx: Ctx, interview: Interview, last: Last) -> None:
    if last.how == "skip":
        ctx.udata["debrief_skipped"] = [s for s in skipped(ctx) if s != last.q.value]
        return
    async with ctx.store.transaction() as tx:
        if last.how == "columns":
            columns = FIELDS[AS_FIELD[last.q]].columns
            await tx.interviews.update(interview.id, **dict.fromkeys(columns))
        elif last.how == "email" and last.person is not None:
            await tx.edits.update_interviewer(last.person, email=None)
        elif last.person is not None:
            await tx.edits.delete_interviewer(last.person)


async def _ask_again(update: Update, ctx: Ctx, last: Last, lead: str) -> object:
    if last.how == "email":
        ctx.udata["debrief_person"] = last.person
    return await ask(update, ctx, last.q, lead=lead)


async def undo_last(update: Update, ctx: Ctx) -> object:
    """Take back the user's last answer and ask its question again, saying what was taken
    back; returns the state that waits for the new answer (END or None when there was
    nothing to take back). The change and the next state commit together (the dialogue)."""
    name = ctx.pending.name if ctx.pending else None
    if name == "edit" and isinstance(ctx.udata.get("edit_undo"), dict):
        return await _undo_edit(update, ctx)
    if name == "notes" and ctx.pending and ctx.pending.state is not None:
        return await _undo_note(update, ctx)
    interview = await current(ctx) if debrief_reachable(ctx) else None
    place = await where(update, ctx, interview) if interview else None
    last = await last_debrief(ctx, interview, place) if interview and place else None
    if interview is None or place is None or last is None:
        await nothing_to_undo(update, ctx)
        return None
    await _take_back(ctx, interview, last)
    lead = t.UNDONE_SKIP if last.how == "skip" else t.UNDONE.format(old=last.old)
    return await _ask_again(update, ctx, last, lead)


async def _undo_edit(update: Update, ctx: Ctx) -> object:
    kept: dict[str, Any] = ctx.udata.pop("edit_undo")
    key, old = kept.get("field"), kept.get("old")
    iid, sub = kept.get("iid"), kept.get("sub")
    ok_ids = isinstance(iid, int) and (sub is None or isinstance(sub, int))
    if key not in FIELDS or not isinstance(old, dict) or not ok_ids:
        await say(update, ctx, t.NOTHING_TO_UNDO, onward(INTERVIEWS_DATA))
        return END
    found = await target(update, ctx, iid, str(key), sub)
    if found is None:
        await say(update, ctx, t.NOTHING_TO_UNDO, onward(INTERVIEWS_DATA))
        return END
    interview, row = found
    await write(ctx, str(key), interview.id, row.id, old)
    place = await where(update, ctx, interview)
    was = shown(str(key), old, place.tz, place.now)
    return await show_after(
        update, ctx, interview, str(key), t.UNDONE_EDIT.format(what=FIELDS[str(key)].label, old=was)
    )


async def _undo_note(update: Update, ctx: Ctx) -> object:
    interview = await stored_interview(update, ctx, "notes_id")
    note = await ctx.store.edits.last_note(interview.id) if interview else None
    if note is None:
        await nothing_to_undo(update, ctx)
        return None
    async with ctx.store.transaction() as tx:
        await tx.edits.delete_note(note.id)
    await say(update, ctx, t.UNDONE.format(old=tc.esc(note.body[:200])))
    await reask_pending(update, ctx)
    return None  # the notes' question stays pending


async def correct_last(update: Update, ctx: Ctx, text: str) -> object:
    """`text` as the corrected answer to the last question ("actually they said end of the
    month"): read as that question reads answers, it replaces the last answer and the step
    carries on. When it is no valid answer ("oops, that was two people"), the last answer is
    taken out and the question asked again showing it, as a coach would. Returns the next
    state (the dialogue commits it with the change)."""
    name = ctx.pending.name if ctx.pending else None
    if name == "edit" and isinstance(ctx.udata.get("edit_undo"), dict):
        kept = ctx.udata["edit_undo"]
        ctx.udata["edit"] = {k: kept.get(k) for k in ("iid", "field", "sub")}
        result = await apply_text(update, ctx, text)
        return E.FIELD if result is None else result
    if name == "notes" and ctx.pending and ctx.pending.state is not None:
        return await _correct_note(update, ctx, text)
    interview = await current(ctx) if debrief_reachable(ctx) else None
    place = await where(update, ctx, interview) if interview else None
    last = await last_debrief(ctx, interview, place) if interview and place else None
    if interview is None or place is None or last is None:
        await nothing_to_undo(update, ctx)
        return None
    # At a confirmation of what was read, a correction is of it unless it answers the last one.
    if last.q is Q.NEXT_STAGE or not _reads_as_last(place, last, text):
        done = await _correct_reading(update, ctx, interview, place, text)
        if done is not None:
            return done
    await _take_back(ctx, interview, last)
    done = await _answer(update, ctx, interview, place, last, text)
    if done is not None:
        return done
    return await _ask_again(update, ctx, last, t.CORRECT_AGAIN.format(old=last.old))


async def _correct_reading(
    update: Update, ctx: Ctx, interview: Interview, place: Where, text: str
) -> object | None:
    """Right after the next-stage answer, at the confirmation of what it said ("You said
    they'll reply in two weeks: by Mon 7 Dec. Right?"), a correction ("actually they said end
    of the month") is of what was read, not of the whole next-stage answer: `text` answers
    the question confirmed, and the debrief goes on. None when no confirmation waits, or
    `text` doesn't answer it."""
    q = ctx.pending.state if ctx.pending else None
    old = waiting_reading(ctx, q)
    if old is None or q not in (Q.REPLY_BY, Q.PROCESS):
        return None
    asked = Q(q)
    if asked is Q.PROCESS and _ALSO.search(text):  # "there's a presentation too": one more
        text = f"{html.unescape(old)}; {text}"
    reading = read(AS_FIELD[asked], text, place)
    if reading.values is None:
        return None
    async with ctx.store.transaction() as tx:
        saved = await tx.interviews.update(interview.id, **reading.values)
    new = shown(AS_FIELD[asked], reading.values, place.tz, place.now)
    lead = t.CORRECTED.format(old=old, new=new)
    return await advance_read(update, ctx, saved, asked, lead=lead)


def _reads_as_last(place: Where, last: Last, said: str) -> bool:
    """Whether `said` is a valid answer to the question answered last (a field's)."""
    return last.how == "columns" and read(AS_FIELD[last.q], said, place).values is not None


async def _answer(
    update: Update, ctx: Ctx, interview: Interview, place: Where, last: Last, text: str
) -> object:
    """Save `text` as the answer to `last.q` and go on (None when it is no valid answer)."""
    if last.how == "person":
        if not read_people(text[:200]):
            return None
        added = await add_people(update, ctx, interview.id, text)
        new = ", ".join(tc.esc(p.name) for p in added)
        return await ask(update, ctx, Q.MORE, lead=t.CORRECTED.format(old=last.old, new=new))
    if last.how == "email":
        email = parse_email(text)
        if email is None or last.person is None:
            return None
        async with ctx.store.transaction() as tx:
            await tx.edits.update_interviewer(last.person, email=email)
        lead = t.CORRECTED.format(old=last.old, new=tc.esc(email))
        return await ask(update, ctx, Q.MORE, lead=lead)
    key = AS_FIELD[last.q]
    reading = read(key, text, place)
    if reading.values is None:
        return None
    async with ctx.store.transaction() as tx:
        saved = await tx.interviews.update(interview.id, **reading.values)
    new = shown(key, reading.values, place.tz, place.now)
    return await advance(
        update, ctx, saved, after=last.q, lead=t.CORRECTED.format(old=last.old, new=new)
    )


async def _correct_note(update: Update, ctx: Ctx, text: str) -> object:
    interview = await stored_interview(update, ctx, "notes_id")
    note = await ctx.store.edits.last_note(interview.id) if interview else None
    if note is None or not text.strip():
        await nothing_to_undo(update, ctx)
        return None
    async with ctx.store.transaction() as tx:
        await tx.edits.set_note(note.id, text.strip())
    old, new = tc.esc(note.body[:200]), tc.esc(text.strip()[:200])
    await say(update, ctx, t.CORRECTED.format(old=old, new=new))
    await reask_pending(update, ctx)
    return None  # the notes' question stays pending


async def undo_command(update: Update, ctx: Ctx) -> object:
    """/undo: see `undo_last`."""
    return await undo_last(update, ctx)


def handlers() -> Conversation:
    """/undo: passive, so that the question pending is what they undo. ("undo" typed, and
    corrections, come through the words tier: conversations/intents.py.)"""
    return Conversation(
        name="undo",
        passive=[
            CommandHandler("undo", undo_command),
        ],
    )
