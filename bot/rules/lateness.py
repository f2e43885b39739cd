"""Whether a step is late: what /next, /status and the nudges call "overdue".

Pure rules over a step's plan (`bot.rules.coaching.StepPlan`) and the time now; no Telegram,
no SQL. A step is overdue once its due time is more than `OVERDUE_GRACE` past (*choice*: a
debrief due the moment the interview ends isn't late five minutes on; a nudge comes within the
same hour). A step already overdue when the interview was logged (told about days later) is
"overdue from the start": there was never a time the user could have met, so none is shown.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from bot.rules.coaching import StepPlan
from bot.terms import Step

OVERDUE_GRACE = timedelta(hours=1)

# Due times that are not deadlines: a question that waits for an answer ("when is it?"), the
# weekly encouragement, the hello months on, the "time to move on" talk.
NEVER_LATE = frozenset(
    {"debrief_when", "keep_trying", "keep_in_touch", "keep_contact_wait", "move_on"}
)


class Lateness(StrEnum):
    """Where a pending step stands against its due time."""

    LATER = "later"  # due in the future
    DUE = "due"  # due now (within the grace)
    OVERDUE = "overdue"  # past its due time by more than the grace
    OVERDUE_FROM_START = "overdue_from_start"  # already overdue when the interview was logged


def lateness(item: StepPlan, now: datetime, logged_at: datetime) -> Lateness | None:
    """How late the pending step `item` is at `now` (aware); None when it has no due time or
    isn't pending. `logged_at`: when the user told us about the interview (aware)."""
    if not item.is_open or item.due_at is None:
        return None
    return lateness_of(item.due_at, item.reason, now, logged_at)


def lateness_of(due_at: datetime, kind: str, now: datetime, logged_at: datetime) -> Lateness:
    """How late something due at `due_at` (aware) is at `now`. `kind`: the step's reason or
    the nudge's kind (some are never late, see NEVER_LATE); `logged_at`: when the interview (or
    the nudge) was first known, to tell "overdue from the start" apart."""
    if due_at > now:
        return Lateness.LATER
    if kind in NEVER_LATE or now - due_at < OVERDUE_GRACE:
        return Lateness.DUE
    if due_at + OVERDUE_GRACE <= logged_at:
        return Lateness.OVERDUE_FROM_START
    return Lateness.OVERDUE


def is_late(value: Lateness | None) -> bool:
    """True for both kinds of overdue."""
    return value in (Lateness.OVERDUE, Lateness.OVERDUE_FROM_START)


def still_to_come(held_at: datetime | None, now: datetime) -> bool:
    """True while the interview (ending at `held_at`, aware) hasn't ended: its debrief waits."""
    return held_at is not None and now < held_at


# Steps whose "start" button makes no sense before the interview has happened.
AFTER_THE_INTERVIEW = frozenset({Step.DEBRIEF, Step.REFLECT, Step.NOTES, Step.THANKS})
