"""The coaching rules of COACHING.md as pure functions.

Given one interview's stored facts and the time now, `plan()` returns every step's state, due
time and reason; `next_step()` picks what to do next across interviews. No Telegram, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.rules.timing import TYPICAL_LENGTH, add_business_days, at_local

# The journey's vocabulary lives in bot.terms (the texts use it too); callers import it from here.
from bot.terms import Outcome as Outcome
from bot.terms import Step as Step
from bot.terms import StepState as StepState

STEP_ORDER: tuple[Step, ...] = tuple(Step)
FINAL_OUTCOMES = frozenset({Outcome.OFFER, Outcome.REJECTED, Outcome.NEXT_ROUND, Outcome.WITHDRAWN})

# Timings from COACHING.md, named so the table can be read off the code.
PREPARE_AT = time(18, 0)  # the evening before
NOTES_AFTER = timedelta(hours=2)  # memory fades within hours
THANKS_AFTER = timedelta(hours=3)
THANKS_DEADLINE = timedelta(hours=24)
THANKS_TOO_LATE = timedelta(hours=48)
REFEREES_BUSINESS_DAYS = 1
FOLLOWUP_AFTER_TIMELINE_BD = 2
FOLLOWUP_NO_TIMELINE_BD = 5
SECOND_FOLLOWUP_BD = 5
MAX_FOLLOWUPS = 2
# *choice*: a follow-up due on a date (the employer's "by Friday") lands mid-morning.
DATE_DUE_AT = time(10, 0)
FEEDBACK_AFTER = timedelta(hours=24)
FEEDBACK_WITHIN = timedelta(days=7)
KEEP_IN_TOUCH_AFTER = timedelta(days=91)  # "a keep-in-touch nudge in 3 months"
KEEP_TRYING_EVERY = timedelta(days=7)


@dataclass(frozen=True)
class Facts:
    """What the coaching rules need to know about one interview."""

    interview_id: int
    held_at: datetime | None  # T: when the interview ended (aware); None: not known yet
    logged_at: datetime  # when the user first told us about it
    tz: ZoneInfo
    country: str | None = None
    reply_by: date | None = None
    states: Mapping[Step, StepState] = field(default_factory=dict)
    followups_sent: Sequence[datetime] = ()
    has_referees: bool = False
    referee_without_permission: bool = False
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    label: str = ""


@dataclass(frozen=True)
class StepPlan:
    step: Step
    state: StepState
    due_at: datetime | None  # when it should be done or nudged; None: waits on something
    reason: str  # a key into texts.reasons
    deadline: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state is StepState.PENDING


def first_followup_due(facts: Facts) -> datetime:
    if facts.reply_by is not None:
        anchor = at_local(facts.reply_by, DATE_DUE_AT, facts.tz)
        return add_business_days(anchor, FOLLOWUP_AFTER_TIMELINE_BD, facts.tz, facts.country)
    held_at = facts.held_at or facts.logged_at
    return add_business_days(held_at, FOLLOWUP_NO_TIMELINE_BD, facts.tz, facts.country)


def followup_due(facts: Facts) -> tuple[datetime, str]:
    """When the next follow-up (or the "move on" talk after two) is due, and why."""
    sent = sorted(facts.followups_sent)
    if not sent:
        reason = "followup_timeline" if facts.reply_by else "followup_no_timeline"
        return first_followup_due(facts), reason
    after_last = add_business_days(sent[-1], SECOND_FOLLOWUP_BD, facts.tz, facts.country)
    if len(sent) >= MAX_FOLLOWUPS:
        return after_last, "move_on"
    return after_last, "second_followup"


# Steps about the interview itself, moot once the employer has decided (an offer's referees
# are thanked in keep-in-contact; a next round has its own record with its own steps).
BEFORE_DECISION = (Step.NOTES, Step.THANKS, Step.SOCIAL, Step.REFEREES)


def _derived(facts: Facts, now: datetime) -> dict[Step, StepPlan]:
    if facts.held_at is None:
        return _undated(facts)
    plans = _dated(facts, facts.held_at, now)
    if facts.outcome in FINAL_OUTCOMES:
        for step in BEFORE_DECISION:
            plans[step] = replace(
                plans[step], state=StepState.NOT_APPLICABLE, due_at=None, deadline=None
            )
    return plans


def _undated(facts: Facts) -> dict[Step, StepPlan]:
    """An interview with no time yet (a next round to be arranged): nothing can be timed, so
    only "when is it?" is asked (the debrief starts with it); the rest waits for the date."""
    final = facts.outcome in FINAL_OUTCOMES
    pending = StepState.PENDING
    na = StepState.NOT_APPLICABLE
    plans = {step: StepPlan(step, pending, None, step.value) for step in STEP_ORDER}
    plans[Step.DEBRIEF] = StepPlan(Step.DEBRIEF, pending, facts.logged_at, "debrief_when")
    plans[Step.FOLLOWUP] = StepPlan(Step.FOLLOWUP, pending, None, "followup_no_timeline")
    if final:
        for step in BEFORE_DECISION:
            plans[step] = StepPlan(step, na, None, step.value)
        plans[Step.PREPARE] = StepPlan(Step.PREPARE, na, None, "prepare")
        f_state = StepState.DONE if facts.followups_sent else na
        plans[Step.FOLLOWUP] = StepPlan(Step.FOLLOWUP, f_state, None, "followup_no_timeline")
        plans[Step.OUTCOME] = StepPlan(Step.OUTCOME, StepState.DONE, None, "outcome")
        plans[Step.KEEP_TRYING] = StepPlan(Step.KEEP_TRYING, StepState.DONE, None, "keep_trying")
    plans[Step.KEEP_CONTACT] = _keep_contact(facts)
    return plans


def _dated(facts: Facts, t: datetime, now: datetime) -> dict[Step, StepPlan]:
    """The plan of an interview held (or to be held) at `t`: the steps right after it, then
    the ones that wait on the employer."""
    return _around(facts, t, now) | _waiting(facts, t)


def prepare_due(facts: Facts, t: datetime) -> datetime | None:
    """When to prepare for an interview ending at `t` (aware): the evening before (18:00 in
    the user's zone), or at once if it was logged later; None when it was logged after it
    started (nothing left to prepare). Independent of the time now, so that the reminders
    about it keep their times."""
    start = t - TYPICAL_LENGTH
    if facts.logged_at >= start:
        return None
    evening = at_local(t.astimezone(facts.tz).date() - timedelta(days=1), PREPARE_AT, facts.tz)
    return max(evening, facts.logged_at)


def _around(facts: Facts, t: datetime, now: datetime) -> dict[Step, StepPlan]:
    """Prepare, and the steps of the first day or so after the interview."""
    tz = facts.tz
    pending = StepState.PENDING
    na = StepState.NOT_APPLICABLE
    plans: dict[Step, StepPlan] = {}

    # 0. prepare: only for an interview logged in advance; moot once it has started.
    before, start = prepare_due(facts, t), t - TYPICAL_LENGTH
    if before is not None and now < start:
        plans[Step.PREPARE] = StepPlan(Step.PREPARE, pending, before, "prepare", deadline=start)
    else:
        plans[Step.PREPARE] = StepPlan(Step.PREPARE, na, None, "prepare")

    plans[Step.DEBRIEF] = StepPlan(Step.DEBRIEF, pending, t, "debrief")
    plans[Step.REFLECT] = StepPlan(Step.REFLECT, pending, t, "reflect")
    plans[Step.NOTES] = StepPlan(Step.NOTES, pending, t + NOTES_AFTER, "notes")

    if now >= t + THANKS_TOO_LATE:
        # Past 48 hours a thank-you would arrive late: it folds into the follow-up.
        plans[Step.THANKS] = StepPlan(Step.THANKS, na, None, "thanks_folded")
    else:
        plans[Step.THANKS] = StepPlan(
            Step.THANKS, pending, t + THANKS_AFTER, "thanks", deadline=t + THANKS_DEADLINE
        )
    plans[Step.SOCIAL] = StepPlan(Step.SOCIAL, pending, t + THANKS_AFTER, "social")

    if facts.has_referees and facts.referee_without_permission:
        # Seed 000: ask before the interview; if that didn't happen, as soon as possible.
        due, deadline = (before, start) if before is not None else (t, None)
        plans[Step.REFEREES] = StepPlan(
            Step.REFEREES, pending, due, "referees_permission", deadline=deadline
        )
    else:
        due = add_business_days(t, REFEREES_BUSINESS_DAYS, tz, facts.country)
        plans[Step.REFEREES] = StepPlan(Step.REFEREES, pending, due, "referees")
    return plans


def _waiting(facts: Facts, t: datetime) -> dict[Step, StepPlan]:
    """Follow-up, outcome, keep in contact, keep applying: the steps that wait on the employer,
    settled once a final outcome is known."""
    final = facts.outcome in FINAL_OUTCOMES
    pending = StepState.PENDING
    plans: dict[Step, StepPlan] = {}

    f_due, f_reason = followup_due(facts)
    if final:
        f_state = StepState.DONE if facts.followups_sent else StepState.NOT_APPLICABLE
        plans[Step.FOLLOWUP] = StepPlan(Step.FOLLOWUP, f_state, None, f_reason)
    elif len(facts.followups_sent) >= MAX_FOLLOWUPS:
        plans[Step.FOLLOWUP] = StepPlan(Step.FOLLOWUP, StepState.DONE, None, "move_on")
    else:
        plans[Step.FOLLOWUP] = StepPlan(Step.FOLLOWUP, pending, f_due, f_reason)

    if final:
        plans[Step.OUTCOME] = StepPlan(Step.OUTCOME, StepState.DONE, None, "outcome")
    else:
        reason = "move_on" if f_reason == "move_on" else "outcome"
        plans[Step.OUTCOME] = StepPlan(Step.OUTCOME, pending, f_due, reason)

    plans[Step.KEEP_CONTACT] = _keep_contact(facts)

    if final:
        plans[Step.KEEP_TRYING] = StepPlan(Step.KEEP_TRYING, StepState.DONE, None, "keep_trying")
    else:
        plans[Step.KEEP_TRYING] = StepPlan(
            Step.KEEP_TRYING, pending, t + KEEP_TRYING_EVERY, "keep_trying"
        )
    return plans


def _keep_contact(facts: Facts) -> StepPlan:
    at = facts.outcome_at or facts.held_at or facts.logged_at
    match facts.outcome:
        case Outcome.REJECTED:
            return StepPlan(
                Step.KEEP_CONTACT,
                StepState.PENDING,
                at + FEEDBACK_AFTER,
                "keep_contact_rejected",
                deadline=at + FEEDBACK_WITHIN,
            )
        case Outcome.OFFER:
            return StepPlan(Step.KEEP_CONTACT, StepState.PENDING, at, "keep_contact_offer")
        case Outcome.WITHDRAWN:
            return StepPlan(Step.KEEP_CONTACT, StepState.PENDING, at, "keep_contact_withdrawn")
        case Outcome.NEXT_ROUND:
            # The next round is a new interview record with its own steps.
            return StepPlan(Step.KEEP_CONTACT, StepState.NOT_APPLICABLE, None, "next_round")
        case _:
            return StepPlan(Step.KEEP_CONTACT, StepState.PENDING, None, "keep_contact_wait")


def plan(facts: Facts, now: datetime) -> list[StepPlan]:
    """Every step of one interview, in journey order, with stored choices applied."""
    derived = _derived(facts, now)
    result: list[StepPlan] = []
    for step in STEP_ORDER:
        item = derived[step]
        chosen = facts.states.get(step)
        # What the user chose (done, skipped) stands over what the rules derive.
        if chosen is not None and chosen is not StepState.PENDING:
            item = replace(item, state=chosen)
        result.append(item)
    return result


@dataclass(frozen=True)
class NextStep:
    interview_id: int
    plan: StepPlan
    due_now: bool


def next_step(plans: Mapping[int, Sequence[StepPlan]], now: datetime) -> NextStep | None:
    """The earliest pending step that is due, or else the soonest due, across interviews.

    Ties go to the earlier step of the journey, then to the older interview.
    """
    candidates: list[tuple[datetime, int, int, StepPlan]] = []
    for interview_id, steps in plans.items():
        for item in steps:
            if item.is_open and item.due_at is not None:
                candidates.append((item.due_at, STEP_ORDER.index(item.step), interview_id, item))
    if not candidates:
        return None
    due_at, _, interview_id, item = min(candidates, key=lambda c: (c[0], c[1], c[2]))
    return NextStep(interview_id, item, due_at <= now)


def open_steps(steps: Iterable[StepPlan]) -> list[StepPlan]:
    return [s for s in steps if s.is_open]


def is_finished(steps: Iterable[StepPlan]) -> bool:
    """True when nothing is left to do for the interview."""
    return not any(s.is_open for s in steps)
