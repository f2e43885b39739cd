"""Texts of the small always-available actions: marking a step, free-text questions."""

from __future__ import annotations

STEP_MARKED_DONE = "✅ {step} marked done for {label}."
STEP_MARKED_SKIPPED = "➖ {step} skipped for {label}. You can still do it any time."
STEP_TIPS = "<b>{step}</b> · {label}\n{reason}"
BTN_MARK_DONE = "Done ✓"
BTN_MARK_SKIP = "Skip this step"
NOTHING_TO_SKIP = "There's no question to skip right now. Send /next to see what's next."

# Free text that means "what's next?" when no question is pending.
NEXT_PHRASES: tuple[str, ...] = (
    "what's next",
    "whats next",
    "what is next",
    "what now",
    "next step",
    "next steps",
    "next",
    "what should i do",
    "what do i do now",
    "now what",
    "what next",
)
