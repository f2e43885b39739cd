"""The outcome on an interview's card (issue 15): changed or cleared from there, even once the
interview is wrapped up (/outcome only looks at active ones).

Button data: `edit:oc:<iid>` asks, `edit:ocset:<iid>:<outcome|none>` sets. A change re-opens
a closed interview: what it closed for (the reply sent, Done) was about the old outcome, so the
outcome's own steps (outcome, keep in contact) are open again and the new outcome's path is
shown as /outcome shows it; other steps keep what the user did with them. Clearing it makes
the interview one still waiting for its answer.
"""

from __future__ import annotations

from telegram import Update

from bot.rules.coaching import Outcome, Step
from bot.rules.models import Interview
from bot.texts import common as tc
from bot.texts import edit as t
from bot.texts import outcome as to
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END
from conversations.common import answered, matched, matched_id, owned_interview, say
from conversations.edit_ask import E, gone
from conversations.edit_card import back_row, show_card
from conversations.edit_fields import NS
from conversations.outcome_paths import follow_path

_ID = "[0-9]{1,12}"
_VALUES = "|".join(o.value for o in Outcome)
ASK = rf"^{NS}:oc:(?P<iid>{_ID})$"
SET = rf"^{NS}:ocset:(?P<iid>{_ID}):(?P<outcome>{_VALUES}|none)$"
_BY_VALUE = {o.value: o for o in Outcome}
# The steps an outcome decides: opened again when it changes.
OUTCOME_STEPS = (Step.OUTCOME, Step.KEEP_CONTACT)


def outcome_shown(interview: Interview) -> str:
    """The outcome as the card shows it ("not this time"), or "–"."""
    return to.OUTCOME_NAMES[interview.outcome] if interview.outcome else t.NOT_GIVEN


async def ask_outcome(update: Update, ctx: Ctx) -> object:
    """The card's Outcome button: the five outcomes, Clear it, and Back."""
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    if interview is None:
        await gone(update, ctx)
        return None
    await answered(update, ctx, t.BTN_OUTCOME)
    iid = interview.id

    def button(o: Outcome) -> kb.Button:
        return (to.BUTTONS[o], kb.data(NS, "ocset", iid, o.value))

    rows = [
        [button(Outcome.OFFER), button(Outcome.REJECTED)],
        [button(Outcome.NEXT_ROUND), button(Outcome.WITHDRAWN)],
        [button(Outcome.WAITING), (t.BTN_CLEAR, kb.data(NS, "ocset", iid, "none"))],
        back_row(iid),
    ]
    now = t.NOW.format(value=outcome_shown(interview))
    text = t.ASK_OUTCOME.format(now=now, label=tc.esc(interview.label))
    await say(update, ctx, text, kb.keyboard(rows))
    # Like the card's other buttons: a field question left half-way is over.
    return END if ctx.pending is not None and ctx.pending.state == E.FIELD else None


async def set_outcome(update: Update, ctx: Ctx) -> object:
    """An outcome chosen on the card: stored (re-opening the interview), then its path; or
    cleared, then the card."""
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    value = matched(ctx, "outcome")
    outcome = _BY_VALUE.get(value or "")
    if interview is None or (outcome is None and value != "none"):
        await gone(update, ctx)
        return None
    await answered(update, ctx, to.BUTTONS[outcome] if outcome else t.BTN_CLEAR)
    if outcome is interview.outcome:
        await show_card(update, ctx, interview, lead=t.OUTCOME_SAME)
        return None
    was = outcome_shown(interview)
    async with ctx.store.transaction() as tx:
        await tx.interviews.clear_steps(interview.id, OUTCOME_STEPS)
        saved = await tx.interviews.update(
            interview.id,
            status="active",
            outcome=outcome,
            outcome_at=ctx.now() if outcome else None,
        )
    assert saved is not None
    if outcome is None:
        await show_card(update, ctx, saved, lead=t.CLEARED.format(what=t.BTN_OUTCOME, old=was))
        return None
    await say(update, ctx, t.OUTCOME_CHANGED.format(old=was, new=to.OUTCOME_NAMES[outcome]))
    return await follow_path(update, ctx, saved, outcome)
