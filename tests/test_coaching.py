"""The COACHING.md timing table, row by row, against the pure rules in bot/coaching.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.rules.coaching import (
    Facts,
    Outcome,
    Step,
    StepPlan,
    StepState,
    is_finished,
    next_step,
    plan,
)
from bot.rules.timing import add_business_days, at_local, defer_past_quiet, in_quiet_hours

LONDON = ZoneInfo("Europe/London")
TORONTO = ZoneInfo("America/Toronto")
# Tuesday 24 November 2026, 11:00 in London (= UTC in winter).
T = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


def facts(**overrides: object) -> Facts:
    values: dict[str, object] = {
        "interview_id": 1,
        "held_at": T,
        "logged_at": T + timedelta(minutes=5),
        "tz": LONDON,
        "country": "GB",
    }
    values.update(overrides)
    return Facts(**values)  # type: ignore[arg-type]


def step_of(steps: list[StepPlan], step: Step) -> StepPlan:
    return next(s for s in steps if s.step is step)


def test_row0_prepare_evening_before_when_logged_in_advance() -> None:
    logged = T - timedelta(days=3)
    steps = plan(facts(logged_at=logged), now=logged)
    prep = step_of(steps, Step.PREPARE)
    assert prep.state is StepState.PENDING
    assert prep.due_at == datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # 18:00 London, day before


def test_row0_prepare_at_once_when_logged_after_the_evening_before() -> None:
    logged = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    prep = step_of(plan(facts(logged_at=logged), now=logged), Step.PREPARE)
    assert prep.due_at == logged


def test_row0_prepare_not_applicable_after_the_interview_or_when_logged_after() -> None:
    assert (
        step_of(plan(facts(), now=T + timedelta(hours=1)), Step.PREPARE).state
        is StepState.NOT_APPLICABLE
    )
    logged = T - timedelta(days=2)
    assert (
        step_of(plan(facts(logged_at=logged), now=T + timedelta(minutes=1)), Step.PREPARE).state
        is StepState.NOT_APPLICABLE
    )


@pytest.mark.parametrize(
    ("step", "after"),
    [
        (Step.DEBRIEF, timedelta(0)),  # row 1: at once
        (Step.REFLECT, timedelta(0)),  # row 2: with the debrief
        (Step.NOTES, timedelta(hours=2)),  # row 3: T + 2 h
        (Step.THANKS, timedelta(hours=3)),  # row 4: nudge T + 3 h
        (Step.SOCIAL, timedelta(hours=3)),  # row 5: with the thank-you
    ],
)
def test_rows1_to_5_fixed_offsets(step: Step, after: timedelta) -> None:
    item = step_of(plan(facts(), now=T), step)
    assert item.state is StepState.PENDING
    assert item.due_at == T + after


def test_row4_thanks_deadline_and_never_past_48h() -> None:
    thanks = step_of(plan(facts(), now=T), Step.THANKS)
    assert thanks.deadline == T + timedelta(hours=24)
    assert step_of(plan(facts(), now=T + timedelta(hours=47)), Step.THANKS).is_open
    late = step_of(plan(facts(), now=T + timedelta(hours=48)), Step.THANKS)
    assert late.state is StepState.NOT_APPLICABLE


def test_row6_referees_one_business_day_later() -> None:
    assert step_of(plan(facts(), now=T), Step.REFEREES).due_at == T + timedelta(days=1)
    friday = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    monday = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    assert step_of(plan(facts(held_at=friday), now=friday), Step.REFEREES).due_at == monday


def test_row6_referees_at_once_without_permission() -> None:
    item = step_of(
        plan(facts(has_referees=True, referee_without_permission=True), now=T), Step.REFEREES
    )
    assert item.due_at == T and item.reason == "referees_permission"


def test_row6_business_days_skip_public_holidays() -> None:
    christmas_eve = datetime(2026, 12, 24, 11, 0, tzinfo=UTC)  # Thursday
    # Fri 25 (Christmas), Sat, Sun, Mon 28 (Boxing Day substitute) are not business days in GB.
    due = step_of(plan(facts(held_at=christmas_eve), now=christmas_eve), Step.REFEREES).due_at
    assert due == datetime(2026, 12, 29, 11, 0, tzinfo=UTC)
    # Without a country only the weekend counts.
    due = step_of(
        plan(facts(held_at=christmas_eve, country=None), now=christmas_eve), Step.REFEREES
    ).due_at
    assert due == datetime(2026, 12, 25, 11, 0, tzinfo=UTC)


def test_row7_followup_with_timeline_two_business_days_after() -> None:
    reply_by = date(2026, 11, 27)  # Friday
    item = step_of(plan(facts(reply_by=reply_by), now=T), Step.FOLLOWUP)
    # Fri + 2 business days = Tue 1 Dec, at 10:00 London.
    assert item.due_at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert item.reason == "followup_timeline"


def test_row7_followup_without_timeline_five_business_days() -> None:
    item = step_of(plan(facts(), now=T), Step.FOLLOWUP)
    assert item.due_at == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)  # Tue + 5 bd = next Tue
    assert item.reason == "followup_no_timeline"


def test_row7_second_followup_then_move_on() -> None:
    first = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
    item = step_of(plan(facts(followups_sent=[first]), now=first), Step.FOLLOWUP)
    assert (
        item.due_at == datetime(2026, 12, 8, 11, 0, tzinfo=UTC) and item.reason == "second_followup"
    )
    second = datetime(2026, 12, 8, 11, 0, tzinfo=UTC)
    steps = plan(facts(followups_sent=[first, second]), now=second)
    assert step_of(steps, Step.FOLLOWUP).state is StepState.DONE
    outcome = step_of(steps, Step.OUTCOME)
    assert outcome.reason == "move_on" and outcome.due_at == datetime(
        2026, 12, 15, 11, 0, tzinfo=UTC
    )


def test_row8_outcome_asked_when_followup_due_and_done_when_reported() -> None:
    steps = plan(facts(), now=T)
    assert step_of(steps, Step.OUTCOME).due_at == step_of(steps, Step.FOLLOWUP).due_at
    done = plan(facts(outcome=Outcome.OFFER, outcome_at=T + timedelta(days=3)), now=T)
    assert step_of(done, Step.OUTCOME).state is StepState.DONE
    assert step_of(done, Step.FOLLOWUP).state is StepState.NOT_APPLICABLE
    waiting = plan(facts(outcome=Outcome.WAITING, outcome_at=T), now=T)
    assert step_of(waiting, Step.OUTCOME).is_open and step_of(waiting, Step.FOLLOWUP).is_open


def test_row9_keep_in_contact_per_outcome() -> None:
    at = T + timedelta(days=6)
    rejected = step_of(
        plan(facts(outcome=Outcome.REJECTED, outcome_at=at), now=at), Step.KEEP_CONTACT
    )
    assert rejected.due_at == at + timedelta(hours=24)
    assert rejected.deadline == at + timedelta(days=7)
    offer = step_of(plan(facts(outcome=Outcome.OFFER, outcome_at=at), now=at), Step.KEEP_CONTACT)
    assert offer.due_at == at and offer.reason == "keep_contact_offer"
    nxt = step_of(plan(facts(outcome=Outcome.NEXT_ROUND, outcome_at=at), now=at), Step.KEEP_CONTACT)
    assert nxt.state is StepState.NOT_APPLICABLE
    before = step_of(plan(facts(), now=T), Step.KEEP_CONTACT)
    assert before.is_open and before.due_at is None


def test_row10_keep_trying_weekly_while_waiting() -> None:
    assert step_of(plan(facts(), now=T), Step.KEEP_TRYING).due_at == T + timedelta(days=7)
    after = plan(facts(outcome=Outcome.REJECTED, outcome_at=T), now=T)
    assert step_of(after, Step.KEEP_TRYING).state is StepState.DONE


def test_user_choices_stand_over_derived_states() -> None:
    steps = plan(facts(states={Step.NOTES: StepState.DONE, Step.THANKS: StepState.SKIPPED}), now=T)
    assert step_of(steps, Step.NOTES).state is StepState.DONE
    assert step_of(steps, Step.THANKS).state is StepState.SKIPPED


def test_next_step_is_earliest_due_across_interviews() -> None:
    a = plan(
        facts(interview_id=1, states={Step.DEBRIEF: StepState.DONE, Step.REFLECT: StepState.DONE}),
        now=T,
    )
    later = T + timedelta(hours=1)
    b = plan(facts(interview_id=2, held_at=later, logged_at=later), now=T)
    found = next_step({1: a, 2: b}, now=T + timedelta(hours=2))
    assert found is not None
    # Interview 2's debrief (due T+1h) comes before interview 1's notes (T+2h).
    assert (found.interview_id, found.plan.step) == (2, Step.DEBRIEF) and found.due_now
    # Nothing due yet: the soonest due, marked not due now.
    early = next_step({1: a}, now=T)
    assert early is not None and early.plan.step is Step.NOTES and not early.due_now


def test_next_step_none_and_finished_when_all_closed() -> None:
    closed = {s: StepState.DONE for s in Step}
    steps = plan(facts(states=closed), now=T)
    assert next_step({1: steps}, now=T) is None
    assert is_finished(steps)


def test_dst_keeps_wall_clock_time() -> None:
    # Friday 23 October 2026 10:00 London (BST); +5 business days crosses the 25 Oct change.
    before = at_local(date(2026, 10, 23), time(10, 0), LONDON)
    after = add_business_days(before, 5, LONDON, None)
    assert after.astimezone(LONDON).time() == time(10, 0)
    assert after - before == timedelta(days=7, hours=1)
    # A wall time inside the spring-forward gap moves forward, it does not vanish.
    gap = at_local(date(2026, 3, 29), time(1, 30), LONDON)
    assert gap.astimezone(LONDON).hour == 2


def test_quiet_hours_move_to_next_morning() -> None:
    start, end = time(21, 0), time(8, 0)
    late = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)
    assert in_quiet_hours(late, LONDON, start, end)
    assert defer_past_quiet(late, LONDON, start, end) == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    early = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    assert defer_past_quiet(early, LONDON, start, end) == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    noon = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert defer_past_quiet(noon, LONDON, start, end) == noon
    # In Toronto 22:30 UTC is 17:30 local: not quiet.
    assert not in_quiet_hours(late, TORONTO, start, end)


@pytest.mark.parametrize(
    "outcome", [Outcome.OFFER, Outcome.REJECTED, Outcome.WITHDRAWN, Outcome.NEXT_ROUND]
)
def test_decided_interview_no_longer_coaches_the_steps_before_the_decision(
    outcome: Outcome,
) -> None:
    at = T + timedelta(days=3)
    # *choice*: even after an offer the referee briefing is moot (they are thanked in keep
    # in contact), and a next round has its own record with its own referee step.
    decided = facts(
        outcome=outcome,
        outcome_at=at,
        states={Step.DEBRIEF: StepState.DONE, Step.REFLECT: StepState.DONE},
    )
    steps = plan(decided, now=at)
    for step in (Step.NOTES, Step.THANKS, Step.SOCIAL, Step.REFEREES):
        item = step_of(steps, step)
        assert item.state is StepState.NOT_APPLICABLE and item.due_at is None
    found = next_step({1: steps}, now=at)
    assert found is None or found.plan.step is Step.KEEP_CONTACT
    # What the user marked still stands.
    marked = replace(decided, states={Step.NOTES: StepState.DONE, Step.THANKS: StepState.SKIPPED})
    steps = plan(marked, now=at)
    assert step_of(steps, Step.NOTES).state is StepState.DONE
    assert step_of(steps, Step.THANKS).state is StepState.SKIPPED
    # Still waiting is no decision: the steps stay.
    waiting = plan(facts(outcome=Outcome.WAITING, outcome_at=T), now=T)
    assert all(step_of(waiting, s).is_open for s in (Step.NOTES, Step.SOCIAL, Step.REFEREES))


def test_interview_with_no_time_yet_only_asks_when() -> None:
    logged = T - timedelta(days=2)
    undated = facts(held_at=None, logged_at=logged)
    steps = plan(undated, now=T + timedelta(days=10))
    debrief = step_of(steps, Step.DEBRIEF)
    assert debrief.is_open and debrief.due_at == logged and debrief.reason == "debrief_when"
    others = [s for s in steps if s.step is not Step.DEBRIEF]
    assert all(s.due_at is None for s in others)
    found = next_step({1: steps}, now=T)
    assert found is not None and found.plan.step is Step.DEBRIEF
    # An outcome reported before any date still closes the journey the usual way.
    rejected = plan(replace(undated, outcome=Outcome.REJECTED, outcome_at=T), now=T)
    assert step_of(rejected, Step.OUTCOME).state is StepState.DONE
    assert step_of(rejected, Step.NOTES).state is StepState.NOT_APPLICABLE
    keep = step_of(rejected, Step.KEEP_CONTACT)
    assert keep.is_open and keep.due_at == T + timedelta(hours=24)
