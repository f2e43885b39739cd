"""Glue between stored rows and the pure coaching rules: facts in, plans out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.rules.coaching import Facts, NextStep, Step, StepPlan, StepState, next_step, plan
from bot.rules.drafts import DraftFacts
from bot.rules.models import Interview, Referee, User
from bot.rules.timing import zone
from bot.storage import Store


def _facts(
    user: User,
    interview: Interview,
    referees: list[Referee],
    states: dict[Step, StepState],
    followups: list[datetime],
) -> Facts:
    held_at = interview.held_at
    if held_at is None and states.get(Step.DEBRIEF, StepState.PENDING) is not StepState.PENDING:
        # Debriefed without saying when: a debrief follows the interview, so it was about
        # when the record was made. Before any debrief (a next round to be arranged), the
        # time is unknown and the rules plan only "when is it?".
        held_at = interview.created_at
    return Facts(
        interview_id=interview.id,
        held_at=held_at,
        logged_at=interview.created_at,
        tz=zone(user.tz),
        country=user.holidays,
        reply_by=interview.reply_by,
        states=states,
        followups_sent=followups,
        has_referees=bool(referees),
        referee_without_permission=any(not r.permission for r in referees),
        outcome=interview.outcome,
        outcome_at=interview.outcome_at,
        label=interview.label,
    )


async def facts_for(store: Store, user: User, interview: Interview) -> Facts:
    return _facts(
        user,
        interview,
        await store.referees.for_user(user.id),
        await store.interviews.steps(interview.id),
        await store.interviews.followups(interview.id),
    )


@dataclass(frozen=True)
class UserFacts:
    """What the rules need about all of one user's interviews, read with one query per
    table rather than three per interview (the nudge sync and /next run on every change)."""

    user: User
    interviews: list[Interview]  # active ones (and one asked for), oldest first
    referees: list[Referee]
    states: dict[int, dict[Step, StepState]]
    followups: dict[int, list[datetime]]

    def facts(self, interview: Interview) -> Facts:
        return _facts(
            self.user,
            interview,
            self.referees,
            self.states.get(interview.id, {}),
            self.followups.get(interview.id, []),
        )

    def plans(self, now: datetime) -> list[InterviewPlan]:
        """Every active interview with its step plan, oldest first."""
        return [
            InterviewPlan(i, plan(self.facts(i), now))
            for i in self.interviews
            if i.status == "active"
        ]


async def user_facts(store: Store, user: User, also: int | None = None) -> UserFacts:
    """`also`: an interview to include whatever its status (a closed one being synced)."""
    return UserFacts(
        user,
        await store.interviews.active_with(user.id, also),
        await store.referees.for_user(user.id),
        await store.interviews.steps_of_user(user.id),
        await store.interviews.followups_of_user(user.id),
    )


async def draft_facts(store: Store, user: User, interview: Interview) -> DraftFacts:
    """What the drafts may draw on: this interview's people, notes, follow-ups, referees."""
    return DraftFacts(
        interview=interview,
        interviewers=await store.interviewers.for_interview(interview.id),
        notes=await store.notes.for_interview(interview.id),
        sender=user.first_name,
        tz=zone(user.tz),
        followups_sent=await store.interviews.followups(interview.id),
        referees=await store.referees.for_user(user.id),
    )


@dataclass(frozen=True)
class InterviewPlan:
    interview: Interview
    steps: list[StepPlan]


async def plans_for_user(store: Store, user: User, now: datetime) -> list[InterviewPlan]:
    """Every active interview of the user with its step plan, oldest first."""
    return (await user_facts(store, user)).plans(now)


async def plan_for(store: Store, user: User, interview: Interview, now: datetime) -> list[StepPlan]:
    return plan(await facts_for(store, user, interview), now)


def pick_next(plans: list[InterviewPlan], now: datetime) -> tuple[Interview, NextStep] | None:
    found = next_step({p.interview.id: p.steps for p in plans}, now)
    if found is None:
        return None
    interview = next(p.interview for p in plans if p.interview.id == found.interview_id)
    return interview, found
