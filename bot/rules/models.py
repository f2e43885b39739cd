"""Rows as pydantic models: what the repository returns."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from bot.rules.places import holiday_area
from bot.terms import Outcome, Step, StepState


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class User(_Row):
    id: int
    chat_id: int
    first_name: str = ""
    tz: str | None = None
    country: str | None = None
    # The holidays subdivision ("ENG", "ON"); "" when asked and left at the whole country,
    # None when never asked (users from before regions were asked; see conversations.start).
    region: str | None = None
    quiet_start: str = "21:00"
    quiet_end: str = "08:00"
    reminders_on: bool = True
    weekly_on: bool = True
    paused: bool = False
    current_interview_id: int | None = None
    created_at: datetime
    updated_at: datetime

    @property
    def holidays(self) -> str | None:
        """The calendar business days count with: "GB-ENG", "CA", or None (weekends only)."""
        return holiday_area(self.country, self.region or None)


class Interview(_Row):
    id: int
    user_id: int
    parent_id: int | None = None
    round: int = 1
    company: str | None = None
    role: str | None = None
    held_at: datetime | None = None
    next_stage: str | None = None
    asked_next_stage: bool | None = None
    reply_by: date | None = None
    reply_text: str | None = None
    process_info: str | None = None
    rating: int | None = None
    went_well: str | None = None
    not_landed: str | None = None
    place: str | None = None  # where an interview still to come is, as typed ("video call")
    forgot_to_say: str | None = None
    strengths: str | None = None  # the strengths the user picked for referees, one a line
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    status: str = "active"
    created_at: datetime
    updated_at: datetime

    @property
    def label(self) -> str:
        """How the bot names the interview to the user: "Designer at Acme (round 2)"."""
        role = self.role or "Interview"
        company = f" at {self.company}" if self.company else ""
        rnd = f" (round {self.round})" if self.round > 1 else ""
        return f"{role}{company}{rnd}"


class Interviewer(_Row):
    id: int
    interview_id: int
    name: str
    email: str | None = None
    extra_point: str | None = None
    job_title: str | None = None
    enjoyed: str | None = None  # "I enjoyed hearing about …", finished by the user
    address: str | None = None  # how the drafts greet them ("Priya", "Dr Ward"), asked once
    thanks_sent_at: datetime | None = None
    created_at: datetime


class Note(_Row):
    id: int
    interview_id: int
    body: str
    created_at: datetime


class SocialPage(_Row):
    id: int
    interview_id: int
    page: str
    created_at: datetime


class Referee(_Row):
    id: int
    user_id: int
    name: str
    contact: str | None = None
    relationship: str | None = None
    permission: bool = False
    address: str | None = None  # how the drafts greet them ("Helen", "Dr Ward"), asked once
    created_at: datetime


class StepRow(_Row):
    interview_id: int
    step: Step
    state: StepState
    updated_at: datetime
