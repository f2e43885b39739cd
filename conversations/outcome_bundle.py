"""The words after an outcome as one or two messages, not six: several drafts in one message,
each with its own Change (and Review) button below.

Issue 15: a rejection sent the sympathy, the timing, the reply, the LinkedIn intro, one note per
interviewer and the closing words as six messages at once. A path now sends its first draft
with the words that lead to it, and everything else in one message ending with its buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import Update

from bot.rules.drafts import LINKEDIN_PREMIUM_LIMIT, Draft
from bot.texts import drafts as td
from bot.texts import outcome as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.limits import pack
from conversations.adviser_relay import ask_rows
from conversations.common import joined, say

# Telegram refuses messages over 4096 characters: a bundle that grows past this (a panel of
# eight interviewers) goes out as more than one message rather than not at all.
BUNDLE_BUDGET = 3500


@dataclass(frozen=True)
class Bundled:
    """One draft of a bundle, with its Change data and (when it can be reviewed) Review data."""

    draft: Draft
    change: str
    review: str | None = None


def rows_for(items: Sequence[Bundled]) -> list[list[kb.Button]]:
    """One row per draft: Change (and Review mine) naming whom it is for."""
    rows: list[list[kb.Button]] = []
    for item in items:
        name = item.draft.recipient
        row = [(t.BTN_CHANGE_FOR.format(name=name), item.change)]
        if item.review is not None:
            row.append((t.BTN_REVIEW_FOR.format(name=name), item.review))
        rows.append(row)
    return rows


async def say_draft(
    update: Update, ctx: Ctx, lead: str, draft: Draft, sent: str, change: str, review: str
) -> None:
    """`lead` and one draft in one message, with the buttons `send_draft` shows under a draft
    (conversations.common): Sent it, Change something, Review mine, Ask an adviser."""
    rows = [[(td.BTN_SENT, sent), (td.BTN_CHANGE, change)], [(td.BTN_REVIEW, review)]]
    rows += ask_rows(ctx.runtime.settings)
    text = joined(lead, td.render(draft, LINKEDIN_PREMIUM_LIMIT))
    await say(update, ctx, text, kb.keyboard(rows))


async def say_bundle(
    update: Update,
    ctx: Ctx,
    lead: Sequence[str],
    items: Sequence[Bundled],
    end: Sequence[str],
    tail: Sequence[Sequence[kb.Button]] = (),
) -> None:
    """`lead` paragraphs, the drafts and the `end` paragraphs in one message (more only past
    `BUNDLE_BUDGET` characters), with the drafts' buttons and then `tail`'s below the last."""
    pieces = [*lead, *(td.render(i.draft, LINKEDIN_PREMIUM_LIMIT) for i in items), *end]
    groups = pack([p for p in pieces if p], BUNDLE_BUDGET, "\n\n")
    rows = [*rows_for(items), *tail]
    for n, group in enumerate(groups, start=1):
        markup = kb.keyboard(rows) if n == len(groups) and rows else None
        await say(update, ctx, "\n\n".join(group), markup)


__all__ = ["BUNDLE_BUDGET", "Bundled", "rows_for", "say_bundle", "say_draft"]
