"""Step 0, preparing for an interview still to come: the checklist shown by /next, the Prepare
step's advice and the debrief of an interview that hasn't happened yet (bot/texts/prepare.py)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.rules.drafting import and_list
from bot.rules.models import Interview, Interviewer, Referee, User
from bot.rules.rounds import test_to_revise
from bot.rules.timing import TYPICAL_LENGTH, local_text, zone
from bot.storage import Store
from bot.texts import common as tc
from bot.texts import prepare as t
from bot.tg.context import Ctx


def starts_at(interview: Interview) -> datetime | None:
    """When the interview starts (aware): its stored time is its end, `TYPICAL_LENGTH` on."""
    return interview.held_at - TYPICAL_LENGTH if interview.held_at else None


def when_text(interview: Interview, tz: ZoneInfo, now: datetime) -> str:
    """When it starts, in the user's zone: "tomorrow 10:00"; "" when not known."""
    start = starts_at(interview)
    return local_text(start, tz, now) if start else ""


def where_text(interview: Interview) -> str:
    """Where it is, as the user typed it, escaped, to follow its time: " (video call)"."""
    place = " ".join((interview.place or "").split())
    return t.WHERE.format(place=tc.esc(place)) if place else ""


def checklist(
    interview: Interview,
    interviewers: list[Interviewer],
    referees: list[Referee],
    test: str | None,
    tz: ZoneInfo,
    now: datetime,
) -> str:
    """The things to do before the interview, with when it is, as one message (HTML).

    `test`: a test or task to revise for, as the user typed it; times in the user's zone."""
    company = t.WITH_COMPANY.format(company=tc.esc(interview.company)) if interview.company else ""
    when = when_text(interview, tz, now)
    lines = [t.WHEN.format(with_company=company, when=when, where=where_text(interview)), t.HEADER]
    waiting = [r.name for r in referees if not r.permission]
    if waiting:
        lines.append(t.REFEREES_WAITING.format(names=tc.esc(and_list(waiting))))
    elif referees:
        lines.append(t.REFEREES_READY)
    else:
        lines.append(t.REFEREES_ASK)
    if interviewers:
        lines.append(t.NAMES_KNOWN.format(names=tc.esc(and_list([p.name for p in interviewers]))))
    else:
        lines.append(t.NAMES_ASK)
    if test:
        lines.append(t.REVISE.format(test=tc.esc(test)))
    lines.append(t.NEXT_STAGE)
    if interview.held_at is not None:
        until = interview.held_at.astimezone(tz).strftime("%H:%M")
        lines.append(t.KEEP_FREE.format(until=until))
    return "\n".join([*lines, t.GOOD_LUCK])


async def prep_text(ctx: Ctx, user: User, interview: Interview) -> str:
    """The checklist for one of the user's interviews (`checklist_from` at the update's time)."""
    return await checklist_from(ctx.store, user, interview, ctx.now())


async def checklist_from(store: Store, user: User, interview: Interview, now: datetime) -> str:
    """The checklist for one of the user's interviews, read from `store`: its interviewers,
    the user's referees, and a test mentioned in it or in the round before; `now` aware.
    /next and the evening-before nudge both show this one list."""
    test = test_to_revise(interview)
    if test is None and interview.parent_id is not None:
        parent = await store.interviews.get(interview.parent_id)
        test = test_to_revise(parent) if parent is not None else None
    return checklist(
        interview,
        await store.interviewers.for_interview(interview.id),
        await store.referees.for_user(user.id),
        test,
        zone(user.tz),
        now,
    )
