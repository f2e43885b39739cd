"""/referees: step 6. Referees are added once and reused for every interview of the user.

Per interview: a briefing draft per referee ("Sent it" records it), and a referee whose
permission was never asked is flagged as urgent with a button to record that it's been asked.
When every referee is briefed for the interview, the step is done. Referee changes move the
coaching rules (Facts.referee_without_permission): the repository touches every active
interview of the user, whose nudges then follow before the update commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules import drafts
from bot.rules.coaching import Step, StepState
from bot.rules.models import Interview, Referee
from bot.storage.journey import draft_facts
from bot.texts import common as tc
from bot.texts import drafts as td
from bot.texts import referees as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    interview_for,
    mark_step,
    say,
    send_draft,
    text_of,
    too_long,
)
from conversations.general import show_next

NS = "referees"
NAME_LIMIT = 100
DETAIL_LIMIT = 200  # contact or relationship
LABEL_NAME_MAX = 24  # keep button labels on one line
YES_WORDS = frozenset({"yes", "y", "yep", "yeah", "done", "asked"})
NO_WORDS = frozenset({"no", "n", "not yet", "nope"})


class R(StrEnum):
    OVERVIEW = "referees.overview"
    NAME = "referees.name"
    CONTACT = "referees.contact"
    RELATIONSHIP = "referees.relationship"
    PERMISSION = "referees.permission"


# --- rendering -------------------------------------------------------------------------------
def _short(name: str) -> str:
    return kb.shorten(name, LABEL_NAME_MAX)


def overview(
    interview: Interview, referees: Sequence[Referee], briefed: set[int]
) -> tuple[str, InlineKeyboardMarkup]:
    """The list of referees for this interview (briefed, urgent) and its buttons."""
    lines = [t.OVERVIEW_HEADER.format(label=tc.esc(interview.label))]
    rows: list[list[tuple[str, str]]] = []
    for ref in referees:
        who = (
            t.WHO_WITH_RELATIONSHIP.format(
                name=tc.esc(ref.name), relationship=tc.esc(ref.relationship)
            )
            if ref.relationship
            else t.WHO.format(name=tc.esc(ref.name))
        )
        done = ref.id in briefed
        lines.append((t.LINE_BRIEFED if done else t.LINE_TO_BRIEF).format(who=who))
        row = []
        if not ref.permission:
            lines.append(t.LINE_NO_PERMISSION)
            row.append((t.BTN_ASKED.format(name=_short(ref.name)), kb.data(NS, "perm", ref.id)))
        if not done:
            # The interview id rides along: an older overview may be for another interview.
            brief_data = kb.data(NS, "brief", ref.id, interview.id)
            row.insert(0, (t.BTN_BRIEF.format(name=_short(ref.name)), brief_data))
        if row:
            rows.append(row)
    all_done = bool(referees) and all(r.id in briefed for r in referees)
    lines.append(t.OVERVIEW_ALL_BRIEFED if all_done else t.OVERVIEW_TIP)
    rows.append([(t.BTN_ADD, kb.data(NS, "add")), (t.BTN_LATER, kb.data(NS, "later"))])
    return "\n".join(lines), kb.keyboard(rows)


# --- the interview, the referees, the facts --------------------------------------------------
async def _interview(update: Update, ctx: Ctx) -> Interview | None:
    interview_id = ctx.udata.get("referees_id")
    if not isinstance(interview_id, int):
        return None
    user = await current_user(update, ctx)
    return await ctx.store.interviews.get_owned(user.id, interview_id)


async def _referee(update: Update, ctx: Ctx, raw: object) -> Referee | None:
    """The user's referee with this id (from button data or user_data), else None."""
    if isinstance(raw, str) and raw.isdigit():
        raw = int(raw)
    if not isinstance(raw, int):
        return None
    user = await current_user(update, ctx)
    return await ctx.store.referees.get_owned(user.id, raw)


async def show_overview(update: Update, ctx: Ctx, prefix: str | None = None) -> object:
    interview = await _interview(update, ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return END
    user = await current_user(update, ctx)
    referees = await ctx.store.referees.for_user(user.id)
    if not referees:
        return await _ask(update, ctx, R.NAME)
    text, markup = overview(interview, referees, await ctx.store.referees.briefed_ids(interview.id))
    await say(update, ctx, f"{prefix}\n\n{text}" if prefix else text, markup)
    return R.OVERVIEW


async def _ask(update: Update, ctx: Ctx, state: R) -> object:
    skip = [(t.BTN_SKIP, kb.data(NS, "skip"))]
    if state is R.NAME:
        await say(update, ctx, t.ASK_NAME, kb.keyboard([skip]))
        return state
    referee = await _referee(update, ctx, ctx.udata.get("referees_new"))
    if referee is None:
        return await show_overview(update, ctx, t.GONE)
    name = tc.esc(referee.name)
    if state is R.CONTACT:
        await say(update, ctx, t.ASK_CONTACT.format(name=name), kb.keyboard([skip]))
    elif state is R.RELATIONSHIP:
        await say(update, ctx, t.ASK_RELATIONSHIP.format(name=name), kb.keyboard([skip]))
    else:
        yes_no = [
            (t.BTN_YES, kb.data(NS, "asked", "yes")),
            (t.BTN_NOT_YET, kb.data(NS, "asked", "no")),
        ]
        await say(update, ctx, t.ASK_PERMISSION.format(name=name), kb.keyboard([yes_no]))
    return state


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    if state == R.OVERVIEW:
        await show_overview(update, ctx, t.REASK_OVERVIEW)
    else:
        await _ask(update, ctx, R(state))


# --- entry and the overview's buttons --------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx)
    interview = await interview_for(update, ctx, "referees")
    if interview is None:
        return END
    ctx.udata["referees_id"] = interview.id
    user = await current_user(update, ctx)
    if not await ctx.store.referees.for_user(user.id):
        await say(update, ctx, t.INTRO_NONE.format(label=tc.esc(interview.label)))
        return await _ask(update, ctx, R.NAME)
    return await show_overview(update, ctx)


def _arg(update: Update) -> str | None:
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS) or []
    return parts[1] if len(parts) == 2 else None


async def brief(update: Update, ctx: Ctx) -> object:
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS) or []
    referee = await _referee(update, ctx, parts[1] if len(parts) == 3 else None)
    interview = None
    if len(parts) == 3 and parts[2].isdigit():
        user = await current_user(update, ctx)
        interview = await ctx.store.interviews.get_owned(user.id, int(parts[2]))
        if interview is not None:
            ctx.udata["referees_id"] = interview.id
    if referee is None or interview is None:
        await answered(update, ctx)
        return await show_overview(update, ctx, t.GONE)
    # No edit of the overview: its buttons stay, to brief the next referee from it.
    await answered(update, ctx)
    if not referee.permission:
        await say(update, ctx, t.URGENT.format(name=tc.esc(referee.name)))
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, interview)
    await send_draft(
        update,
        ctx,
        drafts.referee_briefing(facts, referee),
        sent=kb.data(NS, "sent", interview.id, referee.id),
        change=None,
        review=kb.data("review", drafts.DraftKind.REFEREE_BRIEFING.value, interview.id, referee.id),
    )
    return None


async def briefed(update: Update, ctx: Ctx) -> object:
    """ "Sent it" under a briefing: works in the conversation and after it ended."""
    parts = kb.parse(update.callback_query.data if update.callback_query else None, NS) or []
    user = await current_user(update, ctx)
    interview = referee = None
    if len(parts) == 3 and parts[1].isdigit():
        interview = await ctx.store.interviews.get_owned(user.id, int(parts[1]))
        referee = await _referee(update, ctx, parts[2])
    if interview is None or referee is None:
        await answered(update, ctx)
        return await show_overview(update, ctx, t.GONE)
    await answered(update, ctx, td.BTN_SENT)
    ctx.udata["referees_id"] = interview.id
    async with ctx.store.transaction() as tx:
        await tx.referees.mark_briefed(interview.id, referee.id)
    done_ids = await ctx.store.referees.briefed_ids(interview.id)
    everyone = await ctx.store.referees.for_user(user.id)
    message = t.BRIEFED.format(name=tc.esc(referee.name))
    if all(r.id in done_ids for r in everyone):
        await mark_step(ctx, interview.id, Step.REFEREES, StepState.DONE)
        await say(update, ctx, f"{message}\n{t.ALL_BRIEFED.format(label=tc.esc(interview.label))}")
        await show_next(update, ctx)
        return END
    return await show_overview(update, ctx, message)


async def permission_asked(update: Update, ctx: Ctx) -> object:
    referee = await _referee(update, ctx, _arg(update))
    if referee is None:
        await answered(update, ctx)
        return await show_overview(update, ctx, t.GONE)
    await answered(update, ctx, t.BTN_ASKED.format(name=referee.name))
    async with ctx.store.transaction() as tx:
        await tx.referees.update(referee.id, permission=True)
    return await show_overview(update, ctx, t.PERMISSION_NOTED.format(name=tc.esc(referee.name)))


async def add(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, t.BTN_ADD)
    return await _ask(update, ctx, R.NAME)


async def later(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, t.BTN_LATER)
    await say(update, ctx, t.LATER)
    return END


async def skip_step(update: Update, ctx: Ctx) -> object:
    """/skip on the overview (or skipping the first name): the step is skipped."""
    await answered(update, ctx, t.BTN_SKIP)
    interview = await _interview(update, ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return END
    await mark_step(ctx, interview.id, Step.REFEREES, StepState.SKIPPED)
    await say(update, ctx, t.SKIPPED.format(label=tc.esc(interview.label)))
    await show_next(update, ctx)
    return END


# --- adding a referee: name, contact, relationship, permission -------------------------------
async def name_answer(update: Update, ctx: Ctx) -> object:
    if await too_long(update, ctx, NAME_LIMIT):
        return None
    name = " ".join(text_of(update).split())
    if not name:
        return await _ask(update, ctx, R.NAME)
    user = await current_user(update, ctx)
    async with ctx.store.transaction() as tx:
        referee = await tx.referees.add(user.id, name)
    ctx.udata["referees_new"] = referee.id
    return await _ask(update, ctx, R.CONTACT)


async def name_skip(update: Update, ctx: Ctx) -> object:
    user = await current_user(update, ctx)
    if await ctx.store.referees.for_user(user.id):
        await answered(update, ctx, t.BTN_SKIP)
        return await show_overview(update, ctx)
    return await skip_step(update, ctx)


def detail_answer(field: str, following: R) -> Any:
    async def handle(update: Update, ctx: Ctx) -> object:
        if update.message is not None and await too_long(update, ctx, DETAIL_LIMIT):
            return None
        referee = await _referee(update, ctx, ctx.udata.get("referees_new"))
        if referee is None:
            await answered(update, ctx)
            return await show_overview(update, ctx, t.GONE)
        if update.callback_query is not None or text_of(update).startswith("/"):
            await answered(update, ctx, t.BTN_SKIP)
        else:
            async with ctx.store.single() as tx:
                await tx.referees.update(referee.id, **{field: text_of(update)})
        return await _ask(update, ctx, following)

    return handle


async def permission_answer(update: Update, ctx: Ctx) -> object:
    data = _arg(update) if update.callback_query else None
    typed = text_of(update).lower().strip(" .!")
    if data == "yes" or (data is None and typed in YES_WORDS):
        asked = True
    elif data == "no" or (data is None and (typed in NO_WORDS or typed.startswith("/skip"))):
        asked = False
    else:
        await answered(update, ctx)
        await say(update, ctx, t.PERMISSION_HINT)
        return await _ask(update, ctx, R.PERMISSION)
    referee = await _referee(update, ctx, ctx.udata.get("referees_new"))
    if referee is None:
        await answered(update, ctx)
        return await show_overview(update, ctx, t.GONE)
    await answered(update, ctx, t.BTN_YES if asked else t.BTN_NOT_YET)
    async with ctx.store.transaction() as tx:
        await tx.referees.update(referee.id, permission=asked)
    ctx.udata.pop("referees_new", None)
    added = t.ADDED.format(name=tc.esc(referee.name))
    if not asked:
        added = f"{added}\n{t.URGENT.format(name=tc.esc(referee.name))}"
    return await show_overview(update, ctx, added)


def handlers() -> Conversation:
    text = filters.TEXT & ~filters.COMMAND

    def answer_or_skip(callback: Any) -> list[Any]:
        return [
            MessageHandler(text, callback),
            CommandHandler("skip", callback),
            CallbackQueryHandler(callback, pattern=rf"^{NS}:skip$"),
        ]

    states: dict[StrEnum, list[Any]] = {
        R.OVERVIEW: [
            CallbackQueryHandler(brief, pattern=rf"^{NS}:brief:"),
            CallbackQueryHandler(permission_asked, pattern=rf"^{NS}:perm:"),
            CallbackQueryHandler(add, pattern=rf"^{NS}:add$"),
            CallbackQueryHandler(later, pattern=rf"^{NS}:later$"),
            CommandHandler("skip", skip_step),
        ],
        R.NAME: [
            MessageHandler(text, name_answer),
            CommandHandler("skip", name_skip),
            CallbackQueryHandler(name_skip, pattern=rf"^{NS}:skip$"),
        ],
        R.CONTACT: answer_or_skip(detail_answer("contact", R.RELATIONSHIP)),
        R.RELATIONSHIP: answer_or_skip(detail_answer("relationship", R.PERMISSION)),
        R.PERMISSION: [
            CallbackQueryHandler(permission_answer, pattern=rf"^{NS}:asked:(yes|no)$"),
            MessageHandler(text, permission_answer),
            CommandHandler("skip", permission_answer),
        ],
    }
    return conversation(
        NS,
        commands=["referees"],
        steps=["referees"],
        entry=entry,
        states=states,
        reask=reask,
        # "Sent it" under a briefing still counts after the conversation has ended.
        extra_entry_points=[CallbackQueryHandler(briefed, pattern=rf"^{NS}:sent:")],
    )
