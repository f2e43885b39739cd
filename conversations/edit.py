"""Edit anything: each interview's card (from /interviews, /status or a button), with a way to
change or delete any field, interviewer, note or referee, and to delete the whole interview.

The card's buttons act from anywhere without ending the question pending elsewhere (they are
the dialogue's passive buttons; a forged one changes nothing), except a field's button, which
asks for its new value (conversations/edit_ask.py), and deleting an interview, which ends
whatever was pending. Every id in button data goes through the owner checks of
conversations/common.py: a forged, stale or other user's id gets a kind word, never an error.
The card itself is drawn by conversations/edit_card.py.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.texts import common as tc
from bot.texts import edit as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations import edit_outcome
from conversations.common import (
    answered,
    conversation,
    current_user,
    matched,
    matched_id,
    owned_interview,
    owned_interviewer,
    say,
)
from conversations.edit_ask import (
    E,
    ask_field,
    clear,
    gone,
    picked_greeting,
    picked_rating,
    picked_reply,
    picked_when,
    reask,
    typed,
)
from conversations.edit_card import show_card, show_notes, show_person, show_referees
from conversations.edit_fields import FIELD_NAMES, NS

_ID = "[0-9]{1,12}"
CARD = rf"^{NS}:card:(?P<iid>{_ID})$"
PICK = rf"^pick:(?P<iid>{_ID})$"  # the buttons of /interviews
FIELD = rf"^{NS}:f:(?P<iid>{_ID}):(?P<field>{FIELD_NAMES})(?::(?P<sub>{_ID}))?$"
PERSON = rf"^{NS}:p:(?P<iid>{_ID}):(?P<sub>{_ID})$"
LIST = rf"^{NS}:(?P<list>notes|refs):(?P<iid>{_ID})$"
REMOVE = rf"^{NS}:(?P<what>pdel|ndel|rdel):(?P<iid>{_ID}):(?P<sub>{_ID})$"
DELETE = rf"^{NS}:(?P<what>del|delok):(?P<iid>{_ID})$"


def moved_on(ctx: Ctx) -> object:
    """What a card button that worked returns: None (the question pending elsewhere stays),
    or END when the question pending is a field being changed: the user moved on from it."""
    return END if ctx.pending is not None and ctx.pending.state == E.FIELD else None


async def open_card(update: Update, ctx: Ctx) -> object:
    """An interview's card (edit:card:<iid>)."""
    return await _card(update, ctx, pick=False)


async def pick_card(update: Update, ctx: Ctx) -> object:
    """A pick:<iid> button of /interviews: the interview becomes the one the other steps
    work on, and its card is shown."""
    return await _card(update, ctx, pick=True)


async def _card(update: Update, ctx: Ctx, *, pick: bool) -> object:
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    if interview is None:
        await gone(update, ctx)
        return None
    await answered(update, ctx, interview.label)
    lead = None
    if pick:
        user = await current_user(update, ctx)
        if user.current_interview_id != interview.id:
            async with ctx.store.single() as tx:
                await tx.users.update(user.id, current_interview_id=interview.id)
        lead = tc.NOW_WORKING_ON.format(label=tc.esc(interview.label))
    await show_card(update, ctx, interview, lead=lead)
    return moved_on(ctx)


async def change_field(update: Update, ctx: Ctx) -> object:
    """A field's button on the card (or on a person, note or referee): ask its new value."""
    await answered(update, ctx)
    key = matched(ctx, "field") or ""
    state = await ask_field(update, ctx, matched_id(ctx, "iid"), key, matched_id(ctx, "sub"))
    return state


async def open_person(update: Update, ctx: Ctx) -> object:
    """An interviewer's details and what can be changed about them."""
    found = await owned_interviewer(update, ctx, matched_id(ctx, "iid"), matched_id(ctx, "sub"))
    if found is None:
        await gone(update, ctx)
        return None
    await answered(update, ctx, found[1].name)
    await show_person(update, ctx, found[0].id, found[1])
    return moved_on(ctx)


async def open_list(update: Update, ctx: Ctx) -> object:
    """The interview's notes, or the user's referees, each with ✏️ and 🗑."""
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    if interview is None:
        await gone(update, ctx)
        return None
    await answered(update, ctx)
    if matched(ctx, "list") == "notes":
        await show_notes(update, ctx, interview)
    else:
        await show_referees(update, ctx, interview.id)
    return moved_on(ctx)


async def remove(update: Update, ctx: Ctx) -> object:
    """Remove one interviewer, note or referee (the nudges follow before the commit)."""
    what, sub = matched(ctx, "what"), matched_id(ctx, "sub")
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    if interview is None or sub is None:
        await gone(update, ctx)
        return None
    await answered(update, ctx)
    ctx.udata.pop("edit_undo", None)
    if what == "pdel":
        found = await owned_interviewer(update, ctx, interview.id, sub)
        if found is None:
            await gone(update, ctx)
            return None
        async with ctx.store.transaction() as tx:
            await tx.edits.delete_interviewer(sub)
        lead = t.PERSON_REMOVED.format(name=tc.esc(found[1].name))
        fresh = await ctx.store.interviews.get(interview.id)
        await show_card(update, ctx, fresh or interview, lead=lead)
        return moved_on(ctx)
    if what == "ndel":
        return await _remove_note(update, ctx, interview.id, sub)
    return await _remove_referee(update, ctx, interview.id, sub)


async def _remove_note(update: Update, ctx: Ctx, iid: int, nid: int) -> object:
    interview = await owned_interview(update, ctx, iid)
    notes = await ctx.store.notes.for_interview(iid)
    number = next((n for n, note in enumerate(notes, 1) if note.id == nid), None)
    if interview is None or number is None:
        await gone(update, ctx)
        return None
    async with ctx.store.transaction() as tx:
        await tx.edits.delete_note(nid)
    body = tc.esc(kb.shorten(notes[number - 1].body, 80))
    await show_notes(update, ctx, interview, lead=t.NOTE_DELETED.format(n=number, body=body))
    return moved_on(ctx)


async def _remove_referee(update: Update, ctx: Ctx, iid: int, rid: int) -> object:
    user = await current_user(update, ctx)
    referee = await ctx.store.referees.get_owned(user.id, rid)
    if referee is None:
        await gone(update, ctx)
        return None
    async with ctx.store.transaction() as tx:
        await tx.edits.delete_referee(user.id, rid)
    lead = t.REFEREE_DELETED.format(name=tc.esc(referee.name))
    await show_referees(update, ctx, iid, lead=lead)
    return moved_on(ctx)


async def delete(update: Update, ctx: Ctx) -> object:
    """Delete interview: first a confirmation saying what goes with it (edit:del), then the
    deletion itself (edit:delok). Its people, notes, steps and nudges go by cascade."""
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    if interview is None:
        await gone(update, ctx)
        return None
    label = tc.esc(interview.label)
    if matched(ctx, "what") == "del":
        await answered(update, ctx)
        has = await ctx.store.edits.belongings(interview.id)
        text = t.CONFIRM_DELETE.format(
            label=label,
            people=tc.counted(has.people, "interviewer"),
            notes=tc.counted(has.notes, "note"),
            nudges=tc.counted(has.nudges, "reminder"),
        )
        sure = [(t.BTN_YES_DELETE, kb.data(NS, "delok", interview.id))]
        keep = [(t.BTN_KEEP, kb.data(NS, "card", interview.id))]
        await say(update, ctx, text, kb.keyboard([sure, keep]))
        return moved_on(ctx)
    await answered(update, ctx, t.BTN_YES_DELETE)
    async with ctx.store.transaction() as tx:
        await tx.edits.delete_interview(interview.user_id, interview.id)
    ctx.udata.pop("edit_undo", None)
    if ctx.udata.get("debrief_id") == interview.id:  # a debrief of it can't carry on
        ctx.udata.pop("debrief_id", None)
    await say(update, ctx, t.DELETED.format(label=label), _after_delete())
    return END


def _after_delete() -> InlineKeyboardMarkup:
    return kb.column([(tc.BTN_NEXT, kb.data("next", "show"))])


async def _entry(update: Update, ctx: Ctx) -> object:
    """Never called: the card has no command and no "open:" button (its buttons are below)."""
    return END


def handlers() -> Conversation:
    """The card's buttons (passive: they work from anywhere) and the question of a field
    being changed."""
    return conversation(
        NS,
        commands=[],
        steps=[],
        entry=_entry,
        states={
            E.FIELD: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, typed),
                CallbackQueryHandler(clear, pattern=rf"^{NS}:clear$"),
                CallbackQueryHandler(picked_when, pattern=rf"^{NS}:at:(?P<at>[0-9]{{12}})$"),
                CallbackQueryHandler(picked_when, pattern=rf"^{NS}:now$"),
                CallbackQueryHandler(
                    picked_reply,
                    pattern=rf"^{NS}:rb:(?P<rb>none|20[0-9]{{2}}-[0-9]{{2}}-[0-9]{{2}})$",
                ),
                CallbackQueryHandler(picked_rating, pattern=rf"^{NS}:rate:(?P<rating>[0-9])$"),
                CallbackQueryHandler(picked_greeting, pattern=rf"^{NS}:g:(?P<g>[0-9])$"),
            ]
        },
        reask=reask,
        buttons=[
            CallbackQueryHandler(open_card, pattern=CARD),
            CallbackQueryHandler(pick_card, pattern=PICK),
            CallbackQueryHandler(change_field, pattern=FIELD),
            CallbackQueryHandler(open_person, pattern=PERSON),
            CallbackQueryHandler(open_list, pattern=LIST),
            CallbackQueryHandler(remove, pattern=REMOVE),
            CallbackQueryHandler(delete, pattern=DELETE),
            CallbackQueryHandler(edit_outcome.ask_outcome, pattern=edit_outcome.ASK),
            CallbackQueryHandler(edit_outcome.set_outcome, pattern=edit_outcome.SET),
        ],
    )
