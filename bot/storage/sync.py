"""Bring the stored nudges in line with the facts: the one function every change goes through.

`sync_interview` derives the nudges an interview wants (bot.rules.nudges over the coaching plan)
and updates the reminders table to match: new ones are added, moved ones rescheduled, ones no
longer wanted cancelled, delivered ones left alone. Running it twice changes nothing. It runs
inside the caller's transaction (a facts listener), and again just before a nudge is sent,
because time alone changes what is wanted (a thank-you is moot after 48 hours).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.rules import nudges
from bot.rules.coaching import Step, plan
from bot.rules.models import User
from bot.rules.timing import zone
from bot.storage import Store
from bot.storage.journey import UserFacts, user_facts
from bot.storage.reminders import DELIVERED, LIVE, NewReminder, Reminder, State


def quiet_of(user: User) -> nudges.Quiet:
    return nudges.Quiet.of(zone(user.tz), user.quiet_start, user.quiet_end)


async def sync_interview(tx: Store, interview_id: int, now: datetime) -> datetime | None:
    """Make the interview's stored nudges (and its user's weekly one) what the rules want.

    Returns the earliest due time it added or moved, so that the dispatcher can wake early.
    Reads a fixed handful of queries however many interviews the user has.
    """
    # The user's row locked first: on PostgreSQL the dispatcher's claim and the user's own
    # update may sync the same user's nudges in two transactions at once; the second waits,
    # then reads what the first wrote (bot/storage/lanes.py).
    user = await tx.users.owner_locked(interview_id)
    interview = await tx.interviews.get(interview_id) if user else None
    if interview is None or user is None:
        return None
    known = await user_facts(tx, user, also=interview_id)
    wanted: list[nudges.Wanted] = []
    if user.reminders_on:
        facts = known.facts(interview)
        wanted = nudges.for_interview(facts, plan(facts, now))
        if interview.status != "active":
            # A finished journey wants nothing more, except the hello three months on.
            wanted = [w for w in wanted if w.kind == nudges.KEEP_IN_TOUCH]
    everything = await tx.reminders.of_user(user.id)
    stored = [
        r for r in everything if r.interview_id == interview_id and r.kind != nudges.KEEP_TRYING
    ]
    soonest = await _reconcile(tx, user, stored, wanted, now)
    weekly_stored = [r for r in everything if r.kind == nudges.KEEP_TRYING]
    weekly = await sync_weekly(tx, user, now, known, weekly_stored)
    return min((d for d in (soonest, weekly) if d is not None), default=None)


async def sync_weekly(
    tx: Store,
    user: User,
    now: datetime,
    known: UserFacts | None = None,
    stored: Sequence[Reminder] | None = None,
) -> datetime | None:
    """The user's one weekly "keep trying" nudge, while any of their interviews waits.

    `known` and `stored`: what the caller has read already (spares reading it again)."""
    if stored is None:
        stored = await tx.reminders.weekly_for_user(user.id)
    wanted: list[nudges.Wanted] = []
    if user.reminders_on and user.weekly_on:
        if known is None:
            known = await user_facts(tx, user)
        carriers = [
            nudges.Carrier(p.interview.id, s.due_at, p.interview.created_at)
            for p in known.plans(now)
            for s in p.steps
            if s.step is Step.KEEP_TRYING and s.is_open and s.due_at is not None
        ]
        delivered = [r.sent_at or r.due_at for r in stored if r.state in DELIVERED]
        found = nudges.keep_trying(carriers, zone(user.tz), max(delivered, default=None))
        wanted = [found] if found else []
    return await _reconcile(tx, user, stored, wanted, now)


# A reminder's slot: (interview id, slot name); one live reminder per slot.
_Slot = tuple[int, str]


async def _reconcile(
    tx: Store,
    user: User,
    stored: Sequence[Reminder],
    wanted: Sequence[nudges.Wanted],
    now: datetime,
) -> datetime | None:
    """Make the `stored` reminders what is `wanted`: add, reschedule, cancel. Returns the
    earliest due time it added or moved (None: nothing)."""
    quiet = quiet_of(user)
    live, delivered, extra = _by_slot(stored)
    soonest: datetime | None = None
    added: list[NewReminder] = []
    for want in wanted:
        key = (want.interview_id, want.slot)
        existing = live.pop(key, None)
        if existing is not None:
            moved = await _move(tx, existing, want, now, quiet)
            if moved is None:
                continue
            due = moved
        elif key in delivered and delivered[key] >= want.rule_at:
            continue  # already went out for this (or a later) time
        else:
            new = _new(user, want, now, quiet)
            added.append(new)
            due = new.due_at
        soonest = due if soonest is None else min(soonest, due)
    if added:
        await tx.reminders.add_many(added, now)  # one prepared statement for a whole new journey
    extra.extend(row.id for row in live.values())
    if extra:
        await tx.reminders.cancel(extra, now)
    return soonest


def _by_slot(
    stored: Sequence[Reminder],
) -> tuple[dict[_Slot, Reminder], dict[_Slot, datetime], list[int]]:
    """The live reminder of each slot, the latest rule time delivered in each slot, and the ids
    of live duplicates (to cancel)."""
    live: dict[_Slot, Reminder] = {}
    delivered: dict[_Slot, datetime] = {}
    extra: list[int] = []
    for row in stored:
        key = (row.interview_id, row.slot)
        if row.state in LIVE:
            if key in live:
                extra.append(row.id)  # never expected; keep one live row per slot
            else:
                live[key] = row
        elif row.state in DELIVERED:
            delivered[key] = max(delivered.get(key, row.rule_at), row.rule_at)
    return live, delivered, extra


async def _move(
    tx: Store, existing: Reminder, want: nudges.Wanted, now: datetime, quiet: nudges.Quiet
) -> datetime | None:
    """Reschedule a live reminder to what is wanted; its new due time, None when unchanged."""
    if existing.snoozed and existing.rule_at == want.rule_at:
        return None  # the user's chosen time stands while the facts stay put
    floor = existing.created_at + nudges.NEW_NUDGE_GRACE
    due = nudges.due_time(want.rule_at, floor, now, quiet)
    unchanged = (existing.due_at, existing.rule_at, existing.kind, existing.snoozed)
    if unchanged == (due, want.rule_at, want.kind, False):
        return None
    await tx.reminders.reschedule(existing.id, want.kind, want.rule_at, due, now)
    return due


def _new(user: User, want: nudges.Wanted, now: datetime, quiet: nudges.Quiet) -> NewReminder:
    """A new reminder for what is wanted, due after the grace a new nudge gets."""
    due = nudges.due_time(want.rule_at, now + nudges.NEW_NUDGE_GRACE, now, quiet)
    state = State.PAUSED if user.paused else State.PENDING
    return NewReminder(
        user.id, want.interview_id, want.step, want.kind, want.slot, want.rule_at, due, state
    )
