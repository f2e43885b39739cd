"""Texts of everyday replies read for what they mean (bot/rules/intents.py): the question
still open after "what's next?", "I don't know" at a question, an outcome typed after /outcome,
and notes deleted in words ("delete 3 and 4")."""

from __future__ import annotations

STILL_OPEN = "↩️ <i>Still open, whenever you're ready (or /cancel to leave it):</i>"
DEBRIEF_AFTER_SETUP = "Great, let's debrief it right after this question."
# A one-word answer that reads as an action too ("Next" at the company question).
WHICH = "{answer}, or {action}?"
WHICH_ANSWER = "The {what} “{text}”"
WHICH_COMPANY, WHICH_ROLE, WHICH_NAME, WHICH_FIELD = "company", "role", "name", "answer"
WHICH_ACTIONS = {
    "next": ("what's next", "➡️ What's next?"),
    "help": ("do you need help", "❓ Help"),
    "status": ("your status", "📊 My status"),
    "cancel": ("stop here", "✋ Stop here"),
}
DONT_KNOW = "No problem, we can do without it."
OUTCOME_UNCLEAR = "I didn't recognise “{text}” as an outcome, so here are the choices."

NOTES_DELETED = "🗑 Deleted {which}. {count} left."
# Every note deleted, or none yet: no count of 0, and no "Read them back" (not shown then).
NOTES_ALL_DELETED = (
    "🗑 Deleted {which}. No notes left: send a new one, or tap <b>Skip this step</b>."
)
NOTES_NONE_YET = (
    "You have no notes yet, so there's no {which}. Send your first note, or tap "
    "<b>Skip this step</b>."
)
NOTES_NO_SUCH = (
    "You have {count}, so there's no {which}. Tap <b>Read them back</b> to see their numbers."
)


def note_numbers(numbers: tuple[int, ...]) -> str:
    """ "note 3", "notes 3 and 4", "notes 1, 2 and 5"."""
    shown = [str(n) for n in numbers]
    if len(shown) == 1:
        return f"note {shown[0]}"
    return f"notes {', '.join(shown[:-1])} and {shown[-1]}"
