"""/social: step 5. Follow the company's pages now; connect with people after the decision.

The company follow is a LinkedIn search button plus any pages the user names (stored in
`social_pages`, several allowed). Personal connections wait for a final outcome (seed 000 and
COACHING.md); after it, each interviewer gets a LinkedIn note draft.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules import drafts
from bot.rules.coaching import FINAL_OUTCOMES, Step, StepState
from bot.rules.models import Interview
from bot.storage.journey import draft_facts
from bot.texts import common as tc
from bot.texts import drafts as td
from bot.texts import social as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    interview_for,
    mark_step,
    matched,
    matched_id,
    owned_interviewer,
    say,
    send_draft,
    stored_interview,
    text_of,
    too_long,
)
from conversations.general import show_next
from conversations.redraft import change_data

NS = "social"
PAGE_LIMIT = 300  # a page name or a link
LINKEDIN_SEARCH = "https://www.linkedin.com/search/results/companies/"
LABEL_COMPANY_MAX = 30  # keep the button label on one line
SENT_PATTERN = rf"^{NS}:sent:(?P<iid>[0-9]+):(?P<pid>[0-9]+)$"


class S(StrEnum):
    PAGES = "social.pages"


def linkedin_search_url(company: str | None) -> str:
    """LinkedIn's company search for the company (the bare search page when unknown)."""
    if not company:
        return LINKEDIN_SEARCH
    return f"{LINKEDIN_SEARCH}?{urlencode({'keywords': company})}"


def _short(text: str, limit: int = LABEL_COMPANY_MAX) -> str:
    return kb.shorten(text, limit)


async def _interview(update: Update, ctx: Ctx) -> Interview | None:
    """The interview of this step (saved as "social_id"), if it is still the user's."""
    return await stored_interview(update, ctx, "social_id")


def _pages_keyboard() -> Any:
    return kb.keyboard([[(t.BTN_DONE, kb.data(NS, "done")), (t.BTN_SKIP, kb.data(NS, "skip"))]])


async def _ask_pages(update: Update, ctx: Ctx, interview: Interview) -> None:
    pages = await ctx.store.social.for_interview(interview.id)
    text = t.ASK_PAGES
    if pages:
        listed = ", ".join(tc.esc(p.page) for p in pages)
        text = f"{t.PAGES_SO_FAR.format(pages=listed)}\n{text}"
    await say(update, ctx, text, _pages_keyboard())


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    interview = await _interview(update, ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return
    await say(update, ctx, t.REASK, _pages_keyboard())


# --- entry -----------------------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx)
    interview = await interview_for(update, ctx, "social")
    if interview is None:
        return END
    ctx.udata["social_id"] = interview.id
    company = interview.company
    button = (
        kb.Link(t.BTN_LINKEDIN.format(company=_short(company)), linkedin_search_url(company))
        if company
        else kb.Link(t.BTN_LINKEDIN_ANY, linkedin_search_url(None))
    )
    text = t.FOLLOW_COMPANY.format(
        label=tc.esc(interview.label),
        company=f"<b>{tc.esc(company)}</b>" if company else t.THE_COMPANY,
    )
    await say(update, ctx, text, kb.with_links([[button]]))
    await _personal(update, ctx, interview)
    await _ask_pages(update, ctx, interview)
    return S.PAGES


async def _personal(update: Update, ctx: Ctx, interview: Interview) -> None:
    """Before the decision: why to wait. After it: a LinkedIn note per interviewer."""
    if interview.outcome not in FINAL_OUTCOMES:
        await say(update, ctx, t.WAIT_PERSONAL)
        return
    people = await ctx.store.interviewers.for_interview(interview.id)
    if not people:
        await say(update, ctx, t.NO_INTERVIEWERS)
        return
    await say(update, ctx, t.CONNECT_NOW)
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, interview)
    for person in people:
        await send_draft(
            update,
            ctx,
            drafts.linkedin_note(facts, person),
            sent=kb.data(NS, "sent", interview.id, person.id),
            change=change_data(drafts.DraftKind.LINKEDIN, interview.id, person.id),
            review=kb.data("review", drafts.DraftKind.LINKEDIN.value, interview.id, person.id),
        )


async def linkedin_sent(update: Update, ctx: Ctx) -> object:
    """ "Sent it" under a LinkedIn note (SENT_PATTERN): works in the conversation and after it
    ended. The state stays as it was (None): inside the conversation its question stands."""
    owned = await owned_interviewer(update, ctx, matched_id(ctx, "iid"), matched_id(ctx, "pid"))
    if owned is None:
        return await linkedin_gone(update, ctx)
    await answered(update, ctx, td.BTN_SENT)
    await say(update, ctx, t.LINKEDIN_SENT.format(name=tc.esc(owned[1].name)))
    return None


async def linkedin_gone(update: Update, ctx: Ctx) -> object:
    """A "Sent it" whose interviewer is gone, someone else's, or whose data is malformed."""
    await answered(update, ctx)
    await say(update, ctx, t.LINKEDIN_GONE)
    return None


# --- pages -----------------------------------------------------------------------------------
async def add_page(update: Update, ctx: Ctx) -> object:
    if await too_long(update, ctx, PAGE_LIMIT):
        return None
    interview = await _interview(update, ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return END
    page = " ".join(text_of(update).split())
    if not page:
        await reask(update, ctx, S.PAGES)
        return None
    existing = await ctx.store.social.for_interview(interview.id)
    if any(p.page.casefold() == page.casefold() for p in existing):
        await say(update, ctx, t.PAGE_DUPLICATE.format(page=tc.esc(page)), _pages_keyboard())
        return None
    async with ctx.store.single() as tx:
        await tx.social.add(interview.id, page)
    listed = ", ".join(tc.esc(p) for p in [*(e.page for e in existing), page])
    await say(update, ctx, t.PAGE_ADDED.format(pages=listed), _pages_keyboard())
    return None


async def finish(update: Update, ctx: Ctx) -> object:
    """Done marks the step done; Skip (button or /skip) marks it skipped."""
    skipping = matched(ctx, "choice") != "done"  # /skip has no button data
    await answered(update, ctx, t.BTN_SKIP if skipping else t.BTN_DONE)
    interview = await _interview(update, ctx)
    if interview is None:
        await say(update, ctx, tc.NO_INTERVIEW)
        return END
    state = StepState.SKIPPED if skipping else StepState.DONE
    await mark_step(ctx, interview.id, Step.SOCIAL, state)
    template = t.SKIPPED if skipping else t.DONE
    await say(update, ctx, template.format(label=tc.esc(interview.label)))
    await show_next(update, ctx)
    return END


def handlers() -> Conversation:
    states: dict[StrEnum, list[Any]] = {
        S.PAGES: [
            MessageHandler(filters.TEXT & ~filters.COMMAND, add_page),
            CallbackQueryHandler(finish, pattern=rf"^{NS}:(?P<choice>done|skip)$"),
            CommandHandler("skip", finish),
        ],
    }
    return conversation(
        NS,
        commands=["social"],
        steps=["social"],
        entry=entry,
        states=states,
        reask=reask,
        # "Sent it" under a LinkedIn note still counts after the conversation has ended.
        buttons=[
            CallbackQueryHandler(linkedin_sent, pattern=SENT_PATTERN),
            CallbackQueryHandler(linkedin_gone, pattern=rf"^{NS}:sent:"),  # malformed
        ],
    )
