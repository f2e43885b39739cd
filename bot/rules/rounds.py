"""Preparing the next round from the earlier one (issue 14; seed 000: "you may even learn
something about the next stage's testing criteria — allowing you to revise ahead of time")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.rules.models import Interview, Note

NOTES_SHOWN = 6  # the earlier round's notes shown before the next one, most recent last
NOTE_CHARS = 200
_TEST = re.compile(
    r"\b(tests?|assessments?|case stud(y|ies)|tasks?|exercises?|presentations?|technical|"
    r"coding|exams?|psychometric|take[- ]home|challenge)\b",
    re.I,
)


def test_to_revise(interview: Interview) -> str | None:
    """What the earlier round said about a test or task in the next stage ("a case study with
    the team lead"), as the user typed it; None when none was mentioned."""
    for said in (interview.next_stage, interview.process_info):
        if said and _TEST.search(said):
            return " ".join(said.split()).rstrip(" .")
    return None


def notes_to_show(notes: Sequence[Note]) -> list[str]:
    """The earlier round's notes to show (the last few, each cut to a line)."""
    shown = []
    for note in list(notes)[-NOTES_SHOWN:]:
        text = " ".join(note.body.split())
        shown.append(text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1] + "…")
    return shown
