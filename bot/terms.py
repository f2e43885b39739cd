"""The terms the rules and the texts share: the journey's steps and their states, an
interview's outcome, the kinds of draft, and the values the texts show (a draft, the
operators' counts). No behaviour here: `bot.rules` decides with these terms and `bot.texts`
words them, so the texts never need the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Step(StrEnum):
    """The steps of the journey after an interview, in journey order."""

    PREPARE = "prepare"
    DEBRIEF = "debrief"
    REFLECT = "reflect"
    NOTES = "notes"
    THANKS = "thanks"
    SOCIAL = "social"
    REFEREES = "referees"
    FOLLOWUP = "followup"
    OUTCOME = "outcome"
    KEEP_CONTACT = "keep_contact"
    KEEP_TRYING = "keep_trying"


class StepState(StrEnum):
    """Where a step stands for one interview."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    NOT_APPLICABLE = "not_applicable"


class Outcome(StrEnum):
    """What the employer decided (or that the user is still waiting)."""

    OFFER = "offer"
    REJECTED = "rejected"
    NEXT_ROUND = "next_round"
    WITHDRAWN = "withdrawn"
    WAITING = "waiting"


class DraftKind(StrEnum):
    """The six drafts the bot writes (`bot.rules.drafts`)."""

    THANK_YOU = "thanks"
    FOLLOW_UP = "followup"
    REFEREE_BRIEFING = "briefing"
    LINKEDIN = "linkedin"
    REJECTION_REPLY = "rejection"
    REFEREE_THANKS = "refthanks"


class Style(StrEnum):
    """A variant of a draft the user asked for with "Change something" (issue 14)."""

    STANDARD = "standard"
    SHORTER = "short"
    WARMER = "warm"  # less formal: "Hi Priya," … "Kind regards,"
    FORMAL = "formal"  # "Dear Ms Shah," … no contractions
    PLAIN = "plain"  # without the extra point (the forgotten point, the smoothed answer)


@dataclass(frozen=True)
class Draft:
    """A draft to copy: plain text, with who it is for and its subject line or limit."""

    kind: DraftKind
    recipient: str  # who it is for, as the user would name them ("Priya Shah")
    body: str  # the whole plain text to copy, greeting to sign-off
    subject: str | None = None  # email subject line, when it is an email
    limit: int | None = None  # a hard character limit (LinkedIn notes)

    @property
    def length(self) -> int:
        return len(self.body)


@dataclass(frozen=True)
class Stats:
    """Counts for the operators' /stats (`bot.storage.stats`): aggregates only, no names."""

    users: int
    users_with_active: int
    interviews_active: int
    interviews_closed: int
    steps_done: dict[Step, int] = field(default_factory=dict)
    steps_skipped: dict[Step, int] = field(default_factory=dict)
    nudges: dict[str, int] | None = None  # None: no reminders table (yet)
