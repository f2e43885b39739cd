"""Change something, under every draft (issue 14): shorter, warmer or less formal, more formal,
without the extra point, and "I'll paste my own version" (then reviewed). For a thank-you also
"Add a point I forgot" (asked as "Start with I…") and "Say what I enjoyed" (asked as "Finish the
sentence: I enjoyed hearing about…"), so that what the user types fits the sentence it goes in.

The buttons carry the draft's kind, the interview and the person (interviewer or referee) or
the follow-up's number: they work from any message and are checked against the user who
pressed. A variant is shown with the draft's own Sent it button, so either copy can be marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update

from bot.rules import drafts
from bot.rules.models import Interview, Interviewer, Referee
from bot.storage.journey import draft_facts
from bot.terms import Draft, DraftKind, Style
from bot.texts import drafts as td
from bot.texts import redraft as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations.common import (
    answered,
    current_user,
    matched,
    matched_id,
    owned_interview,
    owned_interviewer,
    say,
    send_draft,
)

NS = "redo"
_KINDS = "|".join(k.value for k in DraftKind)
_WHERE = rf"(?P<kind>{_KINDS}):(?P<iid>[0-9]+):(?P<who>[0-9]+)"
MENU = rf"^{NS}:menu:{_WHERE}$"
STYLE = rf"^{NS}:(?P<style>short|warm|formal|plain):{_WHERE}$"
_PEOPLE = (DraftKind.THANK_YOU, DraftKind.LINKEDIN)
_REFEREES = (DraftKind.REFEREE_BRIEFING, DraftKind.REFEREE_THANKS)


@dataclass(frozen=True)
class Target:
    """The draft a button is about: its kind, the interview, and whom it is to."""

    kind: DraftKind
    interview: Interview
    person: Interviewer | None = None
    referee: Referee | None = None
    number: int = 1  # of a follow-up

    @property
    def who(self) -> int:
        """The id or number the buttons carry (0: the draft has no one in particular)."""
        found = self.person or self.referee
        return found.id if found else self.number if self.kind is DraftKind.FOLLOW_UP else 0


def change_data(kind: DraftKind, interview_id: int, who: int = 0) -> str:
    """The "Change something" button's data for a draft (`who`: the interviewer's or the
    referee's id, or the follow-up's number)."""
    return kb.data(NS, "menu", kind.value, interview_id, who)


async def target_of(update: Update, ctx: Ctx, kind: DraftKind, iid: int | None) -> Target | None:
    """The draft named by a button, if the interview (and the person) are the user's."""
    who = matched_id(ctx, "who")
    if kind in _PEOPLE:
        owned = await owned_interviewer(update, ctx, iid, who)
        return Target(kind, owned[0], person=owned[1]) if owned else None
    interview = await owned_interview(update, ctx, iid)
    if interview is None:
        return None
    if kind in _REFEREES:
        user = await current_user(update, ctx)
        referee = await ctx.store.referees.get_owned(user.id, who) if who else None
        return Target(kind, interview, referee=referee) if referee else None
    return Target(kind, interview, number=max(1, min(who or 1, 2)))


async def pressed(update: Update, ctx: Ctx) -> Target | None:
    """The draft named by the button pressed (kind, iid and who in its pattern), or None."""
    kind = matched(ctx, "kind")
    if kind is None:
        return None
    return await target_of(update, ctx, DraftKind(kind), matched_id(ctx, "iid"))


async def show(update: Update, ctx: Ctx, target: Target, style: Style = Style.STANDARD) -> None:
    """The draft in `style`, with its Sent it, Change something and Review mine buttons."""
    user = await current_user(update, ctx)
    facts = await draft_facts(ctx.store, user, target.interview)
    draft = _draft(target, facts, style)
    iid, who = target.interview.id, target.who
    await send_draft(
        update,
        ctx,
        draft,
        sent=_sent_data(target),
        change=change_data(target.kind, iid, who),
        review=_review_data(target),
    )


def _draft(target: Target, facts: drafts.DraftFacts, style: Style) -> Draft:
    match target.kind:
        case DraftKind.THANK_YOU:
            assert target.person is not None
            return drafts.thank_you(facts, target.person, style)
        case DraftKind.LINKEDIN:
            assert target.person is not None
            return drafts.linkedin_note(facts, target.person, style=style)
        case DraftKind.REFEREE_BRIEFING:
            assert target.referee is not None
            return drafts.referee_briefing(facts, target.referee, style)
        case DraftKind.REFEREE_THANKS:
            assert target.referee is not None
            return drafts.referee_thanks(facts, target.referee, style)
        case DraftKind.REJECTION_REPLY:
            return drafts.rejection_reply(facts, style)
        case _:
            return drafts.follow_up(facts, target.number, style)


def _sent_data(target: Target) -> str:
    """The draft's own Sent it button (each step owns the handler behind it)."""
    iid, who = target.interview.id, target.who
    match target.kind:
        case DraftKind.THANK_YOU:
            return kb.data("thanks", "sent", iid, who)
        case DraftKind.LINKEDIN if target.interview.outcome is None:
            return kb.data("social", "sent", iid, who)
        case DraftKind.LINKEDIN:
            return kb.data("outcome", "sent", iid, "li")
        case DraftKind.REFEREE_BRIEFING:
            return kb.data("referees", "sent", iid, who)
        case DraftKind.REFEREE_THANKS:
            return kb.data("outcome", "sent", iid, "ref")
        case DraftKind.REJECTION_REPLY:
            return kb.data("outcome", "sent", iid, "reply")
        case _:
            return kb.data("followup", "sent", iid, who)


async def menu(update: Update, ctx: Ctx) -> object:
    """ "Change something" (MENU): the variants this draft has."""
    target = await pressed(update, ctx)
    if target is None:
        await answered(update, ctx, notice=t.GONE)
        await say(update, ctx, t.GONE)
        return None
    await answered(update, ctx, td.BTN_CHANGE)
    await change_menu(update, ctx, target)
    return None


async def change_menu(update: Update, ctx: Ctx, target: Target) -> None:
    """The variants of `target`'s draft, as buttons."""
    where = (target.kind.value, target.interview.id, target.who)
    rows = [
        [
            (t.BTN_SHORTER, kb.data(NS, "short", *where)),
            (t.BTN_FORMAL, kb.data(NS, "formal", *where)),
        ],
        [(t.BTN_WARMER, kb.data(NS, "warm", *where))],
    ]
    if target.kind is DraftKind.THANK_YOU and target.person is not None:
        rows.append([(t.BTN_PLAIN, kb.data(NS, "plain", *where))])
        rows.append(
            [
                (t.BTN_ADD_POINT, kb.data("thanks", "change", target.interview.id, target.who)),
                (t.BTN_ENJOYED, kb.data(NS, "enjoyed", target.interview.id, target.who)),
            ]
        )
    if target.kind is DraftKind.REFEREE_BRIEFING:
        rows.append([(t.BTN_STRENGTHS, kb.data(NS, "strengths", *where[1:]))])
    review = _review_data(target)
    rows.append([(t.BTN_OWN, review)])
    await say(update, ctx, t.ASK, kb.keyboard(rows))


def _review_data(target: Target) -> str:
    iid, who = target.interview.id, target.who
    if target.kind is DraftKind.FOLLOW_UP or not who:
        return kb.data("review", target.kind.value, iid)
    return kb.data("review", target.kind.value, iid, who)


async def restyle(update: Update, ctx: Ctx) -> object:
    """A variant (STYLE): the draft again in that style."""
    target = await pressed(update, ctx)
    if target is None:
        await answered(update, ctx, notice=t.GONE)
        await say(update, ctx, t.GONE)
        return None
    style = Style(matched(ctx, "style") or Style.STANDARD)
    await answered(update, ctx, t.LEADS[style.value])
    await show(update, ctx, target, style)
    return None
