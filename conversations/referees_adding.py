"""/referees: adding a referee (name, contact, relationship, permission), and skipping the step.

Referees belong to the user, not to an interview: one added here is on every interview's
overview from now on.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.rules.coaching import Step, StepState
from bot.rules.intents import Intent, read_intent
from bot.rules.people import read_referee
from bot.texts import common as tc
from bot.texts import referees as t
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import (
    answered,
    current_user,
    mark_step,
    matched,
    say,
    text_of,
    too_long,
)
from conversations.general import show_next
from conversations.referees_view import (
    NEW_KEY,
    R,
    ask,
    interview_of,
    referee_of,
    show_overview,
    skip_keyboard,
)

NAME_LIMIT = 100
DETAIL_LIMIT = 200  # contact or relationship
YES_WORDS = frozenset({"yes", "y", "yep", "yeah", "done", "asked"})
NO_WORDS = frozenset({"no", "n", "not yet", "nope"})

Callback = Callable[[Update, Ctx], Coroutine[Any, Any, object]]


async def skip_step(update: Update, ctx: Ctx) -> object:
    """/skip on the overview (or skipping the first name): the step is skipped."""
    await answered(update, ctx, t.BTN_SKIP)
    interview = await interview_of(update, ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return END
    await mark_step(ctx, interview.id, Step.REFEREES, StepState.SKIPPED)
    await say(update, ctx, t.SKIPPED.format(label=tc.esc(interview.label)))
    await show_next(update, ctx)
    return END


async def name_answer(update: Update, ctx: Ctx) -> object:
    """A new referee's name: stored at once (the details follow, each skippable)."""
    if await too_long(update, ctx, NAME_LIMIT):
        return None
    read = read_referee(text_of(update))
    if read is None:
        if text_of(update).strip():
            await say(update, ctx, t.NOT_A_NAME.format(text=tc.esc(text_of(update)[:60])))
        return await ask(update, ctx, R.NAME)
    name, relationship = read
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        referee = await tx.referees.add(user.id, name)
        if relationship:
            await tx.referees.update(referee.id, relationship=relationship)
    ctx.udata[NEW_KEY] = referee.id
    return await ask(update, ctx, R.CONTACT)


async def name_skip(update: Update, ctx: Ctx) -> object:
    """Skip instead of a name: back to the overview, or with no referee yet, skip the step."""
    user = await current_user(update, ctx)
    if await ctx.store.referees.for_user(user.id):
        await answered(update, ctx, t.BTN_SKIP)
        return await show_overview(update, ctx)
    return await skip_step(update, ctx)


def detail_answer(field: str, following: R) -> Callback:
    """The handler of a skippable detail (`field`: "contact" or "relationship") of the referee
    being added; it then asks the question of state `following`."""

    async def handle(update: Update, ctx: Ctx) -> object:
        if update.message is not None and await too_long(update, ctx, DETAIL_LIMIT):
            return None
        referee = await referee_of(update, ctx, ctx.udata.get(NEW_KEY))
        if referee is None:
            await answered(update, ctx)
            return await show_overview(update, ctx, t.GONE)
        said = _yes_no(text_of(update)) if field == "contact" else None
        if update.callback_query is not None or text_of(update).startswith("/") or said == "no":
            await answered(update, ctx, t.BTN_SKIP)
        elif said == "yes":
            # "Yes" (I have it) is no way to reach them: ask for the number or email itself.
            name = tc.esc(referee.name)
            await say(update, ctx, t.CONTACT_HINT.format(name=name), skip_keyboard())
            return None
        else:
            async with ctx.store.single() as tx:
                await tx.referees.update(referee.id, **{field: text_of(update)})
        if following is R.RELATIONSHIP and referee.relationship:
            return await ask(update, ctx, R.PERMISSION)  # given with the name already
        return await ask(update, ctx, following)

    return handle


def _yes_no(text: str) -> str | None:
    """ "yes" or "no" when the text is only that, in words ("yep", "nope"); else None."""
    reading = read_intent(text)
    if reading is None or reading.intent not in (Intent.YES, Intent.NO):
        return None
    return "yes" if reading.intent is Intent.YES else "no"


def _permission_given(update: Update, ctx: Ctx) -> bool | None:
    """Yes or Not yet, from the button or typed (/skip is Not yet); None when unclear."""
    pressed = matched(ctx, "answer")  # a button, or words the dialogue read as one ("yep")
    typed = text_of(update).lower().strip(" .!")
    if pressed == "yes" or (pressed is None and typed in YES_WORDS):
        return True
    if pressed == "no" or (pressed is None and (typed in NO_WORDS or typed.startswith("/skip"))):
        return False
    return None


async def permission_answer(update: Update, ctx: Ctx) -> object:
    """Whether the referee's permission was asked; the referee is then added (urgent if not)."""
    asked = _permission_given(update, ctx)
    if asked is None:
        await answered(update, ctx)
        await say(update, ctx, t.PERMISSION_HINT)
        return await ask(update, ctx, R.PERMISSION)
    referee = await referee_of(update, ctx, ctx.udata.get(NEW_KEY))
    if referee is None:
        await answered(update, ctx)
        return await show_overview(update, ctx, t.GONE)
    await answered(update, ctx, t.BTN_YES if asked else t.BTN_NOT_YET)
    async with ctx.store.transaction() as tx:
        await tx.referees.update(referee.id, permission=asked)
    ctx.udata.pop(NEW_KEY, None)
    added = t.ADDED.format(name=tc.esc(referee.name))
    if not asked:
        added = f"{added}\n{t.URGENT.format(name=tc.esc(referee.name))}"
    return await show_overview(update, ctx, added)
