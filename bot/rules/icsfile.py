"""An iCalendar file of one interview's due steps, for /calendar: pure, no Telegram.

Events are in UTC (phones show them in their own zone); each has a stable UID so importing an
updated file moves the event instead of adding a copy.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.rules.coaching import Step, StepPlan
from bot.texts import common as tc
from bot.texts import journey as tj
from bot.texts import privacy as t

EVENT_LENGTH = timedelta(minutes=30)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    description: str
    start: datetime


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def events(
    interview_id: int, label: str, steps: Sequence[StepPlan], now: datetime
) -> list[CalendarEvent]:
    """Events for the pending steps still to come, plus the thank-you deadline."""
    found: list[CalendarEvent] = []
    for item in steps:
        if not item.is_open:
            continue
        reason = t.FOLLOWUP_DESCRIPTION.get(item.reason) or _plain(tj.REASONS.get(item.reason, ""))
        if item.due_at is not None and item.due_at >= now:
            found.append(
                CalendarEvent(
                    uid=f"afterview-{interview_id}-{item.step.value}",
                    summary=t.EVENT_SUMMARY.format(step=tc.STEP_NAMES[item.step], label=label),
                    description=reason,
                    start=item.due_at,
                )
            )
        if item.step is Step.THANKS and item.deadline is not None and item.deadline >= now:
            found.append(
                CalendarEvent(
                    uid=f"afterview-{interview_id}-thanks-deadline",
                    summary=t.EVENT_DEADLINE.format(label=label),
                    description=t.EVENT_DEADLINE_NOTE,
                    start=item.deadline,
                )
            )
    return sorted(found, key=lambda e: e.start)


def to_ics(items: Sequence[CalendarEvent], now: datetime) -> bytes:
    """The events as an iCalendar file (UTC times; `now` stamps them)."""
    from icalendar import Calendar, Event  # here: importing it costs ~0.1 s of every start-up

    cal = Calendar()
    cal.add("prodid", "-//Afterview//Interview coach//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t.CALENDAR_NAME)
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid}@afterview")
        event.add("dtstamp", now)
        event.add("dtstart", item.start)
        event.add("dtend", item.start + EVENT_LENGTH)
        event.add("summary", item.summary)
        event.add("description", item.description)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
