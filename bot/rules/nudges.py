"""Which nudges an interview wants, and when each may arrive: pure rules, no Telegram, no SQL.

The coaching rules (`bot.rules.coaching.plan`) say when each step is due. This module turns one
interview's plan into the nudges worth sending (COACHING.md's timing table plus its extras:
the thank-you deadline, the three-month keep-in-touch, the weekly "keep trying"), and places
each one in the user's day: never in quiet hours, never the instant it is created.

*choice*: steps the journey does together come as one nudge: the reflection with the debrief,
following the company with the thank-you, the outcome question with the follow-up, and a
referee's permission with the preparation before an interview still to come. The later one is
nudged on its own only once the first is out of the way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.rules.coaching import KEEP_IN_TOUCH_AFTER, Facts, Outcome, Step, StepPlan, StepState
from bot.rules.dates import day_label
from bot.rules.models import User
from bot.rules.quiet import NO_QUIET as NO_QUIET  # re-exported: quiet hours' old home
from bot.rules.quiet import hhmm as hhmm
from bot.rules.quiet import parse_quiet_hours as parse_quiet_hours
from bot.rules.timing import (
    at_local,
    defer_past_quiet,
    in_quiet_hours,
    local_text,
    parse_hhmm,
    zone,
)

# A nudge never interrupts what the user is doing: one whose time has already passed when it
# is first wanted (an interview logged late, a debrief left half-way) comes an hour later.
NEW_NUDGE_GRACE = timedelta(hours=1)
# After a weekly "keep trying" went out, the next one waits at least this long, even if the
# user snoozed the last one or quiet hours moved it.
KEEP_TRYING_MIN_GAP = timedelta(days=6)
KEEP_TRYING_EVERY_DAYS = 7
DEFAULT_MORNING = time(8, 0)  # "tomorrow morning" when the user has no quiet hours
SNOOZE_HOUR = timedelta(hours=1)

KEEP_TRYING = "keep_trying"
THANKS_DEADLINE = "thanks_deadline"
KEEP_IN_TOUCH = "keep_in_touch"

# step -> the step whose nudge already covers it while that one is still open
FOLDED_INTO: dict[Step, Step] = {
    Step.REFLECT: Step.DEBRIEF,
    Step.SOCIAL: Step.THANKS,
    Step.OUTCOME: Step.FOLLOWUP,
}


@dataclass(frozen=True)
class Quiet:
    """The user's quiet hours in their zone; start == end means none."""

    tz: ZoneInfo
    start: time
    end: time

    @classmethod
    def of(cls, tz: ZoneInfo, start: str, end: str) -> Quiet:
        return cls(tz, parse_hhmm(start), parse_hhmm(end))

    @classmethod
    def for_user(cls, user: User) -> Quiet:
        """The user's quiet hours, in their zone (London until asked)."""
        return cls.of(zone(user.tz), user.quiet_start, user.quiet_end)

    @property
    def on(self) -> bool:
        return self.start != self.end

    @property
    def morning(self) -> time:
        return self.end if self.on else DEFAULT_MORNING

    def active(self, moment: datetime) -> bool:
        return in_quiet_hours(moment, self.tz, self.start, self.end)

    def defer(self, moment: datetime) -> datetime:
        return defer_past_quiet(moment, self.tz, self.start, self.end)

    def due_text(self, moment: datetime, now: datetime) -> str:
        """When a nudge due at `moment` really comes, as the user reads it ("tomorrow 08:00"
        for 00:30): every due time shown agrees with its nudge. Aware datetimes."""
        return local_text(self.defer(moment), self.tz, now)

    def by_text(self, deadline: datetime, now: datetime) -> str:
        """A deadline as `local_text` says it, or its day alone ("Wed 2 Dec") when its time is
        in the quiet hours: nobody is asked to send a letter by 23:30."""
        if not self.active(deadline):
            return local_text(deadline, self.tz, now)
        return day_label(deadline.astimezone(self.tz).date())


@dataclass(frozen=True)
class Wanted:
    """One nudge the rules want: for which interview and step, why (`kind`), and when."""

    interview_id: int
    step: Step
    kind: str  # a key of bot.texts.nudges.WHY
    slot: str  # which nudge of the interview this is; one live row per slot
    rule_at: datetime


def for_interview(facts: Facts, steps: Sequence[StepPlan]) -> list[Wanted]:
    """The nudges one interview wants, from its plan (the weekly one is per user: see below).

    One per open step with a due time, except steps folded into another open step's nudge;
    plus the thank-you deadline and, after a rejection, the keep-in-touch three months on.
    """
    by_step = {s.step: s for s in steps}
    iid = facts.interview_id
    found: list[Wanted] = []
    for item in steps:
        if item.step is Step.KEEP_TRYING or not item.is_open or item.due_at is None:
            continue
        host = FOLDED_INTO.get(item.step)
        if host is not None and by_step[host].is_open:
            continue
        if item.reason == "referees_permission" and by_step[Step.PREPARE].is_open:
            continue  # the evening-before nudge asks for their permission already
        found.append(Wanted(iid, item.step, item.reason, _slot(item, facts), item.due_at))
        if item.step is Step.THANKS and item.deadline is not None:
            found.append(Wanted(iid, Step.THANKS, THANKS_DEADLINE, THANKS_DEADLINE, item.deadline))
    keep_contact = by_step[Step.KEEP_CONTACT].state
    if (
        facts.outcome is Outcome.REJECTED
        and facts.outcome_at is not None
        and keep_contact is not StepState.SKIPPED
    ):
        # Outlives the step being done: thanking them now doesn't replace saying hello later.
        found.append(
            Wanted(
                iid,
                Step.KEEP_CONTACT,
                KEEP_IN_TOUCH,
                KEEP_IN_TOUCH,
                facts.outcome_at + KEEP_IN_TOUCH_AFTER,
            )
        )
    return found


def _slot(item: StepPlan, facts: Facts) -> str:
    # The first and second follow-up are different nudges, whatever their reason says.
    if item.step is Step.FOLLOWUP:
        return f"followup:{len(facts.followups_sent) + 1}"
    return item.reason


@dataclass(frozen=True)
class Carrier:
    """An interview still waiting for an answer, which can carry the weekly nudge."""

    interview_id: int
    first_due: datetime  # the plan's keep-trying due time: a week after the interview
    logged_at: datetime


def keep_trying(
    carriers: Sequence[Carrier], tz: ZoneInfo, last_sent: datetime | None
) -> Wanted | None:
    """The user's next weekly "keep trying" nudge, while any interview waits (one per user).

    It rides on the interview that has waited longest, on the weekday and local time a week
    after that interview (DST-safe), and comes at least `KEEP_TRYING_MIN_GAP` after the last.
    """
    if not carriers:
        return None
    carrier = min(carriers, key=lambda c: (c.first_due, c.interview_id))
    after = carrier.logged_at
    if last_sent is not None:
        after = max(after, last_sent + KEEP_TRYING_MIN_GAP)
    first = carrier.first_due.astimezone(tz)
    weeks = max(0, (after.astimezone(tz).date() - first.date()).days // KEEP_TRYING_EVERY_DAYS)
    while True:
        day = first.date() + timedelta(days=KEEP_TRYING_EVERY_DAYS * weeks)
        moment = at_local(day, first.time().replace(tzinfo=None), tz)
        if moment > after:
            return Wanted(carrier.interview_id, Step.KEEP_TRYING, KEEP_TRYING, KEEP_TRYING, moment)
        weeks += 1


def due_time(rule_at: datetime, floor: datetime, now: datetime, quiet: Quiet) -> datetime:
    """When a nudge goes out: its rule time, not before `floor`, never in quiet hours.

    `floor` is the nudge's creation plus `NEW_NUDGE_GRACE`. A nudge already overdue is sent
    now, unless now is quiet: then it waits for the morning.
    """
    due = quiet.defer(max(rule_at, floor))
    if due <= now and quiet.active(now):
        due = quiet.defer(now)
    return due


# --- snoozing ------------------------------------------------------------------------------
def snooze_hour(now: datetime, quiet: Quiet) -> datetime:
    return quiet.defer(now + SNOOZE_HOUR)


def next_morning(now: datetime, quiet: Quiet) -> datetime:
    """The next start of the user's day (the end of their quiet hours) after now."""
    today = now.astimezone(quiet.tz).date()
    moment = at_local(today, quiet.morning, quiet.tz)
    return moment if moment > now else at_local(today + timedelta(days=1), quiet.morning, quiet.tz)


def snooze_days(now: datetime, quiet: Quiet, count: int = 6) -> list[date]:
    """Days to offer under "pick a day": the day after tomorrow onwards (tomorrow has a button)."""
    today = now.astimezone(quiet.tz).date()
    return [today + timedelta(days=n) for n in range(2, 2 + count)]


def on_day(day: date, quiet: Quiet) -> datetime:
    return at_local(day, quiet.morning, quiet.tz)
