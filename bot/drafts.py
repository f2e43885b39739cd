"""The drafts the bot writes (COACHING.md, "Drafts the bot writes"): pure functions of one
interview's facts. Plain text the user copies; the bot never sends email.

INTERFACE FIXED FOR THE CONVERSATIONS; bodies are being written (issue 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.models import Interview, Interviewer, Note, Referee

LINKEDIN_LIMIT = 200  # free accounts
LINKEDIN_PREMIUM_LIMIT = 300


class DraftKind(StrEnum):
    THANK_YOU = "thanks"
    FOLLOW_UP = "followup"
    REFEREE_BRIEFING = "briefing"
    LINKEDIN = "linkedin"
    REJECTION_REPLY = "rejection"
    REFEREE_THANKS = "refthanks"


@dataclass(frozen=True)
class Draft:
    kind: DraftKind
    recipient: str  # who it is for, as the user would name them ("Priya Shah")
    body: str  # the whole plain text to copy, greeting to sign-off
    subject: str | None = None  # email subject line, when it is an email
    limit: int | None = None  # a hard character limit (LinkedIn notes)

    @property
    def length(self) -> int:
        return len(self.body)


@dataclass(frozen=True)
class DraftFacts:
    """Everything a draft may draw on, loaded by `bot.journey.draft_facts`."""

    interview: Interview
    interviewers: Sequence[Interviewer]
    notes: Sequence[Note]
    sender: str  # the user's first name, for the sign-off
    tz: ZoneInfo
    followups_sent: Sequence[datetime] = field(default_factory=tuple)
    referees: Sequence[Referee] = field(default_factory=tuple)


def thank_you(facts: DraftFacts, person: Interviewer) -> Draft:
    """One per interviewer: greeting by name, thanks for their time on DATE, one specific thing
    from the notes, restated interest, the optional one-point addition (person.extra_point),
    "Yours sincerely" after a name."""
    raise NotImplementedError


def follow_up(facts: DraftFacts, number: int) -> Draft:
    """number 1 or 2. 3–4 sentences to the main contact (first interviewer): status check only."""
    raise NotImplementedError


def referee_briefing(facts: DraftFacts, referee: Referee) -> Draft:
    """Role, company, who may call, what the interviewer cared about, strengths to stress,
    anything awkward to smooth, likely timing."""
    raise NotImplementedError


def linkedin_note(facts: DraftFacts, person: Interviewer, premium: bool = False) -> Draft:
    """A connection note ≤ 200 characters (300 premium); only offered after a decision."""
    raise NotImplementedError


def rejection_reply(facts: DraftFacts) -> Draft:
    """Thanks, accepts the decision, one feedback question, open to future roles."""
    raise NotImplementedError


def referee_thanks(facts: DraftFacts, referee: Referee) -> Draft:
    """After the outcome: thank a referee and tell them how it went."""
    raise NotImplementedError
