"""The handlers of "Change something" (`conversations.redraft`), of "Say what I enjoyed" and
of how to address someone (issue 14).

How to address each person is asked once, above the first draft to them, with buttons built
from their name ("Priya", "Ms Shah", "Dr Shah", "Priya Shah"); the choice is kept with the
person and used in every draft to them. "Say what I enjoyed" asks the user to finish the
sentence "I enjoyed hearing about …", so what they type fits the thank-you as it is.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.rules.models import Interview, Interviewer, Referee
from bot.rules.numbers import whole_number
from bot.rules.people import address_options
from bot.rules.points import is_change_request
from bot.terms import DraftKind
from bot.texts import common as tc
from bot.texts import people as tp
from bot.texts import redraft as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations import strengths
from conversations.common import (
    answered,
    conversation,
    kept_id,
    matched,
    matched_id,
    owned_interviewer,
    say,
    text_of,
    too_long,
)
from conversations.redraft import (
    MENU,
    NS,
    STYLE,
    Target,
    change_menu,
    menu,
    pressed,
    restyle,
    show,
    target_of,
)

ENJOYED = rf"^{NS}:enjoyed:(?P<iid>[0-9]+):(?P<who>[0-9]+)$"
ADDRESS = rf"^{NS}:addr:(?P<kind>thanks|briefing):(?P<iid>[0-9]+):(?P<who>[0-9]+):(?P<n>[0-9])$"
ENJOYED_LIMIT = 160


class Q(StrEnum):
    ENJOYED = "redo.enjoyed"


async def ask_address(
    update: Update, ctx: Ctx, kind: DraftKind, interview: Interview, who: Interviewer | Referee
) -> None:
    """Ask how to greet `who`, unless the user chose already (buttons from the name)."""
    options = address_options(who.name)
    if who.address or len(options) < 2:  # chosen already, or nothing to choose from ("Tom")
        return
    buttons = [
        (option, kb.data(NS, "addr", kind.value, interview.id, who.id, n))
        for n, option in enumerate(options[:6])
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    await say(update, ctx, tp.ASK_ADDRESS.format(name=tc.esc(who.name)), kb.keyboard(rows))


async def address_chosen(update: Update, ctx: Ctx) -> object:
    """A greeting chosen (ADDRESS): kept with the person, and their draft shown again."""
    target = await pressed(update, ctx)
    who = (target.person or target.referee) if target else None
    n = whole_number(matched(ctx, "n"), 0, 5)
    options = address_options(who.name) if who else []
    if target is None or who is None or n is None or n >= len(options):
        await answered(update, ctx, notice=t.GONE)
        await say(update, ctx, t.GONE)
        return None
    chosen = options[n]
    await answered(update, ctx, chosen)
    async with ctx.store.single() as tx:
        if target.person is not None:
            await tx.interviewers.set_address(target.person.id, chosen)
        else:
            await tx.referees.update(who.id, address=chosen)
    formal = target.kind is DraftKind.THANK_YOU
    lead = (tp.ADDRESS_SET if formal else tp.ADDRESS_SET_INFORMAL).format(address=tc.esc(chosen))
    await say(update, ctx, lead)
    fresh = await target_of(update, ctx, target.kind, target.interview.id)
    if fresh is not None:
        await show(update, ctx, fresh)
    return None


async def ask_enjoyed(update: Update, ctx: Ctx) -> object:
    """ "Say what I enjoyed" (ENJOYED): "Finish the sentence: I enjoyed hearing about …"."""
    owned = await owned_interviewer(update, ctx, matched_id(ctx, "iid"), matched_id(ctx, "who"))
    if owned is None:
        await answered(update, ctx, notice=t.GONE)
        await say(update, ctx, t.GONE)
        return END
    await answered(update, ctx, t.BTN_ENJOYED)
    ctx.udata["redo_iid"], ctx.udata["redo_who"] = owned[0].id, owned[1].id
    await say(update, ctx, t.ASK_ENJOYED.format(name=tc.esc(owned[1].name)))
    return Q.ENJOYED


async def enjoyed_answer(update: Update, ctx: Ctx) -> object:
    """The end of the sentence: kept with the interviewer, and the note shown again."""
    if await too_long(update, ctx, ENJOYED_LIMIT):
        return None
    text = " ".join(text_of(update).split()).strip(" .…")
    if is_change_request(text):  # "make it shorter": a change, never a piece of the letter
        owned = await owned_interviewer(
            update, ctx, kept_id(ctx, "redo_iid"), kept_id(ctx, "redo_who")
        )
        if owned is not None:
            await change_menu(update, ctx, Target(DraftKind.THANK_YOU, owned[0], person=owned[1]))
            return END
    if len(text) < 3 or not any(ch.isalpha() for ch in text):
        await say(update, ctx, t.BAD_ENJOYED)
        return None
    owned = await owned_interviewer(update, ctx, kept_id(ctx, "redo_iid"), kept_id(ctx, "redo_who"))
    if owned is None:
        await say(update, ctx, t.GONE)
        return END
    async with ctx.store.single() as tx:
        await tx.interviewers.set_enjoyed(owned[1].id, text)
    await say(update, ctx, t.ENJOYED_SAVED)
    fresh = await owned_interviewer(update, ctx, owned[0].id, owned[1].id)
    if fresh is not None:
        await show(update, ctx, Target(DraftKind.THANK_YOU, fresh[0], person=fresh[1]))
    return END


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    """Ask for the end of the sentence again."""
    owned = await owned_interviewer(update, ctx, kept_id(ctx, "redo_iid"), kept_id(ctx, "redo_who"))
    name = owned[1].name if owned else ""
    await say(update, ctx, t.ASK_ENJOYED.format(name=tc.esc(name)))


def handlers() -> Conversation:
    """The handlers of Change something (registered by bot/app/handlers.py)."""
    text = filters.TEXT & ~filters.COMMAND
    return conversation(
        NS,
        commands=[],
        steps=[],
        entry=ask_enjoyed,
        states={Q.ENJOYED: [MessageHandler(text, enjoyed_answer)]},
        reask=reask,
        extra_entry_points=[CallbackQueryHandler(ask_enjoyed, pattern=ENJOYED)],
        buttons=[
            CallbackQueryHandler(menu, pattern=MENU),
            CallbackQueryHandler(restyle, pattern=STYLE),
            CallbackQueryHandler(address_chosen, pattern=ADDRESS),
            CallbackQueryHandler(strengths.toggle, pattern=strengths.TOGGLE),
            CallbackQueryHandler(strengths.done, pattern=strengths.DONE),
            CallbackQueryHandler(strengths.open_picker, pattern=strengths.OPEN),
        ],
    )
