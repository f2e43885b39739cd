"""Notes that mix a point about the interviewer with one about oneself never reach a letter
or a referee briefing whole (found by trying the bot as a new user)."""

from __future__ import annotations

import pytest

from bot.rules.voice import clause_for, reported

MIXED = "They asked about A/B testing; I should have mentioned the churn model"


def test_only_the_part_about_them_goes_into_the_thank_you() -> None:
    clause = clause_for(MIXED, "Priya Shah", alone=False)
    assert clause == "your team asked about A/B testing"


def test_only_the_part_about_them_goes_into_the_briefing() -> None:
    assert reported(MIXED, ["Priya Shah"]) == "The team asked about A/B testing."


@pytest.mark.parametrize(
    "note",
    [
        "Priya said my SQL answer was strong",
        "Tom thought I was a good fit",
        "They liked me I think",
        "I should have mentioned the churn model",
    ],
)
def test_notes_about_oneself_are_not_quoted(note: str) -> None:
    assert clause_for(note, "Priya Shah", alone=True) is None
    assert reported(note, ["Priya Shah", "Tom Lee"]) is None
