"""The debrief's interviewers: a name, its email, anyone else? (The table of which handler
waits at which question is in conversations/debrief_answers.py.)

"Anyone else on the panel?" takes its buttons or words: names are the next interviewers,
"no" goes on (case L13, `bot.rules.names.more_people`).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.rules.intents import Intent, read_intent
from bot.rules.lateness import still_to_come
from bot.rules.names import NO_MORE, ONE_MORE, more_people
from bot.rules.parsing import parse_email
from bot.texts import common as tc
from bot.texts import debrief as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations.common import answered, matched, say, text_of, too_long
from conversations.debrief_progress import advance, ask, current, ensure_id, person_id
from conversations.debrief_questions import Q, question, skip_row
from conversations.people import add_people


async def interviewer_answer(update: Update, ctx: Ctx) -> object:
    """One interviewer's name, or a panel on one line (up to 200 characters); then the
    email of one interviewer is asked for, or (a panel) "anyone else?". For an interview
    still to come, "I don't know yet" typed is its button (held, it is refused with a hint:
    docs/coaching.md "People")."""
    if await too_long(update, ctx, 200):
        return None
    interview = await current(ctx)
    ahead = interview is not None and still_to_come(interview.held_at, ctx.now())
    reading = read_intent(text_of(update))
    if ahead and reading is not None and reading.intent is Intent.DONT_KNOW:
        ctx.udata.setdefault("debrief_skipped", []).append(Q.INTERVIEWER.value)
        return await advance(update, ctx)
    refused = question(Q.INTERVIEWER, ahead=ahead)[1]  # a refusal keeps the buttons
    return await _add_interviewers(update, ctx, text_of(update), refused)


async def _add_interviewers(
    update: Update, ctx: Ctx, text: str, refused: InlineKeyboardMarkup | None = None
) -> object:
    """The people named in `text` added; then the email of one, or "anyone else?"."""
    interview_id = await ensure_id(update, ctx)
    added = await add_people(update, ctx, interview_id, text, refused=refused)
    if not added:
        return None
    if len(added) > 1:  # a panel on one line: emails can come later, one each
        return await _interviewers_so_far(update, ctx)
    ctx.udata["debrief_person"] = added[0].id
    return await ask(update, ctx, Q.EMAIL, name=added[0].name)


async def email_answer(update: Update, ctx: Ctx) -> object:
    """The email of the interviewer just added; then "anyone else?"."""
    email = parse_email(text_of(update))
    if email is None:
        await say(update, ctx, t.BAD_EMAIL, kb.keyboard([skip_row()]))
        return None
    person = person_id(ctx)
    if person is not None:
        async with ctx.store.single() as tx:
            await tx.interviewers.set_email(person, email)
    return await _interviewers_so_far(update, ctx)


async def email_skip(update: Update, ctx: Ctx) -> object:
    """/skip or the Skip button at the email question: no email, on to "anyone else?"."""
    await answered(update, ctx, tc.BTN_SKIP)
    return await _interviewers_so_far(update, ctx)


async def _interviewers_so_far(update: Update, ctx: Ctx) -> object:
    people = await ctx.store.interviewers.for_interview(await ensure_id(update, ctx))
    names = ", ".join(tc.esc(p.name) for p in people)
    return await ask(update, ctx, Q.MORE, lead=t.INTERVIEWERS_SO_FAR.format(names=names))


async def more_answer(update: Update, ctx: Ctx) -> object:
    """Another interviewer (yes), or on to the next open question (no)."""
    if matched(ctx, "more") == "yes":
        await answered(update, ctx, t.BTN_ADD_INTERVIEWER)
        return await ask(update, ctx, Q.INTERVIEWER)
    await answered(update, ctx, t.BTN_NO_MORE)
    return await advance(update, ctx)


async def more_typed(update: Update, ctx: Ctx) -> object:
    """ "Anyone else?" answered in words (case L13): names are the next interviewers ("Yes,
    Tom Baker"), "no" or "that's everyone" goes on, a bare "yes" asks for the name; when the
    meaning isn't clear, the user is told the question needs a button, and it is asked again."""
    reading = more_people(text_of(update))
    if reading == NO_MORE:
        return await advance(update, ctx)
    if reading == ONE_MORE:
        return await ask(update, ctx, Q.INTERVIEWER)
    if reading is None:
        await say(update, ctx, tc.TAP_A_BUTTON)
        return await ask(update, ctx, Q.MORE)
    if await too_long(update, ctx, 200):
        return None
    return await _add_interviewers(update, ctx, reading)
