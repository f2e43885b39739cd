"""Step 0 and overdue steps as pure rules (bot/rules/coaching.py, lateness.py, nudges.py).

T is the end of an interview on Tuesday 24 November 2026, 11:00 in London (UTC in winter): it
starts at 10:00.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.rules import nudges
from bot.rules.coaching import Facts, Step, StepPlan, StepState, plan, prepare_due
from bot.rules.lateness import (
    OVERDUE_GRACE,
    Lateness,
    is_late,
    lateness,
    lateness_of,
    still_to_come,
)

LONDON = ZoneInfo("Europe/London")
T = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
MONDAY_2PM = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
EVENING_BEFORE = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def facts(**values: object) -> Facts:
    base: dict[str, object] = {
        "interview_id": 3,
        "held_at": T,
        "logged_at": MONDAY_2PM,
        "tz": LONDON,
        "country": "GB",
    }
    base.update(values)
    return Facts(**base)  # type: ignore[arg-type]


def step_of(steps: list[StepPlan], step: Step) -> StepPlan:
    return next(s for s in steps if s.step is step)


# --- step 0 --------------------------------------------------------------------------------
def test_prepare_is_due_the_evening_before_and_ends_when_it_starts() -> None:
    prep = step_of(plan(facts(), MONDAY_2PM), Step.PREPARE)
    assert (prep.state, prep.due_at, prep.deadline) == (
        StepState.PENDING,
        EVENING_BEFORE,
        T - timedelta(hours=1),  # the start: nothing to prepare once it has begun
    )
    started = step_of(plan(facts(), T - timedelta(minutes=30)), Step.PREPARE)
    assert started.state is StepState.NOT_APPLICABLE


def test_prepare_due_does_not_depend_on_the_time_now() -> None:
    assert prepare_due(facts(), T) == EVENING_BEFORE
    late = T - timedelta(hours=3)  # logged the morning of it: at once
    assert prepare_due(facts(logged_at=late), T) == late
    assert prepare_due(facts(logged_at=T - timedelta(minutes=30)), T) is None  # already begun


def test_referees_permission_falls_due_before_the_interview() -> None:
    f = facts(has_referees=True, referee_without_permission=True)
    for now in (MONDAY_2PM, T + timedelta(days=1)):  # before and after: the same times
        ref = step_of(plan(f, now), Step.REFEREES)
        assert ref.reason == "referees_permission"
        assert ref.due_at == EVENING_BEFORE
        assert ref.deadline == T - timedelta(hours=1)
    # Told about it afterwards: at once, as before.
    told_after = facts(has_referees=True, referee_without_permission=True, logged_at=T)
    assert step_of(plan(told_after, T), Step.REFEREES).due_at == T


def test_referees_permission_nudge_comes_with_the_evening_before_one() -> None:
    f = facts(has_referees=True, referee_without_permission=True)
    before = {w.slot for w in nudges.for_interview(f, plan(f, MONDAY_2PM))}
    assert "prepare" in before and "referees_permission" not in before
    # After the interview the preparation is moot: the permission is nudged on its own.
    after = {w.slot: w for w in nudges.for_interview(f, plan(f, T))}
    assert after["referees_permission"].rule_at == EVENING_BEFORE
    # With permission given, the briefing keeps its time after the interview.
    ok = facts(has_referees=True)
    briefing = {w.slot: w for w in nudges.for_interview(ok, plan(ok, MONDAY_2PM))}
    assert briefing["referees"].rule_at == datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


def test_still_to_come_until_it_ends() -> None:
    assert still_to_come(T, T - timedelta(minutes=1))
    assert not still_to_come(T, T)
    assert not still_to_come(None, T)


# --- overdue -------------------------------------------------------------------------------
def test_lateness_of_a_step() -> None:
    thanks = step_of(plan(facts(logged_at=T), T), Step.THANKS)  # due T + 3 h
    due = T + timedelta(hours=3)
    assert lateness(thanks, due - timedelta(minutes=1), T) is Lateness.LATER
    assert lateness(thanks, due + timedelta(minutes=59), T) is Lateness.DUE
    at_2050 = datetime(2026, 11, 24, 20, 50, tzinfo=UTC)  # the issue: 20:50, due 14:00
    assert lateness(thanks, at_2050, T) is Lateness.OVERDUE
    assert is_late(lateness(thanks, at_2050, T))
    done = StepPlan(Step.THANKS, StepState.DONE, due, "thanks")
    assert lateness(done, at_2050, T) is None


def test_overdue_from_the_start_when_logged_days_late() -> None:
    logged = T + timedelta(days=3)
    notes = step_of(plan(facts(logged_at=logged), logged), Step.NOTES)  # due T + 2 h
    assert lateness(notes, logged, logged) is Lateness.OVERDUE_FROM_START
    # A step due the moment it was logged is due now, then overdue: never "from the start".
    assert lateness_of(logged, "debrief", logged, logged) is Lateness.DUE
    later = logged + OVERDUE_GRACE
    assert lateness_of(logged, "debrief", later, logged) is Lateness.OVERDUE


@pytest.mark.parametrize("kind", ["debrief_when", "keep_trying", "keep_in_touch", "move_on"])
def test_some_due_times_are_never_late(kind: str) -> None:
    assert lateness_of(T, kind, T + timedelta(days=30), T) is Lateness.DUE


def test_thanks_past_48_hours_folds_into_the_follow_up() -> None:
    steps = plan(facts(logged_at=T), T + timedelta(hours=49))
    thanks = step_of(steps, Step.THANKS)
    assert (thanks.state, thanks.reason, thanks.due_at) == (
        StepState.NOT_APPLICABLE,
        "thanks_folded",
        None,
    )
    assert step_of(steps, Step.FOLLOWUP).is_open
    # What the user chose stands: a thank-you sent stays done.
    sent = plan(facts(logged_at=T, states={Step.THANKS: StepState.DONE}), T + timedelta(hours=49))
    assert step_of(sent, Step.THANKS).state is StepState.DONE
