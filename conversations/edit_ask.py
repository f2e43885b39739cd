"""Changing one field from the card: its question (with what it says now), the answer read
as the debrief reads it (conversations/edit_fields.py), the change written (nudges follow:
the repositories touch the interview) and the card shown again with what changed.

The field being changed is kept in the scratch data under "edit" ({"iid", "field", "sub"});
the change just made under "edit_undo" (the columns as they were), for "undo".
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.rules.dates import unstamp
from bot.rules.models import Interview
from bot.rules.numbers import whole_number
from bot.rules.people import address_options
from bot.rules.timing import zone
from bot.texts import common as tc
from bot.texts import debrief as td
from bot.texts import edit as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import (
    answered,
    current_user,
    joined,
    matched,
    owned_interview,
    owned_interviewer,
    say,
    text_of,
)
from conversations.debrief_questions import NOT_SAID
from conversations.edit_card import back_row, show_card, show_notes, show_referees
from conversations.edit_fields import FIELDS, NS, Reading, Where, held_at_of, read, shown, snapshot
from conversations.people import add_people

GREETINGS = 5  # greeting buttons at most (first name, three titles, the full name)


class E(StrEnum):
    """The card's one question: the new value of the field being changed."""

    FIELD = "edit.field"


async def target(
    update: Update, ctx: Ctx, iid: int | None, key: str, sub: int | None
) -> tuple[Interview, Any] | None:
    """(interview, the row holding field `key`) when both are the user's; None when an id is
    missing, stale, forged or someone else's."""
    kind = FIELDS[key].kind
    if kind == "person":  # checks the interview too: one read of it, not two
        return await owned_interviewer(update, ctx, iid, sub)
    interview = await owned_interview(update, ctx, iid)
    if interview is None:
        return None
    if kind == "interview":
        return interview, interview
    if sub is None:
        return None
    if kind == "note":
        note = await ctx.store.edits.note(interview.id, sub)
        return (interview, note) if note else None
    referee = await ctx.store.referees.get_owned(interview.user_id, sub)
    return (interview, referee) if referee else None


async def where(update: Update, ctx: Ctx, interview: Interview) -> Where:
    """What reading an answer about `interview` depends on (see `Where`)."""
    user = await current_user(update, ctx)
    return Where(zone(user.tz), ctx.now(), user.holidays, interview.held_at)


def _extra_rows(key: str, row: Any) -> list[list[kb.Button]]:
    """Buttons that answer the question without typing: a rating, a greeting."""
    if key == "rating":
        return [[(str(n), kb.data(NS, "rate", n)) for n in range(1, 6)]]
    if key == "when":
        return [[(td.BTN_JUST_NOW, kb.data(NS, "now"))]]
    if key == "reply":  # read back by the same parser as a typed answer
        return [[(td.BTN_NOT_SAID, kb.data(NS, "rb", NOT_SAID))]]
    if key == "pgreet":
        options = address_options(row.name)[:GREETINGS]
        return [[(o, kb.data(NS, "g", i))] for i, o in enumerate(options)]
    return []


async def ask_field(
    update: Update, ctx: Ctx, iid: int | None, key: str, sub: int | None, *, lead: str | None = None
) -> object:
    """Ask for field `key`'s new value, showing what it is now; returns the state that
    waits for it (or None, after a kind word, when the ids are not the user's)."""
    found = await target(update, ctx, iid, key, sub)
    if found is None:
        await gone(update, ctx)
        return None
    interview, row = found
    ctx.udata["edit"] = {"iid": interview.id, "field": key, "sub": sub}
    field = FIELDS[key]
    name = tc.esc(getattr(row, "name", "") or "")
    now_text = None
    if field.columns:
        place = await where(update, ctx, interview)
        now_text = t.NOW.format(value=shown(key, snapshot(key, row), place.tz, place.now))
    rows = _extra_rows(key, row)
    if field.clearable:
        rows.append([(t.BTN_CLEAR, kb.data(NS, "clear"))])
    rows.append(back_row(interview.id))
    text = joined(now_text, field.ask.format(name=name))
    await say(update, ctx, text, kb.keyboard(rows), lead=lead)
    return E.FIELD


async def gone(update: Update, ctx: Ctx) -> None:
    """A button whose interview (or row) is not the user's, or no longer there."""
    await answered(update, ctx, notice=tc.STALE_BUTTON)
    next_button = kb.column([(tc.BTN_NEXT, kb.data("next", "show"))])
    await say(update, ctx, tc.STALE_BUTTON, next_button, lead=t.GONE)


def _editing(ctx: Ctx) -> tuple[int | None, str, int | None]:
    """The field being changed, from the scratch data: (interview id, field, row id)."""
    kept = ctx.udata.get("edit")
    kept = kept if isinstance(kept, dict) else {}
    key = kept.get("field")
    key = key if isinstance(key, str) and key in FIELDS else "company"
    return _id(kept.get("iid")), key, _id(kept.get("sub"))


def _id(value: object) -> int | None:
    """A row id kept in the scratch data (JSON: an int), or None."""
    return value if isinstance(value, int) and value > 0 else None


async def reask(update: Update, ctx: Ctx, state: object) -> None:
    """Ask the field being changed again (the catch-all's reask)."""
    iid, key, sub = _editing(ctx)
    await ask_field(update, ctx, iid, key, sub)


async def typed(update: Update, ctx: Ctx) -> object:
    """The new value, typed: read as the debrief reads it; a problem asks again."""
    return await apply_text(update, ctx, text_of(update))


async def apply_text(update: Update, ctx: Ctx, text: str) -> object:
    """`text` as the new value of the field being changed (also used by corrections)."""
    iid, key, sub = _editing(ctx)
    found = await target(update, ctx, iid, key, sub)
    if found is None:
        await gone(update, ctx)
        return END
    reading = read(key, text, await where(update, ctx, found[0]))
    return await _settle(update, ctx, reading)


async def _settle(update: Update, ctx: Ctx, reading: Reading) -> object:
    if reading.values is not None:
        return await apply(update, ctx, reading.values)
    markup: InlineKeyboardMarkup | None = None
    if reading.choices:
        markup = kb.keyboard([[c] for c in reading.choices])
    await say(update, ctx, reading.problem or "", markup)
    if markup is None:
        await reask(update, ctx, E.FIELD)
    return None


async def picked_when(update: Update, ctx: Ctx) -> object:
    """Just now (edit:now), or one of the readings of an ambiguous time (edit:at:<stamp>)."""
    iid, _, _ = _editing(ctx)
    interview = await owned_interview(update, ctx, iid)
    user = await current_user(update, ctx)
    picked = matched(ctx, "at")
    moment = unstamp(picked, zone(user.tz), ctx.now()) if picked else ctx.now()
    moment = moment if interview else None
    if moment is None:
        await gone(update, ctx)
        return None
    await answered(update, ctx)
    return await apply(update, ctx, {"held_at": held_at_of(moment, ctx.now())})


async def picked_reply(update: Update, ctx: Ctx) -> object:
    """They didn't say (edit:rb:none), or one of the readings of an ambiguous reply-by date
    (edit:rb:<ISO date>): read back by the same parser as a typed answer."""
    return await apply_text(update, ctx, matched(ctx, "rb") or "")


async def picked_rating(update: Update, ctx: Ctx) -> object:
    """A rating button (edit:rate:<1-5>) at the rating question."""
    rating = whole_number(matched(ctx, "rating"), 1, 5)
    await answered(update, ctx, str(rating) if rating else None)
    return await _settle(
        update, ctx, Reading({"rating": rating}) if rating else Reading(problem=t.BAD_RATING)
    )


async def picked_greeting(update: Update, ctx: Ctx) -> object:
    """A greeting button (edit:g:<index into `address_options`>) for an interviewer."""
    iid, key, sub = _editing(ctx)
    found = await target(update, ctx, iid, key, sub)
    index = whole_number(matched(ctx, "g"), 0, GREETINGS - 1)
    options = address_options(found[1].name) if found and key == "pgreet" else []
    if index is None or index >= len(options):
        await gone(update, ctx)
        return None
    await answered(update, ctx, options[index])
    return await apply(update, ctx, {"address": options[index]})


async def clear(update: Update, ctx: Ctx) -> object:
    """Clear it: the field left empty (as if never answered)."""
    await answered(update, ctx, t.BTN_CLEAR)
    _, key, _ = _editing(ctx)
    if not FIELDS[key].clearable:
        await say(update, ctx, t.CANT_CLEAR)
        return None
    return await apply(update, ctx, dict.fromkeys(FIELDS[key].columns))


async def apply(update: Update, ctx: Ctx, values: dict[str, Any]) -> object:
    """Write the field's new `values`, remember the old ones for undo, and show where it
    lives (the card, the notes or the referees) with what changed."""
    iid, key, sub = _editing(ctx)
    found = await target(update, ctx, iid, key, sub)
    if found is None:
        await gone(update, ctx)
        return END
    interview, row = found
    if key == "padd":
        added = await add_people(update, ctx, interview.id, str(values["people"]))
        names = ", ".join(tc.esc(p.name) for p in added)
        ctx.udata.pop("edit_undo", None)
        return await show_after(update, ctx, interview, key, t.PERSON_ADDED.format(name=names))
    old = snapshot(key, row)
    await write(ctx, key, interview.id, row.id, values)
    ctx.udata["edit_undo"] = {"iid": interview.id, "field": key, "sub": sub, "old": old}
    place = await where(update, ctx, interview)
    was = shown(key, old, place.tz, place.now)
    field = FIELDS[key]
    if all(v is None for v in values.values()):
        lead = t.CLEARED.format(what=field.label, old=was)
    else:
        lead = t.CHANGED.format(
            what=field.label, old=was, new=shown(key, values, place.tz, place.now)
        )
    return await show_after(update, ctx, interview, key, lead)


async def write(ctx: Ctx, key: str, iid: int, row_id: int, values: dict[str, Any]) -> None:
    """Write `values` (column → value) of field `key` to its row (the repositories touch the
    interviews whose nudges depend on it)."""
    kind = FIELDS[key].kind
    async with ctx.store.transaction() as tx:
        if kind == "interview":
            await tx.interviews.update(iid, **values)
        elif kind == "person":
            await tx.edits.update_interviewer(row_id, **values)
        elif kind == "note":
            await tx.edits.set_note(row_id, str(values["body"]))
        else:
            await tx.referees.update(row_id, **values)


async def show_after(update: Update, ctx: Ctx, interview: Interview, key: str, lead: str) -> object:
    """Show where field `key` lives (the card, the notes, the referees) after `lead`; END."""
    kind = FIELDS[key].kind
    if kind == "note":
        await show_notes(update, ctx, interview, lead=lead)
    elif kind == "referee":
        await show_referees(update, ctx, interview.id, lead=lead)
    else:
        fresh = await ctx.store.interviews.get(interview.id)
        await show_card(update, ctx, fresh or interview, lead=lead)
    return END
