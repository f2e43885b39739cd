"""Review my draft: the user pastes their own version of any draft and gets one line per
finding with its fix, or "ready to send". They can paste again as often as they like.

Entered by the "Review mine" button under a draft: `review:<kind>:<interview id>[:<person id>]`,
where the person is the interviewer (thank-you, LinkedIn, follow-up, reply) or the referee
(briefing, referee thanks). Every id is checked against the user, since data can be forged.
Each pasted version is stored, and the next thank-you to another interviewer is compared
with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.rules import drafts
from bot.rules.checks import ReviewFacts, review, words
from bot.rules.drafts import DraftFacts, DraftKind
from bot.rules.models import Interview, Interviewer, User
from bot.rules.parsing import MAX_TEXT
from bot.storage.journey import draft_facts
from bot.texts import common as tc
from bot.texts import review as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from conversations.common import (
    answered,
    conversation,
    current_user,
    matched,
    matched_id,
    owned_interview,
    say,
    text_of,
    too_long,
)

NS = "review"
MIN_WORDS_TO_REVIEW = 3  # fewer is a stray message, not a draft
TO_INTERVIEWER = frozenset({DraftKind.THANK_YOU, DraftKind.LINKEDIN})
TO_MAIN_CONTACT = frozenset({DraftKind.FOLLOW_UP, DraftKind.REJECTION_REPLY})
TO_REFEREE = frozenset({DraftKind.REFEREE_BRIEFING, DraftKind.REFEREE_THANKS})
# "review:<kind>:<interview id>[:<person id>]" (Done and Cancel carry no ids).
DRAFT_PATTERN = rf"^{NS}:(?P<kind>[a-z]+):(?P<iid>[0-9]+)(?::(?P<pid>[0-9]+))?$"


class R(StrEnum):
    PASTE = "review.paste"


@dataclass(frozen=True)
class Target:
    """The draft under review: which one, for whom, and what it is checked against."""

    kind: DraftKind
    interview_id: int
    person_id: int | None
    recipient: str | None
    facts: ReviewFacts


def draft_kind(text: str | None) -> DraftKind | None:
    """The kind of draft named in button or scratch data ("thanks", "linkedin"...), or None."""
    return next((kind for kind in DraftKind if kind.value == text), None)


async def load_target(
    ctx: Ctx, user: User, kind: DraftKind, interview: Interview, person_id: int | None
) -> Target | None:
    """The draft's facts, or None when the person isn't the user's (or no longer exists).

    `interview` must already be checked against the user (`owned_interview`)."""
    facts = await draft_facts(ctx.store, user, interview)
    found = await _recipient(ctx, user, kind, list(facts.interviewers), person_id)
    if found is None:
        return None
    recipient, person = found
    others = [p for p in facts.interviewers if person is None or p.id != person.id]
    if kind in TO_REFEREE:
        others = []
    other_notes = await _other_notes(ctx, facts, others) if kind is DraftKind.THANK_YOU else {}
    review_facts = ReviewFacts(
        kind=kind,
        recipient=recipient,
        role=drafts.role_name(interview),
        company=interview.company,
        other_people=[p.name for p in others],
        known_words=_known_words(facts),
        other_notes=other_notes,
        country=user.country,
    )
    return Target(kind, interview.id, person_id, recipient, review_facts)


async def _recipient(
    ctx: Ctx, user: User, kind: DraftKind, people: list[Interviewer], person_id: int | None
) -> tuple[str | None, Interviewer | None] | None:
    """Who the draft is for: (their name, the interviewer if it is one), or None when the
    person id names nobody of the user's. A follow-up or a reply without a person goes to the
    first interviewer (the main contact), or to nobody by name."""
    person = next((p for p in people if p.id == person_id), None)
    if kind in TO_INTERVIEWER:
        return (person.name, person) if person is not None else None
    if kind in TO_MAIN_CONTACT:
        if person_id is not None and person is None:
            return None
        person = person or (people[0] if people else None)
        return (person.name if person else None, person)
    referee = await ctx.store.referees.get_owned(user.id, person_id) if person_id else None
    return (referee.name, None) if referee is not None else None


async def _other_notes(
    ctx: Ctx, facts: DraftFacts, others: list[Interviewer]
) -> dict[str, list[str]]:
    """Each other interviewer's note: as we drafted it, and as the user last pasted it."""
    found: dict[str, list[str]] = {}
    for other in others:
        notes = [drafts.thank_you(facts, other).body]
        pasted = await ctx.store.reviews.latest(facts.interview.id, DraftKind.THANK_YOU, other.id)
        if pasted:
            notes.append(pasted)
        found[other.name] = notes
    return found


def _known_words(facts: DraftFacts) -> list[str]:
    """Words never flagged as misspelled: names, the company, the role, the user's own notes."""
    interview = facts.interview
    texts = [
        facts.sender,
        *(p.name for p in facts.interviewers),
        *(p.extra_point or "" for p in facts.interviewers),
        *(r.name for r in facts.referees),
        *(n.body for n in facts.notes),
    ]
    for value in (
        interview.company,
        interview.role,
        interview.went_well,
        interview.not_landed,
        interview.forgot_to_say,
        interview.next_stage,
        interview.process_info,
    ):
        texts.append(value or "")
    return [x for x in texts if x]


# --- handlers --------------------------------------------------------------------------------
async def entry(update: Update, ctx: Ctx) -> object:
    """A "Review mine" button (DRAFT_PATTERN): check the ids, then ask for the user's version.
    Another one while reviewing switches to its draft."""
    target = await _pressed(update, ctx)
    if target is None:
        await answered(update, ctx, notice=t.STALE)
        await say(update, ctx, t.STALE)
        return END
    await answered(update, ctx)
    ctx.udata["review"] = {
        "kind": target.kind.value,
        "interview_id": target.interview_id,
        "person_id": target.person_id,
    }
    await _ask(update, ctx, target)
    return R.PASTE


async def _pressed(update: Update, ctx: Ctx) -> Target | None:
    """The draft a "Review mine" button names, if its kind is known and its ids the user's."""
    kind, person_id = draft_kind(matched(ctx, "kind")), matched_id(ctx, "pid")
    if kind is None or (matched(ctx, "pid") is not None and person_id is None):
        return None  # an unknown kind, or a person id no row can have: forged
    interview = await owned_interview(update, ctx, matched_id(ctx, "iid"))
    if interview is None:
        return None
    return await load_target(ctx, await current_user(update, ctx), kind, interview, person_id)


async def _ask(update: Update, ctx: Ctx, target: Target) -> None:
    what = t.WHAT[target.kind.value]
    if target.recipient:
        text = t.ASK.format(what=what, name=tc.esc(target.recipient))
    else:
        text = t.ASK_NO_NAME.format(what=what)
    await say(update, ctx, text, _buttons())


def _buttons() -> Any:
    return kb.keyboard([[(t.BTN_DONE, kb.data(NS, "done"))]])


async def _current(update: Update, ctx: Ctx) -> Target | None:
    """The draft under review, from the scratch data entry() saved, if still the user's."""
    saved = ctx.udata.get("review")
    if not isinstance(saved, dict):
        return None
    kind = draft_kind(saved.get("kind"))
    interview_id, person_id = saved.get("interview_id"), saved.get("person_id")
    if kind is None or not isinstance(interview_id, int):
        return None
    if person_id is not None and not isinstance(person_id, int):
        return None
    interview = await owned_interview(update, ctx, interview_id)
    if interview is None:
        return None
    return await load_target(ctx, await current_user(update, ctx), kind, interview, person_id)


async def reask(update: Update, ctx: Ctx, state: Any) -> None:
    target = await _current(update, ctx)
    if target is None:
        await say(update, ctx, t.STALE)
        return
    await _ask(update, ctx, target)


async def pasted(update: Update, ctx: Ctx) -> object:
    """The user's version: store it, check it, answer with the findings or "ready"."""
    if await too_long(update, ctx, MAX_TEXT):
        return None
    target = await _current(update, ctx)
    if target is None:
        await say(update, ctx, t.STALE)
        return END
    text = text_of(update)
    if len(words(text)) < MIN_WORDS_TO_REVIEW:
        await say(update, ctx, t.TOO_SHORT_TO_REVIEW, _buttons())
        return None
    findings = review(text, target.facts)
    user = await current_user(update, ctx)
    async with ctx.store.single() as tx:
        await tx.reviews.add(
            user.id,
            target.interview_id,
            target.kind.value,
            target.person_id,
            text,
            [f.rule for f in findings],
        )
    if findings:
        lines = [t.finding_line(f.rule, f.values) for f in findings]
        reply = "\n".join([t.HEADER, *lines, "", t.AFTER])
    else:
        reply = f"{t.READY}\n\n{t.AFTER}"
    await say(update, ctx, reply, _buttons())
    return None  # stay: they may paste an edited version


async def done(update: Update, ctx: Ctx) -> object:
    await answered(update, ctx, t.BTN_DONE)
    ctx.udata.pop("review", None)
    await say(update, ctx, t.DONE)
    return END


def handlers() -> Conversation:
    text = filters.TEXT & ~filters.COMMAND
    states: dict[StrEnum, list[Any]] = {
        # Another "Review mine" button while reviewing is an entry point: it switches drafts.
        R.PASTE: [
            MessageHandler(text, pasted),
            CallbackQueryHandler(done, pattern=rf"^{NS}:done$"),
            CommandHandler("skip", done),
        ]
    }
    return conversation(
        NS,
        commands=[],
        steps=[],
        entry=entry,
        states=states,
        reask=reask,
        extra_entry_points=[CallbackQueryHandler(entry, pattern=DRAFT_PATTERN)],
    )
