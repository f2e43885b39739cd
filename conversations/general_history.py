"""Closed interviews as history, and same-titled interviews told apart (issue 15).

/status lists the active interviews' steps (conversations.general_next) and, below them, the
closed ones: each with its date, its outcome, the keep-in-touch nudge still to come and any
step left open when it closed. *choice*: a first round closed by "Next round" keeps its
unfinished steps visible there (as "left open") rather than carrying them over to the new
round: a thank-you or a briefing belongs to the round it was for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.rules.coaching import Step, plan
from bot.rules.models import Interview, User
from bot.rules.nudges import KEEP_IN_TOUCH
from bot.rules.timing import zone
from bot.storage.journey import UserFacts
from bot.texts import common as tc
from bot.texts import journey as tj
from bot.texts import outcome as to
from bot.tg.context import Ctx
from conversations.edit_card import cards_rows
from conversations.endings import INTERVIEWS_DATA, NEXT_DATA, onward

# Not "left open" in the history: the weekly nudge is the user's, not the interview's.
_NOT_LEFT = frozenset({Step.KEEP_TRYING})


def day_of(interview: Interview, tz: ZoneInfo) -> str:
    """The interview's day in the user's zone ("23 Nov"): when it was held, else logged."""
    return (interview.held_at or interview.created_at).astimezone(tz).strftime("%-d %b")


def labels_apart(interviews: Sequence[Interview], tz: ZoneInfo) -> dict[int, str]:
    """Each interview's label (plain text, not escaped), with its day added when another of
    `interviews` has the same label (and the time too when they share the day)."""
    counts = Counter(i.label for i in interviews)
    days = Counter((i.label, day_of(i, tz)) for i in interviews)
    found: dict[int, str] = {}
    for i in interviews:
        if counts[i.label] < 2:
            found[i.id] = i.label
            continue
        day = day_of(i, tz)
        if days[(i.label, day)] > 1:
            moment = (i.held_at or i.created_at).astimezone(tz)
            day = f"{day} {moment:%H:%M}"
        found[i.id] = tj.LABEL_ON_DAY.format(label=i.label, day=day)
    return found


async def history_blocks(ctx: Ctx, user: User, facts: UserFacts) -> list[str]:
    """One block per closed interview of the user, newest first (HTML); `facts`: the user's
    (`bot.storage.journey.user_facts`, read once for /status, not three queries each)."""
    every = await ctx.store.interviews.all_for(user.id)
    closed = [i for i in every if i.status != "active"]
    if not closed:
        return []
    tz, now = zone(user.tz), ctx.now()
    keep_in_touch = {
        r.interview_id: r.due_at
        for r in await ctx.store.reminders.upcoming(user.id, 100)
        if r.kind == KEEP_IN_TOUCH
    }
    lines = [tj.HISTORY_HEADER]
    for interview in sorted(closed, key=lambda i: -i.id):
        outcome = to.OUTCOME_NAMES[interview.outcome] if interview.outcome else tj.HISTORY_CLOSED
        line = tj.HISTORY_LINE.format(
            label=tc.esc(interview.label), day=day_of(interview, tz), outcome=outcome
        )
        due = keep_in_touch.get(interview.id)
        if due is not None:
            line += tj.HISTORY_KEEP_IN_TOUCH.format(when=due.astimezone(tz).strftime("%-d %b %Y"))
        steps = plan(facts.facts(interview), now)
        left = [tc.STEP_NAMES[s.step] for s in steps if s.is_open and s.step not in _NOT_LEFT]
        if left:
            line += tj.HISTORY_LEFT_OPEN.format(steps=", ".join(left))
        lines.append(line)
    return ["\n".join(lines)]


async def coming_up(ctx: Ctx, user: User) -> str | None:
    """When nothing is waiting: the next keep-in-touch nudge of a closed interview ("Coming
    up: a friendly hello to Acme around 24 Feb 2027"), or None."""
    found = [r for r in await ctx.store.reminders.upcoming(user.id, 100) if r.kind == KEEP_IN_TOUCH]
    if not found:
        return None
    interview = await ctx.store.interviews.get(found[0].interview_id)
    if interview is None:
        return None
    when = found[0].due_at.astimezone(zone(user.tz)).strftime("%-d %b %Y")
    return tj.COMING_UP_KEEP_IN_TOUCH.format(label=tc.esc(interview.label), when=when)


# Cards offered under /status: the first few interviews (the rest are in /interviews).
STATUS_CARDS = 6


def status_markup(
    interviews: Sequence[Interview] = (), labels: Mapping[int, str] | None = None
) -> InlineKeyboardMarkup:
    """Under /status: a button opening each of the first `STATUS_CARDS` `interviews`' card
    (to change or delete what was told; `labels` by id tell same-titled ones apart), then
    where to go next."""
    cards = cards_rows(interviews[:STATUS_CARDS], labels)
    return onward(NEXT_DATA, INTERVIEWS_DATA, above=cards)
